public import Foundation

/// Downloads official schemas newer than the shipped ones into the user cache, where
/// ``SchemaCatalog`` finds them after the shipped copies.
public struct SchemaFetcher: Sendable {
    /// Fetches the bytes at a URL; `nil` when the server says the file does not exist (404).
    public typealias Download = @Sendable (URL) async throws -> Data?

    /// The folder schemas are published under (`…/json-schemas/teams`).
    public let baseURL: URL
    /// The cache folder to write into.
    public let cacheDirectory: URL
    private let download: Download

    /// A fetcher.
    /// - Parameters:
    ///   - baseURL: where `vX.Y/MicrosoftTeams.schema.json` are published.
    ///   - cacheDirectory: the user cache folder.
    ///   - download: the HTTP GET to use.
    public init(baseURL: URL, cacheDirectory: URL, download: @escaping Download) {
        self.baseURL = baseURL
        self.cacheDirectory = cacheDirectory
        self.download = download
    }

    /// What one fetch did.
    public struct Outcome: Sendable, Equatable {
        /// The version fetched.
        public let version: String
        /// The files written into the cache.
        public let files: [String]
    }

    /// The official schema URL of a version (`…/teams/v1.31/MicrosoftTeams.schema.json`).
    /// - Parameters:
    ///   - version: `1.31` or `devPreview`.
    ///   - kind: manifest or localization.
    public func url(forVersion version: String, kind: SchemaCatalog.Kind) -> URL {
        let folder = version == "devPreview" ? "vDevPreview" : "v\(version)"
        let file = kind == .manifest ? "MicrosoftTeams.schema.json" : "MicrosoftTeams.Localization.schema.json"
        return baseURL.appendingPathComponent(folder).appendingPathComponent(file)
    }

    /// Fetches one version's manifest schema (required) and localization schema (if published),
    /// checks that each compiles, and stores them in the cache.
    /// - Parameter version: `1.31` or `devPreview`.
    /// - Returns: what was written, or `nil` when the version is not published.
    /// - Throws: a download error, a parse or compile error for a broken schema, a write error.
    public func fetch(version: String) async throws -> Outcome? {
        guard let manifestName = SchemaCatalog.fileName(forVersion: version) else {
            throw SchemaFetchError(message: "\"\(version)\" is not a manifest version (expected e.g. 1.31 or devPreview)")
        }
        guard let manifest = try await download(url(forVersion: version, kind: .manifest)) else { return nil }
        var files = [(manifestName, manifest)]
        if let localizationName = SchemaCatalog.fileName(forVersion: version, kind: .localization),
            let localization = try await download(url(forVersion: version, kind: .localization))
        {
            files.append((localizationName, localization))
        }
        for (name, data) in files {
            do {
                _ = try JSONSchema(document: try JSONDocument(data: data).root)
            } catch {
                throw SchemaFetchError(message: "the downloaded \(name) is not a usable JSON Schema: \(error)")
            }
        }
        try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        for (name, data) in files {
            try data.write(to: cacheDirectory.appendingPathComponent(name), options: .atomic)
        }
        return Outcome(version: version, files: files.map(\.0))
    }

    /// Fetches every version after `newest` that is published, stopping at the first that is not.
    /// - Parameter newest: the newest version already available (`1.30`).
    /// - Returns: what was fetched, oldest first.
    public func fetchNewer(than newest: String) async throws -> [Outcome] {
        guard let current = ManifestVersion(newest), !current.isPreview else { return [] }
        var outcomes: [Outcome] = []
        var minor = current.minor + 1
        while let outcome = try await fetch(version: "\(current.major).\(minor)") {
            outcomes.append(outcome)
            minor += 1
        }
        return outcomes
    }
}

/// A schema download that cannot be used.
public struct SchemaFetchError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    /// An error.
    /// - Parameter message: what went wrong.
    public init(message: String) { self.message = message }

    public var description: String { message }
}
