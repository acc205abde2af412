import Foundation
import ManifestKit
import ZIPFoundation

/// Encodes PNG files for tests, without a compressor.
///
/// The chunks carry correct CRC-32s and the `IDAT` data is a correct zlib stream (header `78 01`, Adler-32 trailer)
/// made of stored, uncompressed deflate blocks. The encoder can apply any scanline filter and Adam7 interlacing, so
/// every path through the decoder can be reached from plain sample values.
enum PNGFixture {
    /// The scanline filter the encoder applies to every row.
    enum Filter: CaseIterable, Sendable {
        case none, sub, up, average, paeth
        /// Row `n` (counted across all passes) uses filter type `n % 5`.
        case mixed

        func type(forRow row: Int) -> UInt8 {
            switch self {
            case .none: 0
            case .sub: 1
            case .up: 2
            case .average: 3
            case .paeth: 4
            case .mixed: UInt8(row % 5)
            }
        }
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Every colour type with every bit depth the PNG specification allows for it.
    static let legalFormats: [(PNGColorType, Int)] = [
        (.grayscale, 1), (.grayscale, 2), (.grayscale, 4), (.grayscale, 8), (.grayscale, 16), (.truecolor, 8), (.truecolor, 16),
        (.indexed, 1), (.indexed, 2), (.indexed, 4), (.indexed, 8), (.grayscaleAlpha, 8), (.grayscaleAlpha, 16),
        (.truecolorAlpha, 8), (.truecolorAlpha, 16),
    ]

    /// An 8-bit truecolor-with-alpha PNG whose pixel at column `x`, row `y` is `pixel(x, y)`.
    static func rgba(width: Int, height: Int, interlaced: Bool = false, filter: Filter = .none, pixel: (_ x: Int, _ y: Int) -> RGBA) -> Data {
        encode(width: width, height: height, colorType: .truecolorAlpha, bitDepth: 8, interlaced: interlaced, filter: filter) { x, y in
            let value = pixel(x, y)
            return [Int(value.r), Int(value.g), Int(value.b), Int(value.a)]
        }
    }

    /// A PNG whose pixel at column `x`, row `y` has the samples `samples(x, y)`: one value below `1 << bitDepth` per
    /// channel (a palette index for indexed images), in the colour type's channel order.
    /// - Parameter idatSize: When set, the zlib stream is split into `IDAT` chunks of at most this many bytes.
    static func encode(
        width: Int, height: Int, colorType: PNGColorType, bitDepth: Int, palette: [UInt8]? = nil, transparency: [UInt8]? = nil,
        interlaced: Bool = false, filter: Filter = .none, idatSize: Int? = nil, samples: (_ x: Int, _ y: Int) -> [Int]
    ) -> Data {
        let passes = interlaced ? adam7 : [(x: 0, y: 0, dx: 1, dy: 1)]
        let rowsByPass = passes.map { pass in
            stride(from: pass.y, to: height, by: pass.dy).map { y in
                pack(stride(from: pass.x, to: width, by: pass.dx).flatMap { samples($0, y) }, bitDepth: bitDepth)
            }
        }.filter { rows in rows.first?.isEmpty == false }
        let scanlines = filtered(rowsByPass, bytesPerPixel: max(1, channels(colorType) * bitDepth / 8), filter: filter)
        return file(
            width: width, height: height, colorType: colorType, bitDepth: bitDepth, interlaced: interlaced,
            palette: palette, transparency: transparency, scanlines: scanlines, idatSize: idatSize)
    }

    /// A non-interlaced PNG from rows already packed for the colour type and bit depth (without filter bytes).
    static func encode(
        width: Int, height: Int, colorType: PNGColorType, bitDepth: Int, rows: [[UInt8]],
        palette: [UInt8]? = nil, transparency: [UInt8]? = nil, filter: Filter = .none
    ) -> Data {
        let scanlines = filtered([rows], bytesPerPixel: max(1, channels(colorType) * bitDepth / 8), filter: filter)
        return file(
            width: width, height: height, colorType: colorType, bitDepth: bitDepth, interlaced: false,
            palette: palette, transparency: transparency, scanlines: scanlines, idatSize: nil)
    }

    /// A PNG from header fields and scanline bytes that already carry their filter bytes, stored as given.
    static func file(
        width: Int, height: Int, colorType: PNGColorType, bitDepth: Int, interlaced: Bool,
        palette: [UInt8]?, transparency: [UInt8]?, scanlines: [UInt8], idatSize: Int?
    ) -> Data {
        var chunks = [
            ("IHDR", header(width: width, height: height, bitDepth: bitDepth, colorType: colorType.rawValue, interlace: interlaced ? 1 : 0))
        ]
        if let palette { chunks.append(("PLTE", palette)) }
        if let transparency { chunks.append(("tRNS", transparency)) }
        let stream = zlibStored(scanlines)
        let size = max(1, idatSize ?? stream.count)
        for start in stride(from: 0, to: stream.count, by: size) {
            chunks.append(("IDAT", Array(stream[start..<min(start + size, stream.count)])))
        }
        chunks.append(("IEND", []))
        return file(chunks)
    }

    /// A PNG file: the signature and then each chunk, with its length and CRC.
    static func file(_ chunks: [(String, [UInt8])]) -> Data {
        chunks.reduce(Data(signature)) { $0 + chunk($1.0, $1.1) }
    }

    /// The 13 bytes of an `IHDR` chunk; any values, legal or not.
    static func header(width: Int, height: Int, bitDepth: Int, colorType: UInt8, interlace: UInt8 = 0) -> [UInt8] {
        bigEndian(UInt32(truncatingIfNeeded: width)) + bigEndian(UInt32(truncatingIfNeeded: height))
            + [UInt8(truncatingIfNeeded: bitDepth), colorType, 0, 0, interlace]
    }

    /// One chunk: length, type, body and the CRC-32 of type and body.
    static func chunk(_ type: String, _ body: [UInt8]) -> Data {
        let covered = Array(type.utf8) + body
        return Data(bigEndian(UInt32(body.count)) + covered + bigEndian(crc32(covered)))
    }

    /// A zlib stream of stored deflate blocks (at most 65,535 bytes each) holding `bytes`.
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var stream: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let count = min(65_535, bytes.count - start)
            let isFinal: UInt8 = start + count == bytes.count ? 1 : 0
            let length = UInt16(count)
            stream += [isFinal, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            stream += bytes[start..<(start + count)]
            start += count
        } while start < bytes.count
        return stream + bigEndian(adler32(bytes))
    }

    /// A zlib stream (header `78 9C`, Adler-32 trailer) around real deflate compression by ZIPFoundation.
    static func deflated(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = Data(bytes)
        var output = Data()
        _ = try Data.compress(
            size: Int64(input.count), bufferSize: 64 * 1_024,
            provider: { position, size in
                input.subdata(in: Int(position)..<(Int(position) + size))
            }, consumer: { output.append($0) })
        return [0x78, 0x9C] + Array(output) + bigEndian(adler32(bytes))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    // MARK: - Scanlines

    private static let adam7 = [
        (x: 0, y: 0, dx: 8, dy: 8), (x: 4, y: 0, dx: 8, dy: 8), (x: 0, y: 4, dx: 4, dy: 8), (x: 2, y: 0, dx: 4, dy: 4),
        (x: 0, y: 2, dx: 2, dy: 4), (x: 1, y: 0, dx: 2, dy: 2), (x: 0, y: 1, dx: 1, dy: 2),
    ]

    static func channels(_ colorType: PNGColorType) -> Int {
        switch colorType {
        case .grayscale, .indexed: 1
        case .grayscaleAlpha: 2
        case .truecolor: 3
        case .truecolorAlpha: 4
        }
    }

    /// Samples packed most significant bit first; 16-bit samples big-endian; the last byte padded with zero bits.
    private static func pack(_ samples: [Int], bitDepth: Int) -> [UInt8] {
        switch bitDepth {
        case 16: return samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case 8: return samples.map { UInt8($0) }
        default:
            var bytes = [UInt8](repeating: 0, count: (samples.count * bitDepth + 7) / 8)
            for (index, sample) in samples.enumerated() {
                let bit = index * bitDepth
                bytes[bit / 8] |= UInt8(sample << (8 - bitDepth - bit % 8))
            }
            return bytes
        }
    }

    /// Each row preceded by its filter type and filtered; the previous row starts over (as zeros) in every pass.
    private static func filtered(_ passes: [[[UInt8]]], bytesPerPixel step: Int, filter: Filter) -> [UInt8] {
        var output: [UInt8] = [], rowNumber = 0
        for rows in passes {
            var previous: [UInt8]?
            for row in rows {
                let type = filter.type(forRow: rowNumber)
                output.append(type)
                for i in row.indices {
                    let left = i >= step ? Int(row[i - step]) : 0
                    let up = previous.map { Int($0[i]) } ?? 0
                    let upLeft = i >= step ? previous.map { Int($0[i - step]) } ?? 0 : 0
                    output.append(row[i] &- UInt8(predict(type, left, up, upLeft)))
                }
                previous = row
                rowNumber += 1
            }
        }
        return output
    }

    private static func predict(_ type: UInt8, _ left: Int, _ up: Int, _ upLeft: Int) -> Int {
        switch type {
        case 1: return left
        case 2: return up
        case 3: return (left + up) / 2
        case 4:
            let estimate = left + up - upLeft
            let distances = [abs(estimate - left), abs(estimate - up), abs(estimate - upLeft)]
            if distances[0] <= distances[1] && distances[0] <= distances[2] { return left }
            return distances[1] <= distances[2] ? up : upLeft
        default: return 0
        }
    }
}

extension PNGFixture {
    /// An image in any format whose samples spread over the range of its bit depth (indexed images get a palette and
    /// a `tRNS` chunk for half of it), with the RGBA pixels a decoder must produce.
    struct Sample {
        let colorType: PNGColorType, bitDepth: Int, width: Int, height: Int

        private var paletteSize: Int { min(1 << bitDepth, 256) }
        private var palette: [UInt8]? {
            guard colorType == .indexed else { return nil }
            return (0..<paletteSize).flatMap { (entry: Int) -> [UInt8] in [UInt8(entry * 37 % 256), UInt8(255 - entry), UInt8(entry * 11 % 256)] }
        }
        private var transparency: [UInt8]? {
            guard colorType == .indexed else { return nil }
            return (0..<max(1, paletteSize / 2)).map { UInt8($0 * 50 % 256) }
        }

        /// The samples of the pixel at column `x`, row `y`.
        func samples(_ x: Int, _ y: Int) -> [Int] {
            let range = colorType == .indexed ? paletteSize : 1 << bitDepth
            return (0..<PNGFixture.channels(colorType)).map { (x * 4_099 + y * 2_053 + $0 * 16_411 + x * y * 97) % range }
        }

        func png(interlaced: Bool = false, filter: Filter = .none, idatSize: Int? = nil) -> Data {
            PNGFixture.encode(
                width: width, height: height, colorType: colorType, bitDepth: bitDepth, palette: palette, transparency: transparency,
                interlaced: interlaced, filter: filter, idatSize: idatSize, samples: samples)
        }

        /// The RGBA bytes, row by row: samples scaled to 8 bits (16-bit ones keep the high byte), palette colours
        /// with their `tRNS` alpha.
        var expectedPixels: [UInt8] {
            var pixels: [UInt8] = []
            for y in 0..<height {
                for x in 0..<width { pixels += expectedPixel(samples(x, y)) }
            }
            return pixels
        }

        private func expectedPixel(_ s: [Int]) -> [UInt8] {
            func eight(_ value: Int) -> UInt8 { bitDepth == 16 ? UInt8(value >> 8) : UInt8(value * 255 / ((1 << bitDepth) - 1)) }
            switch colorType {
            case .grayscale: return [eight(s[0]), eight(s[0]), eight(s[0]), 255]
            case .truecolor: return [eight(s[0]), eight(s[1]), eight(s[2]), 255]
            case .grayscaleAlpha: return [eight(s[0]), eight(s[0]), eight(s[0]), eight(s[1])]
            case .truecolorAlpha: return s.map(eight)
            case .indexed:
                let palette = palette ?? [], transparency = transparency ?? []
                let alpha = s[0] < transparency.count ? transparency[s[0]] : 255
                return Array(palette[(s[0] * 3)..<(s[0] * 3 + 3)]) + [alpha]
            }
        }
    }
}
