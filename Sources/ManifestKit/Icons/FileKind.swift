public import Foundation

/// What a file that should be a PNG actually is, told from its first bytes.
///
/// Used to say something better than "not a PNG" when an icon is a JPEG renamed to `.png`, an SVG, or a Git LFS
/// pointer left in place of the real file because `git lfs pull` never ran.
public enum FileKind: Sendable, Equatable, CustomStringConvertible {
    /// A PNG (the 8-byte PNG signature).
    case png
    /// A file of zero bytes.
    case empty
    /// A JPEG image (`FF D8 FF`).
    case jpeg
    /// A GIF image (`GIF87a` or `GIF89a`).
    case gif
    /// A WebP image (`RIFF` … `WEBP`).
    case webp
    /// A Windows bitmap (`BM`).
    case bmp
    /// An SVG drawing or other XML text.
    case svg
    /// A Git LFS pointer file (`version https://git-lfs.github.com/spec/v1`).
    case gitLFSPointer
    /// Other text (HTML, JSON, a path…).
    case text
    /// Bytes of no format recognised here.
    case unknown

    private static let lfsPrefix = Data("version https://git-lfs.github.com/spec/v1".utf8)

    /// Recognises the format of some bytes.
    /// - Parameter data: the file's contents (only the first kilobyte is read).
    public init(data: Data) {
        let head = [UInt8](data.prefix(1_024))
        if head.isEmpty {
            self = .empty
        } else if head.starts(with: PNGChunkReader.signature) {
            self = .png
        } else if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) {
            self = .gif
        } else if head.count >= 12, head.starts(with: Array("RIFF".utf8)), head[8..<12].elementsEqual("WEBP".utf8) {
            self = .webp
        } else if head.starts(with: Array("BM".utf8)) {
            self = .bmp
        } else if head.starts(with: Self.lfsPrefix) {
            self = .gitLFSPointer
        } else if let text = Self.text(head) {
            let lowered = text.drop { $0.isWhitespace }.lowercased()
            self = lowered.hasPrefix("<?xml") || lowered.hasPrefix("<svg") || lowered.contains("<svg") ? .svg : .text
        } else {
            self = .unknown
        }
    }

    /// The bytes as text, when they are printable UTF-8 (allowing a byte-order mark and a cut last character).
    private static func text(_ head: [UInt8]) -> String? {
        let body = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
        guard body.allSatisfy({ $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return nil }
        let text = String(decoding: body, as: UTF8.self)
        let replaced = text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
        return replaced <= 1 ? text : nil
    }

    /// What the file is, for a message that follows "it is": `"a JPEG image"`, `"an empty file (0 bytes)"`.
    public var description: String {
        switch self {
        case .png: "a PNG image"
        case .empty: "an empty file (0 bytes)"
        case .jpeg: "a JPEG image"
        case .gif: "a GIF image"
        case .webp: "a WebP image"
        case .bmp: "a BMP (Windows bitmap) image"
        case .svg: "an SVG drawing (XML text)"
        case .gitLFSPointer: "a Git LFS pointer, not the image it stands for"
        case .text: "a text file"
        case .unknown: "not an image format Herald recognises"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .gitLFSPointer: "the repository stores its images in Git LFS: run `git lfs pull`, then package again"
        case .empty: "export the icon again; the file has no content"
        case .svg: "export the drawing as a PNG of the required size"
        case .png, .text, .unknown: "save the icon as PNG"
        case .jpeg, .gif, .webp, .bmp: "convert it to PNG (renaming the file is not enough)"
        }
    }
}
