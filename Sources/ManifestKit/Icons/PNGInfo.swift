public import Foundation

/// The PNG colour types.
public enum PNGColorType: UInt8, Sendable {
    case grayscale = 0, truecolor = 2, indexed = 3, grayscaleAlpha = 4, truecolorAlpha = 6

    /// Samples per pixel.
    var channels: Int {
        switch self {
        case .grayscale, .indexed: 1
        case .grayscaleAlpha: 2
        case .truecolor: 3
        case .truecolorAlpha: 4
        }
    }
}

/// A PNG's header facts, read without decoding pixels: cheap enough for every icon check.
public struct PNGInfo: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Bits per sample (1, 2, 4, 8 or 16).
    public let bitDepth: Int
    /// The colour type.
    public let colorType: PNGColorType
    /// Whether the image is Adam7-interlaced.
    public let interlaced: Bool
    /// Whether any pixel can be transparent (an alpha channel, or a tRNS chunk).
    public let hasTransparency: Bool

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads the signature and IHDR, and walks the chunk list for tRNS.
    /// - Parameter data: the file's bytes.
    /// - Throws: ``PNGError``.
    public init(data: Data) throws(PNGError) {
        let chunks = try PNGChunks(data)
        guard let header = chunks.list.first, header.type == "IHDR", header.body.count == 13 else { throw .malformed("IHDR is not the first chunk") }
        let body = header.body
        let width = Int(PNGChunks.uint32(body, 0)), height = Int(PNGChunks.uint32(body, 4))
        guard width > 0, height > 0 else { throw .malformed("the image is \(width)×\(height)") }
        guard let colorType = PNGColorType(rawValue: body[body.startIndex + 9]) else { throw .malformed("unknown colour type \(body[body.startIndex + 9])") }
        let bitDepth = Int(body[body.startIndex + 8])
        let allowed: [Int] = switch colorType {
        case .grayscale: [1, 2, 4, 8, 16]
        case .indexed: [1, 2, 4, 8]
        default: [8, 16]
        }
        guard allowed.contains(bitDepth) else { throw .malformed("bit depth \(bitDepth) is not allowed for colour type \(colorType.rawValue)") }
        let interlace = body[body.startIndex + 12]
        guard interlace <= 1 else { throw .malformed("unknown interlace method \(interlace)") }
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
        self.interlaced = interlace == 1
        self.hasTransparency = colorType == .grayscaleAlpha || colorType == .truecolorAlpha || chunks.list.contains { $0.type == "tRNS" }
    }
}

/// The chunk list of a PNG file.
struct PNGChunks: Sequence {
    struct Chunk {
        let type: String
        let body: Data
    }

    let list: [Chunk]

    init(_ data: Data) throws(PNGError) {
        let bytes = [UInt8](data.prefix(8))
        guard bytes == PNGInfo.signature else { throw data.count < 8 && PNGInfo.signature.starts(with: bytes) ? .truncated : .notPNG }
        var chunks: [Chunk] = []
        var offset = data.startIndex + 8
        while offset < data.endIndex {
            guard data.endIndex - offset >= 12 else { throw .truncated }
            let length = Int(PNGChunks.uint32(data, offset - data.startIndex))
            guard length <= data.endIndex - offset - 12 else { throw .truncated }
            let typeBytes = data[(offset + 4)..<(offset + 8)]
            guard typeBytes.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else { throw .malformed("a chunk has an invalid type") }
            let type = String(decoding: typeBytes, as: UTF8.self)
            chunks.append(Chunk(type: type, body: data[(offset + 8)..<(offset + 8 + length)]))
            offset += 12 + length
            if type == "IEND" { break }
        }
        self.list = chunks
    }

    func makeIterator() -> IndexingIterator<[Chunk]> { list.makeIterator() }

    /// A big-endian UInt32 at `offset` from the start of `data`.
    static func uint32(_ data: Data, _ offset: Int) -> UInt32 {
        let start = data.startIndex + offset
        return data[start..<start + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
