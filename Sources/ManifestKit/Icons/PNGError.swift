/// Why bytes are not a PNG Herald can read.
public enum PNGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first 8 bytes are not the PNG signature.
    case notPNG
    /// The file ends inside a chunk.
    case truncated
    /// A chunk or the image data is inconsistent.
    case malformed(String)
    /// A legal PNG that Herald does not decode (or one over the size limit).
    case unsupported(String)

    public var description: String {
        switch self {
        case .notPNG: "not a PNG file (the first 8 bytes are not the PNG signature)"
        case .truncated: "the PNG file is truncated"
        case .malformed(let reason): "the PNG file is damaged: \(reason)"
        case .unsupported(let reason): "the PNG file cannot be read: \(reason)"
        }
    }
}
