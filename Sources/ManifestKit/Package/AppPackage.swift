public import Foundation

/// An app package opened for validation: where it came from, the manifest's path, and its files.
public struct AppPackage: Sendable {
    /// What the user pointed at.
    public enum Kind: String, Sendable, Equatable {
        case folder, manifestFile = "manifest file", zip
    }

    private enum Storage: Sendable {
        /// Files in memory, and the sizes of JSON entries of a zip left packed because they exceed the JSON limit.
        case memory([String: Data], packed: [String: Int])
        case directory(URL)
    }

    /// The largest manifest or localization file Herald parses: 1 MiB (1,048,576 bytes).
    ///
    /// Real manifests are a few kilobytes. A larger file is reported with its size and not parsed, so a generated
    /// or hostile file cannot cost seconds and gigabytes; in a zip, the entry is not even inflated.
    public static let maximumJSONFileBytes = 1 << 20

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
        self.init(files: files, packed: [:], kind: kind, displayPath: displayPath, manifestPath: manifestPath)
    }

    init(files: [String: Data], packed: [String: Int], kind: Kind, displayPath: String, manifestPath: String) {
        self.storage = .memory(files, packed: packed)
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
        case .memory(let files, _):
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
    public var manifestData: Data? { file(manifestReference) }

    /// The manifest, unless it is missing, a folder, or larger than `limit` bytes (then it is not read).
    /// - Parameter limit: the most bytes to read; ``maximumJSONFileBytes`` by default.
    public func readManifest(limit: Int = AppPackage.maximumJSONFileBytes) -> PackageFile {
        read(manifestReference, limit: limit)
    }

    /// A file referenced from the manifest, unless it is missing, a folder, or larger than `limit` bytes; its size
    /// is checked before it is read.
    /// - Parameters:
    ///   - relativePath: the path as the manifest writes it.
    ///   - limit: the most bytes to read.
    public func read(_ relativePath: String, limit: Int) -> PackageFile {
        guard let path = resolve(relativePath) else { return .missing }
        switch storage {
        case .memory(let files, let packed):
            if let size = packed[path] { return .tooLarge(bytes: size) }
            if let data = files[path] { return data.count > limit ? .tooLarge(bytes: data.count) : .contents(data) }
            let prefix = path + "/"
            return files.keys.contains { $0.hasPrefix(prefix) } ? .folder : .missing
        case .directory(let root):
            let filePath = root.appendingPathComponent(path).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isDirectory) else { return .missing }
            if isDirectory.boolValue { return .folder }
            let size = (try? FileManager.default.attributesOfItem(atPath: filePath)[.size] as? NSNumber)?.intValue ?? 0
            if size > limit { return .tooLarge(bytes: size) }
            guard let data = FileManager.default.contents(atPath: filePath) else { return .missing }
            return data.count > limit ? .tooLarge(bytes: data.count) : .contents(data)
        }
    }

    /// The manifest's path relative to its own folder, as a manifest reference would name it.
    private var manifestReference: String { manifestPath.split(separator: "/").last.map(String.init) ?? manifestPath }
}
