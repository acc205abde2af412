public import Foundation

/// One pixel, 8 bits per channel.
public struct RGBA: Sendable, Equatable {
    /// Red.
    public var r: UInt8
    /// Green.
    public var g: UInt8
    /// Blue.
    public var b: UInt8
    /// Alpha (0 transparent, 255 opaque).
    public var a: UInt8

    /// A pixel.
    /// - Parameters:
    ///   - r: red.
    ///   - g: green.
    ///   - b: blue.
    ///   - a: alpha.
    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }
}

/// A decoded image as 8-bit RGBA, row-major.
public struct RGBAImage: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// RGBA samples, row-major.
    public let pixels: [UInt8]

    /// The largest image decoded; icons are 192×192 at most.
    public static let maximumSide = 4096

    /// The pixel at column `x`, row `y`.
    public subscript(x x: Int, y y: Int) -> RGBA {
        let offset = (y * width + x) * 4
        return RGBA(r: pixels[offset], g: pixels[offset + 1], b: pixels[offset + 2], a: pixels[offset + 3])
    }

    /// Decodes a PNG of any colour type and bit depth, interlaced or not.
    /// - Parameter pngData: the file's bytes.
    /// - Throws: ``PNGError``; never traps on hostile input.
    public init(pngData: Data) throws(PNGError) {
        let info = try PNGInfo(data: pngData)
        guard info.width <= Self.maximumSide, info.height <= Self.maximumSide else {
            throw .unsupported("\(info.width)×\(info.height) is larger than \(Self.maximumSide)×\(Self.maximumSide)")
        }
        var palette: [UInt8] = []
        var transparency: [UInt8] = []
        var compressed = Data()
        for chunk in try PNGChunks(pngData) {
            switch chunk.type {
            case "PLTE": palette = [UInt8](chunk.body)
            case "tRNS": transparency = [UInt8](chunk.body)
            case "IDAT": compressed.append(chunk.body)
            default: break
            }
        }
        if info.colorType == .indexed && palette.isEmpty { throw .malformed("an indexed image has no palette") }
        let decoder = PNGPixelDecoder(info: info, palette: palette, transparency: transparency)
        let raw = try PNGInflater.inflate(compressed, limit: decoder.expectedRawSize)
        self.width = info.width
        self.height = info.height
        self.pixels = try decoder.decode(raw)
    }
}
