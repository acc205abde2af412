public import Foundation

/// One pixel: red, green, blue and alpha samples of 8 bits each.
public struct RGBA: Sendable, Equatable {
    /// The red sample.
    public var r: UInt8
    /// The green sample.
    public var g: UInt8
    /// The blue sample.
    public var b: UInt8
    /// The alpha sample: 0 is fully transparent, 255 fully opaque.
    public var a: UInt8

    /// Creates a pixel from its four samples.
    /// - Parameters:
    ///   - r: The red sample.
    ///   - g: The green sample.
    ///   - b: The blue sample.
    ///   - a: The alpha sample; 0 is fully transparent, 255 fully opaque.
    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }
}

/// An image decoded to 8-bit RGBA pixels.
///
/// ``init(pngData:)`` reads every PNG colour type, bit depth and interlace method. Samples of fewer than 8 bits are
/// scaled up to 0...255, 16-bit samples keep their high byte, and pixels without an alpha sample are opaque unless a
/// `tRNS` chunk makes them transparent.
public struct RGBAImage: Sendable {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int
    /// The samples: `width * height` pixels of red, green, blue and alpha bytes, row by row from the top left.
    public let pixels: [UInt8]

    /// The longest side, in pixels, that ``init(pngData:)`` decodes; larger images are refused before any
    /// decompression, so a hostile header cannot claim a huge amount of memory.
    public static let maximumDimension = 4096

    /// The pixel in column `x` and row `y`, both counted from zero at the top left.
    ///
    /// Like an array index, a position outside the image is a programming error and traps.
    /// - Parameters:
    ///   - x: The column, from 0 to `width - 1`.
    ///   - y: The row, from 0 to `height - 1`.
    public subscript(x x: Int, y y: Int) -> RGBA {
        precondition((0..<width).contains(x) && (0..<height).contains(y), "(\(x), \(y)) is outside the \(width)×\(height) image")
        let offset = (y * width + x) * 4
        return RGBA(r: pixels[offset], g: pixels[offset + 1], b: pixels[offset + 2], a: pixels[offset + 3])
    }

    /// Decodes a PNG file.
    ///
    /// The decoder checks the CRC of the chunks it uses, the zlib header and Adler-32 checksum, and that the image
    /// data inflates to exactly the size the header implies; it stops inflating as soon as the output grows past
    /// that size. It never traps on damaged or hostile input.
    /// - Parameter pngData: The bytes of the file.
    /// - Throws: ``PNGError/unsupported(_:)`` for images wider or taller than ``maximumDimension``, and otherwise the
    ///   ``PNGError`` that says what is wrong with the file.
    public init(pngData: Data) throws(PNGError) {
        let info = try PNGInfo(data: pngData)
        let limit = Self.maximumDimension
        guard info.width <= limit, info.height <= limit else {
            throw .unsupported("the image is \(info.width)×\(info.height) pixels; Herald decodes images up to \(limit)×\(limit)")
        }
        let contents = try PNGContents(pngData, info: info)
        let raster = PNGRaster(info: info, palette: contents.palette, transparency: contents.transparency)
        var scanlines = try PNGContents.inflate(contents.imageData, expectedSize: raster.expectedSize)
        self.width = info.width
        self.height = info.height
        self.pixels = try raster.decode(&scanlines)
    }
}
