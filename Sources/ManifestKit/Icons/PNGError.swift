/// Why some bytes could not be read as a PNG image.
///
/// ``PNGInfo`` and ``RGBAImage`` report every failure with one of these values; neither traps on damaged or hostile
/// input. The ``description`` is a sentence fragment meant to follow a file name, such as
/// `"color.png is not a usable PNG: \(error)"`.
public enum PNGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data does not start with the 8-byte PNG signature.
    case notPNG
    /// The data ends before the PNG does: inside the signature, inside a chunk, or before the `IEND` chunk.
    case truncated
    /// The data breaks the PNG or zlib format; the associated text says how.
    case malformed(String)
    /// The data is a PNG that Herald does not read, such as one larger than ``RGBAImage/maximumDimension``;
    /// the associated text says what.
    case unsupported(String)

    /// A human-readable explanation of the failure.
    public var description: String {
        switch self {
        case .notPNG:
            "not a PNG file (the first 8 bytes are not the PNG signature)"
        case .truncated:
            "the PNG file is truncated (it ends before its IEND chunk)"
        case .malformed(let reason):
            "the PNG file is damaged: \(reason)"
        case .unsupported(let reason):
            "the PNG file uses something Herald cannot read: \(reason)"
        }
    }
}
