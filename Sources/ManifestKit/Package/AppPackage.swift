public import Foundation

/// An app package opened for validation: where it came from, the manifest's path, and its files.
public struct AppPackage: Sendable {
    /// What the user pointed at.
    public enum Kind: String, Sendable, Equatable {
        case folder, manifestFile = "manifest file", zip
    }

    private enum Storage: Sendable {
        case memory([String: Data])
        case directory(URL)
    }

    /// What the user pointed at.
    public let kind: Kind
    /// The path as given, for messages.
    public let displayPath: String
    /// The manifest's path inside the package (`manifest.json`).
    public let manifestPath: String
    /// Where the manifest sits when that is not the package root (a zip that wraps a folder).
    public let manifestFolder: String
    private let storage: Storage

    /// A package whose files are in memory (an unpacked zip, or a test's).
    /// - Parameters:
    ///   - files: relative path → bytes, `/`-separated.
    ///   - kind: what it came from.
    ///   - displayPath: for messages.
    ///   - manifestPath: the manifest's relative path.
    public init(files: [String: Data], kind: Kind = .zip, displayPath: String = "package", manifestPath: String = "manifest.json") {
        self.storage = .memory(files)
        self.kind = kind
        self.displayPath = displayPath
        self.manifestPath = manifestPath
        let folder = manifestPath.split(separator: "/").dropLast().joined(separator: "/")
        self.manifestFolder = folder
    }

    init(directory: URL, kind: Kind, displayPath: String, manifestName: String) {
        self.storage = .directory(directory)
        self.kind = kind
        self.displayPath = displayPath
        self.manifestPath = manifestName
        self.manifestFolder = ""
    }

    /// The bytes of a file referenced from the manifest, resolved against the manifest's folder.
    /// - Parameter relativePath: the path as the manifest writes it.
    /// - Returns: `nil` when the file is absent or the path leaves the package.
    public func file(_ relativePath: String) -> Data? {
        guard let path = resolve(relativePath) else { return nil }
        switch storage {
        case .memory(let files):
            return files[path]
        case .directory(let root):
            let url = root.appendingPathComponent(path)
            return FileManager.default.contents(atPath: url.path)
        }
    }

    /// The package-relative path a manifest reference names, or `nil` if it escapes the package.
    /// - Parameter relativePath: the path as the manifest writes it.
    public func resolve(_ relativePath: String) -> String? {
        var parts = manifestFolder.isEmpty ? [] : manifestFolder.split(separator: "/").map(String.init)
        let normalized = relativePath.replacingOccurrences(of: "\\", with: "/")
        if normalized.hasPrefix("/") { return nil }
        for part in normalized.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The manifest's bytes.
    public var manifestData: Data? { file(manifestPath.split(separator: "/").last.map(String.init) ?? manifestPath) }
}
