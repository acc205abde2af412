public import Foundation

/// The colour type in a PNG's `IHDR` chunk: which samples each pixel stores.
public enum PNGColorType: UInt8, Sendable {
    /// One grey sample per pixel.
    case grayscale = 0
    /// Red, green and blue samples per pixel.
    case truecolor = 2
    /// One index into the `PLTE` palette per pixel.
    case indexed = 3
    /// A grey sample and an alpha sample per pixel.
    case grayscaleAlpha = 4
    /// Red, green, blue and alpha samples per pixel.
    case truecolorAlpha = 6

    /// Samples per pixel.
    var channels: Int {
        switch self {
        case .grayscale, .indexed: 1
        case .grayscaleAlpha: 2
        case .truecolor: 3
        case .truecolorAlpha: 4
        }
    }

    /// The bit depths the PNG specification allows with this colour type.
    var allowedBitDepths: [Int] {
        switch self {
        case .grayscale: [1, 2, 4, 8, 16]
        case .indexed: [1, 2, 4, 8]
        case .truecolor, .grayscaleAlpha, .truecolorAlpha: [8, 16]
        }
    }

    /// Whether every pixel carries its own alpha sample.
    var hasAlphaChannel: Bool { self == .grayscaleAlpha || self == .truecolorAlpha }

    /// A name for messages.
    var name: String {
        switch self {
        case .grayscale: "grayscale"
        case .truecolor: "truecolor"
        case .indexed: "indexed-colour"
        case .grayscaleAlpha: "grayscale-with-alpha"
        case .truecolorAlpha: "truecolor-with-alpha"
        }
    }
}

/// The facts in a PNG's header, read without decoding any pixels.
///
/// Reading them checks the signature and the `IHDR` chunk, then walks the chunk list (by length only, without
/// checking CRCs) up to the first `IDAT` chunk to learn whether a `tRNS` chunk is present. The cost does not grow
/// with the image size, so it is cheap enough to run on every icon.
public struct PNGInfo: Sendable, Equatable {
    /// The width in pixels, at least 1.
    public let width: Int
    /// The height in pixels, at least 1.
    public let height: Int
    /// Bits per sample: 1, 2, 4, 8 or 16, as allowed for ``colorType``.
    public let bitDepth: Int
    /// Which samples each pixel stores.
    public let colorType: PNGColorType
    /// Whether the pixels are stored in Adam7 interlaced order.
    public let interlaced: Bool
    /// Whether any pixel can be transparent: the colour type has an alpha channel, or a `tRNS` chunk is present.
    public let hasTransparency: Bool

    /// Reads the header of a PNG file.
    /// - Parameter data: The bytes of the file.
    /// - Throws: ``PNGError/notPNG`` without the PNG signature, ``PNGError/truncated`` when the data ends before the
    ///   first `IDAT` chunk, and ``PNGError/malformed(_:)`` when `IHDR` is missing, not first, or holds values the
    ///   PNG specification does not allow.
    public init(data: Data) throws(PNGError) {
        var reader = try PNGChunkReader(data)
        guard let header = try reader.next() else { throw .truncated }
        guard header.type == .header else { throw .malformed("the first chunk is \(header.type), not IHDR") }
        guard header.body.count == 13 else {
            throw .malformed("the IHDR chunk is \(header.body.count) bytes long instead of 13")
        }
        let start = header.body.lowerBound
        let width = Int(reader.uint32(at: start)), height = Int(reader.uint32(at: start + 4))
        guard (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height) else {
            throw .malformed("the image is \(width)×\(height) pixels; each side must be from 1 to 2³¹−1")
        }
        let bitDepth = Int(data[start + 8])
        guard let colorType = PNGColorType(rawValue: data[start + 9]) else {
            throw .malformed("colour type \(data[start + 9]) is not a PNG colour type")
        }
        guard colorType.allowedBitDepths.contains(bitDepth) else {
            throw .malformed("bit depth \(bitDepth) is not allowed in \(colorType.name) images")
        }
        guard data[start + 10] == 0 else { throw .malformed("compression method \(data[start + 10]) is not defined") }
        guard data[start + 11] == 0 else { throw .malformed("filter method \(data[start + 11]) is not defined") }
        guard data[start + 12] <= 1 else { throw .malformed("interlace method \(data[start + 12]) is not defined") }

        var transparencyChunk = false
        walk: while true {
            guard let chunk = try reader.next() else { throw .truncated }
            switch chunk.type {
            case .imageData: break walk
            case .end: throw .malformed("the file has no image data (no IDAT chunk)")
            case .header: throw .malformed("the file has more than one IHDR chunk")
            case .transparency: transparencyChunk = true
            default: continue
            }
        }
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
        self.interlaced = data[start + 12] == 1
        self.hasTransparency = colorType.hasAlphaChannel || transparencyChunk
    }
}

/// A chunk type: four ASCII letters, stored as a big-endian number.
struct PNGChunkType: Hashable, Sendable, CustomStringConvertible {
    let rawValue: UInt32

    static let header = PNGChunkType(rawValue: 0x4948_4452)
    static let palette = PNGChunkType(rawValue: 0x504C_5445)
    static let transparency = PNGChunkType(rawValue: 0x7452_4E53)
    static let imageData = PNGChunkType(rawValue: 0x4944_4154)
    static let end = PNGChunkType(rawValue: 0x4945_4E44)

    /// Whether a decoder must understand the chunk (its first letter is upper case).
    var isCritical: Bool { rawValue & 0x2000_0000 == 0 }

    var description: String {
        let letters = [24, 16, 8, 0].map { Character(Unicode.Scalar(UInt8(truncatingIfNeeded: rawValue >> $0))) }
        return String(letters)
    }
}

/// One chunk located in a PNG file; ranges are indices into the file's `Data`.
struct PNGChunk {
    let type: PNGChunkType
    /// The chunk data.
    let body: Range<Int>
    /// The type and body, the bytes the stored CRC covers.
    let checked: Range<Int>
    /// The CRC-32 stored after the body.
    let storedCRC: UInt32
}

/// Walks the chunks of a PNG file using only their length fields; never reads outside the data.
struct PNGChunkReader {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    let data: Data
    private var offset: Int

    /// Checks the signature and positions the reader on the first chunk.
    init(_ data: Data) throws(PNGError) {
        let prefix = Array(data.prefix(8))
        guard prefix == Self.signature else {
            throw !prefix.isEmpty && Self.signature.starts(with: prefix) ? .truncated : .notPNG
        }
        self.data = data
        self.offset = data.startIndex + 8
    }

    /// The next chunk, or `nil` when the data ends exactly after the previous one.
    mutating func next() throws(PNGError) -> PNGChunk? {
        let remaining = data.endIndex - offset
        if remaining == 0 { return nil }
        guard remaining >= 8 else { throw .truncated }
        let length = Int(uint32(at: offset))
        let type = PNGChunkType(rawValue: uint32(at: offset + 4))
        guard data[(offset + 4)..<(offset + 8)].allSatisfy(Self.isLetter) else {
            let hex = data[(offset + 4)..<(offset + 8)].map { String($0, radix: 16) }.joined(separator: " ")
            throw .malformed("a chunk type is not four letters (bytes \(hex))")
        }
        guard length <= Int(Int32.max) else { throw .malformed("the \(type) chunk claims \(length) bytes, over 2³¹−1") }
        guard remaining >= 12 + length else { throw .truncated }
        let body = (offset + 8)..<(offset + 8 + length)
        let chunk = PNGChunk(type: type, body: body, checked: (offset + 4)..<body.upperBound, storedCRC: uint32(at: body.upperBound))
        offset = body.upperBound + 4
        return chunk
    }

    /// The big-endian number in the four bytes from `index`, which the caller has checked lie inside the data.
    func uint32(at index: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(data[index + $1]) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
