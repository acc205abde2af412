public import Foundation
import Synchronization

/// Finds and compiles the official schema for a manifest version, offline.
///
/// Search order: an explicit override file, the constraint-only schemas shipped inside Herald
/// (v1.0–v1.30 and devPreview), then a user cache folder that `herald schemas fetch` fills.
/// Compiled schemas are cached, so validating many manifests compiles each version once.
public final class SchemaCatalog: Sendable {
    /// Which of a version's two schemas.
    public enum Kind: String, Sendable {
        case manifest = "schema"
        case localization = "localization.schema"
    }

    /// Where a schema was found.
    public enum Origin: String, Sendable {
        case override, shipped, cache
    }

    /// A compiled schema and where it came from.
    public struct Entry: Sendable {
        /// The compiled schema.
        public let schema: JSONSchema
        /// Where it was found.
        public let origin: Origin
        /// The file name (`v1.16.schema.json`) or the override's path.
        public let name: String
    }

    private let shippedDirectory: URL?
    private let cacheDirectory: URL?
    private let override: URL?
    private let compiled = Mutex<[String: Entry]>([:])

    /// A catalog.
    /// - Parameters:
    ///   - cacheDirectory: the user cache of fetched schemas, searched after the shipped ones.
    ///   - override: a schema file to use for every manifest (`--schema`).
    public init(cacheDirectory: URL? = nil, override: URL? = nil) {
        self.shippedDirectory = Bundle.module.url(forResource: "schemas", withExtension: nil)
        self.cacheDirectory = cacheDirectory
        self.override = override
    }

    /// The file name for a manifest version (`1.16` → `v1.16.schema.json`), or `nil` if malformed.
    /// - Parameters:
    ///   - version: a `manifestVersion` value.
    ///   - kind: manifest or localization.
    public static func fileName(forVersion version: String, kind: Kind = .manifest) -> String? {
        if version == "devPreview" { return "devPreview.\(kind.rawValue).json" }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return "v\(version).\(kind.rawValue).json"
    }

    /// The versions shipped with Herald, oldest first.
    public var shippedVersions: [String] {
        guard let shippedDirectory, let names = try? FileManager.default.contentsOfDirectory(atPath: shippedDirectory.path) else { return [] }
        var versions: [String] = []
        for name in names where name.hasSuffix(".schema.json") && !name.contains("localization") {
            let stem = String(name.dropLast(".schema.json".count))
            versions.append(stem.hasPrefix("v") ? String(stem.dropFirst()) : stem)
        }
        return versions.sorted { (lhs: String, rhs: String) -> Bool in
            SchemaCatalog.versionOrder(lhs).lexicographicallyPrecedes(SchemaCatalog.versionOrder(rhs))
        }
    }

    /// The compiled schema for `version`, or `nil` when no copy is shipped or cached.
    /// - Parameters:
    ///   - version: a `manifestVersion` value.
    ///   - kind: manifest or localization.
    /// - Throws: ``SchemaCompileError`` or a read error when a schema file is unusable.
    public func schema(forVersion version: String, kind: Kind = .manifest) throws -> Entry? {
        if let override, kind == .manifest { return try load(override, origin: .override, key: "override:" + override.path) }
        guard let name = Self.fileName(forVersion: version, kind: kind) else { return nil }
        for (directory, origin) in [(shippedDirectory, Origin.shipped), (cacheDirectory, .cache)] {
            guard let directory else { continue }
            let url = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) {
                return try load(url, origin: origin, key: origin.rawValue + ":" + name)
            }
        }
        return nil
    }

    private func load(_ url: URL, origin: Origin, key: String) throws -> Entry {
        if let cached = compiled.withLock({ $0[key] }) { return cached }
        let document = try JSONDocument(data: try Data(contentsOf: url))
        let entry = Entry(
            schema: try JSONSchema(document: document.root), origin: origin, name: origin == .override ? url.path : url.lastPathComponent)
        compiled.withLock { $0[key] = entry }
        return entry
    }

    /// Sorts `1.9` before `1.10` and `devPreview` last.
    static func versionOrder(_ version: String) -> [Int] {
        if version == "devPreview" { return [Int.max] }
        return version.split(separator: ".").map { Int($0) ?? 0 }
    }
}
