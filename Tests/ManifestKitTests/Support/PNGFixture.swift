import Foundation
import ManifestKit

/// Encodes PNGs for tests: real chunks and CRCs, a zlib stream of stored (uncompressed) deflate blocks.
enum PNGFixture {
    /// An 8-bit RGBA image whose pixels come from `pixel`.
    static func rgba(width: Int, height: Int, pixel: (Int, Int) -> RGBA) -> Data {
        var rows: [[UInt8]] = []
        for y in 0..<height {
            var row: [UInt8] = []
            for x in 0..<width {
                let p = pixel(x, y)
                row += [p.r, p.g, p.b, p.a]
            }
            rows.append(row)
        }
        return encode(width: width, height: height, colorType: 6, bitDepth: 8, rows: rows)
    }

    /// A PNG from raw scanlines (already packed for the colour type and bit depth), each with `filter`
    /// applied (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth), plus optional PLTE and tRNS chunks.
    static func encode(width: Int, height: Int, colorType: UInt8, bitDepth: UInt8, rows: [[UInt8]], filter: UInt8 = 0, palette: [UInt8]? = nil, transparency: [UInt8]? = nil, interlaced: Bool = false) -> Data {
        let channels: Int = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(colorType)] ?? 1
        let bytesPerPixel = max(1, channels * Int(bitDepth) / 8)
        var raw: [UInt8] = []
        var previous = [UInt8](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows {
            raw.append(filter)
            raw += applyFilter(filter, row, previous, bytesPerPixel)
            previous = row
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [bitDepth, colorType, 0, 0, interlaced ? 1 : 0]
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png += chunk("IHDR", header)
        if let palette { png += chunk("PLTE", palette) }
        if let transparency { png += chunk("tRNS", transparency) }
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    static func applyFilter(_ filter: UInt8, _ row: [UInt8], _ previous: [UInt8], _ step: Int) -> [UInt8] {
        row.indices.map { i in
            let a = i >= step ? Int(row[i - step]) : 0, b = Int(previous[i]), c = i >= step ? Int(previous[i - step]) : 0
            let predictor: Int
            switch filter {
            case 1: predictor = a
            case 2: predictor = b
            case 3: predictor = (a + b) / 2
            case 4:
                let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
            default: predictor = 0
            }
            return row[i] &- UInt8(predictor & 0xFF)
        }
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length >= data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + bigEndian(b << 16 | a)
    }

    static func chunk(_ type: String, _ body: [UInt8]) -> Data {
        let typed = Array(type.utf8) + body
        return Data(bigEndian(UInt32(body.count)) + typed + bigEndian(crc32(typed)))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return ~crc
    }
}
