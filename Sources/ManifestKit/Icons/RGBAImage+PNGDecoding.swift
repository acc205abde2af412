import Foundation
import ZIPFoundation

/// What the decoder takes from a PNG's chunks: the palette, the `tRNS` data and the joined `IDAT` data.
struct PNGContents {
    private(set) var palette: [UInt8] = []
    /// The `tRNS` chunk, for the colour types that use one.
    private(set) var transparency: [UInt8]?
    private(set) var imageData = Data()

    /// Reads the chunks up to `IEND`, checking CRCs, order and the sizes of `PLTE` and `tRNS`.
    init(_ data: Data, info: PNGInfo) throws(PNGError) {
        var reader = try PNGChunkReader(data)
        var isFirst = true, inImageData = false, afterImageData = false
        while true {
            guard let chunk = try reader.next() else { throw .truncated }
            if chunk.type == .end { break }
            if inImageData && chunk.type != .imageData { (inImageData, afterImageData) = (false, true) }
            if [.header, .palette, .transparency, .imageData].contains(chunk.type) {
                guard data[chunk.checked].crc32(checksum: 0) == chunk.storedCRC else {
                    throw .malformed("the \(chunk.type) chunk fails its CRC check")
                }
            }
            switch chunk.type {
            case .header:
                guard isFirst else { throw .malformed("the file has more than one IHDR chunk") }
            case .palette:
                guard !inImageData && !afterImageData else { throw .malformed("the PLTE chunk comes after the image data") }
                guard palette.isEmpty else { throw .malformed("the file has more than one PLTE chunk") }
                guard chunk.body.count % 3 == 0, (3...768).contains(chunk.body.count) else {
                    throw .malformed("the PLTE chunk is \(chunk.body.count) bytes long; it must hold 1 to 256 entries of 3 bytes")
                }
                palette = Array(data[chunk.body])
            case .transparency:
                // Like other decoders, ignore a tRNS chunk after the image data (PNGInfo stops at the first IDAT).
                guard !inImageData && !afterImageData else { break }
                guard transparency == nil else { throw .malformed("the file has more than one tRNS chunk") }
                transparency = Array(data[chunk.body])
            case .imageData:
                guard !afterImageData else { throw .malformed("the IDAT chunks are not consecutive") }
                inImageData = true
                imageData.append(data[chunk.body])
            default:
                guard !chunk.type.isCritical else { throw .unsupported("the file has a critical chunk of unknown type \(chunk.type)") }
            }
            isFirst = false
        }
        try checkPaletteAndTransparency(info)
    }

    private mutating func checkPaletteAndTransparency(_ info: PNGInfo) throws(PNGError) {
        let count = transparency?.count
        switch info.colorType {
        case .indexed:
            guard !palette.isEmpty else { throw .malformed("the indexed-colour image has no PLTE chunk before its image data") }
            guard (count ?? 0) <= palette.count / 3 else {
                throw .malformed("the tRNS chunk has \(count ?? 0) entries for a palette of \(palette.count / 3)")
            }
        case .grayscale where count != nil && count != 2:
            throw .malformed("the tRNS chunk of a grayscale image is \(count ?? 0) bytes long instead of 2")
        case .truecolor where count != nil && count != 6:
            throw .malformed("the tRNS chunk of a truecolor image is \(count ?? 0) bytes long instead of 6")
        case .grayscaleAlpha, .truecolorAlpha:
            transparency = nil  // the alpha channel decides; libpng ignores tRNS here too
        default:
            break
        }
    }

    /// Inflates a zlib stream, refusing output beyond `expectedSize` as soon as it appears.
    static func inflate(_ stream: Data, expectedSize: Int) throws(PNGError) -> [UInt8] {
        let bytes = [UInt8](stream)
        guard bytes.count >= 7 else { throw .malformed("the image data is too short to be a zlib stream") }
        let method = bytes[0] & 0x0F, window = bytes[0] >> 4
        guard method == 8, window <= 7 else { throw .malformed("the image data is not a zlib deflate stream") }
        guard (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0 else {
            throw .malformed("the zlib header check bits of the image data are wrong")
        }
        guard bytes[1] & 0x20 == 0 else { throw .unsupported("the image data needs a zlib preset dictionary") }

        // ZIPFoundation's Linux decoder asks for `bufferSize` bytes at a time and tells zlib that many arrived, so each
        // chunk handed over must be exactly that long. A buffer as long as the data needs no padding, so a stream cut
        // short asks for more and fails; only streams over 256 KiB get their last chunk padded with zeros.
        let deflated = bytes[2..<(bytes.count - 4)]
        let bufferSize = min(deflated.count, 256 * 1_024)
        var input = Data(deflated)
        if input.count % bufferSize != 0 { input.append(Data(count: bufferSize - input.count % bufferSize)) }
        var output: [UInt8] = []
        output.reserveCapacity(min(expectedSize, input.count * 1_032))  // deflate expands at most about 1032:1
        do {
            _ = try Data.decompress(
                size: Int64(input.count), bufferSize: bufferSize, skipCRC32: true,
                provider: { position, size in
                    let start = Int(position)
                    guard size > 0 else { return Data() }
                    guard start >= 0, size <= input.count - start else { throw InflateStop.inputUsedUp }
                    return input.subdata(in: start..<(start + size))
                },
                consumer: { chunk in
                    guard chunk.count <= expectedSize - output.count else { throw InflateStop.tooMuchOutput }
                    chunk.withUnsafeBytes { output.append(contentsOf: $0) }
                })
        } catch InflateStop.tooMuchOutput {
            throw .malformed("the image data inflates to more than the \(expectedSize) bytes the image needs")
        } catch InflateStop.inputUsedUp {
            throw .malformed("the compressed image data ends before its deflate stream does")
        } catch {
            throw .malformed("the compressed image data is not valid deflate data")
        }
        guard output.count == expectedSize else {
            throw .malformed("the image data inflates to \(output.count) bytes; the image needs \(expectedSize)")
        }
        let storedAdler = bytes.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard adler32(output) == storedAdler else { throw .malformed("the image data fails its Adler-32 check") }
        return output
    }

    private enum InflateStop: Error {
        case tooMuchOutput, inputUsedUp
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0, start = 0
        while start < bytes.count {
            let end = min(start + 5_552, bytes.count)  // the most bytes before `b` could overflow 32 bits
            for index in start..<end {
                a &+= UInt32(bytes[index])
                b &+= a
            }
            (a, b, start) = (a % 65_521, b % 65_521, end)
        }
        return b << 16 | a
    }
}

/// Turns inflated scanlines into RGBA pixels: reverses the filters, places Adam7 passes and expands samples.
struct PNGRaster {
    /// A sub-image of an interlaced image: pixels from (`x`, `y`) every `dx` columns and `dy` rows.
    struct Pass {
        let x, y, dx, dy: Int
    }

    static let adam7 = [
        Pass(x: 0, y: 0, dx: 8, dy: 8), Pass(x: 4, y: 0, dx: 8, dy: 8), Pass(x: 0, y: 4, dx: 4, dy: 8),
        Pass(x: 2, y: 0, dx: 4, dy: 4), Pass(x: 0, y: 2, dx: 2, dy: 4), Pass(x: 1, y: 0, dx: 2, dy: 2),
        Pass(x: 0, y: 1, dx: 1, dy: 2),
    ]

    let info: PNGInfo
    let palette: [UInt8]
    let transparency: [UInt8]?

    private var passes: [Pass] { info.interlaced ? Self.adam7 : [Pass(x: 0, y: 0, dx: 1, dy: 1)] }
    private var bitsPerPixel: Int { info.colorType.channels * info.bitDepth }
    /// The distance, in bytes, from a byte to the matching byte of the pixel to its left (at least 1).
    private var filterDistance: Int { max(1, bitsPerPixel / 8) }

    /// Columns and rows of a pass; either is 0 when the image is too small to have pixels in it.
    private func size(of pass: Pass) -> (columns: Int, rows: Int) {
        let columns = info.width > pass.x ? (info.width - pass.x + pass.dx - 1) / pass.dx : 0
        let rows = info.height > pass.y ? (info.height - pass.y + pass.dy - 1) / pass.dy : 0
        return (columns, rows)
    }

    private func rowLength(columns: Int) -> Int { (columns * bitsPerPixel + 7) / 8 }

    /// The inflated size: each row of each non-empty pass is a filter byte and its packed samples.
    var expectedSize: Int {
        passes.reduce(0) { total, pass in
            let (columns, rows) = size(of: pass)
            return columns == 0 ? total : total + rows * (1 + rowLength(columns: columns))
        }
    }

    /// Decodes scanlines of exactly ``expectedSize`` bytes, reversing the filters in place.
    func decode(_ scanlines: inout [UInt8]) throws(PNGError) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: info.width * info.height * 4)
        var offset = 0
        for pass in passes {
            let (columns, rows) = size(of: pass)
            guard columns > 0 else { continue }
            let length = rowLength(columns: columns)
            for row in 0..<rows {
                let start = offset + 1
                try unfilter(&scanlines, type: scanlines[offset], start: start, length: length, hasPrevious: row > 0)
                try expand(scanlines, start: start, columns: columns, y: pass.y + row * pass.dy, pass: pass, into: &pixels)
                offset = start + length
            }
        }
        return pixels
    }

    private func unfilter(_ bytes: inout [UInt8], type: UInt8, start: Int, length: Int, hasPrevious: Bool) throws(PNGError) {
        let distance = filterDistance, previous = start - length - 1
        func left(_ i: Int) -> Int { i >= distance ? Int(bytes[start + i - distance]) : 0 }
        func up(_ i: Int) -> Int { hasPrevious ? Int(bytes[previous + i]) : 0 }
        func upLeft(_ i: Int) -> Int { hasPrevious && i >= distance ? Int(bytes[previous + i - distance]) : 0 }
        func predictor(_ i: Int) -> Int {
            switch type {
            case 1: return left(i)
            case 2: return up(i)
            case 3: return (left(i) + up(i)) / 2
            default:
                let a = left(i), b = up(i), c = upLeft(i)
                let estimate = a + b - c
                let (da, db, dc) = (abs(estimate - a), abs(estimate - b), abs(estimate - c))
                return da <= db && da <= dc ? a : db <= dc ? b : c
            }
        }
        switch type {
        case 0:
            return
        case 1...4:
            for i in 0..<length {
                let prediction = UInt8(predictor(i))
                bytes[start + i] &+= prediction
            }
        default:
            throw .malformed("a scanline uses filter type \(type); PNG defines types 0 to 4")
        }
    }

    /// Writes one unfiltered row of a pass into `pixels` as RGBA.
    private func expand(_ bytes: [UInt8], start: Int, columns: Int, y: Int, pass: Pass, into pixels: inout [UInt8]) throws(PNGError) {
        let depth = info.bitDepth, maximum = (1 << depth) - 1
        func sample(_ index: Int) -> Int {
            switch depth {
            case 16: return Int(bytes[start + 2 * index]) << 8 | Int(bytes[start + 2 * index + 1])
            case 8: return Int(bytes[start + index])
            default:
                let bit = index * depth
                return Int(bytes[start + bit / 8] >> UInt8(8 - depth - bit % 8)) & maximum
            }
        }
        func scaled(_ value: Int) -> UInt8 {
            depth == 16 ? UInt8(value >> 8) : UInt8(value * 255 / maximum)
        }
        func key(_ index: Int) -> Int? {
            guard let transparency, transparency.count >= 2 * index + 2 else { return nil }
            return Int(transparency[2 * index]) << 8 | Int(transparency[2 * index + 1])
        }
        let keys = (key(0), key(1), key(2))
        var target = (y * info.width + pass.x) * 4
        for column in 0..<columns {
            let pixel: RGBA
            switch info.colorType {
            case .grayscale:
                let gray = sample(column), value = scaled(gray)
                pixel = RGBA(r: value, g: value, b: value, a: gray == keys.0 ? 0 : 255)
            case .grayscaleAlpha:
                let value = scaled(sample(2 * column))
                pixel = RGBA(r: value, g: value, b: value, a: scaled(sample(2 * column + 1)))
            case .truecolor:
                let red = sample(3 * column), green = sample(3 * column + 1), blue = sample(3 * column + 2)
                let keyed = red == keys.0 && green == keys.1 && blue == keys.2
                pixel = RGBA(r: scaled(red), g: scaled(green), b: scaled(blue), a: keyed ? 0 : 255)
            case .truecolorAlpha:
                let base = 4 * column
                pixel = RGBA(r: scaled(sample(base)), g: scaled(sample(base + 1)), b: scaled(sample(base + 2)), a: scaled(sample(base + 3)))
            case .indexed:
                let index = sample(column)
                guard 3 * index + 2 < palette.count else {
                    throw .malformed("a pixel uses palette entry \(index), but the palette has \(palette.count / 3) entries")
                }
                let alpha = transparency.map { index < $0.count ? $0[index] : 255 } ?? 255
                pixel = RGBA(r: palette[3 * index], g: palette[3 * index + 1], b: palette[3 * index + 2], a: alpha)
            }
            pixels[target] = pixel.r
            pixels[target + 1] = pixel.g
            pixels[target + 2] = pixel.b
            pixels[target + 3] = pixel.a
            target += pass.dx * 4
        }
    }
}
