public import Foundation

/// What reading one file of a package found: its bytes, or why there are none to parse.
public enum PackageFile: Sendable, Equatable {
    /// The file's bytes.
    case contents(Data)
    /// No file at that path.
    case missing
    /// A folder, not a file, at that path.
    case folder
    /// A file larger than the limit asked for; it was not read (nor, in a zip, inflated).
    /// - Parameter bytes: its size (in a zip, the entry's uncompressed size).
    case tooLarge(bytes: Int)
}
