import ArgumentParser
import Foundation
import ManifestKit

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `herald schemas`: list the schemas validation uses, fetch newer ones.
struct SchemasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "List the official manifest schemas Herald validates with, or fetch newer ones into the cache.",
        subcommands: [List.self, Fetch.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List shipped and cached schema versions.")

        func run() async throws {
            let catalog = SchemaCatalog(cacheDirectory: Configuration.schemaCacheDirectory())
            print("shipped: " + catalog.shippedVersions.joined(separator: " "))
            let cache = Configuration.schemaCacheDirectory()
            let cached = ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { !$0.contains("localization") }.sorted()
            print("cache (\(cache.path)): " + (cached.isEmpty ? "empty" : cached.joined(separator: " ")))
        }
    }

    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download an official schema version from its $schema URL into the user cache.",
            discussion:
                "Without VERSION, fetches every published version newer than the newest shipped one. The cache is searched after the shipped schemas; set HERALD_CACHE_DIR to move it."
        )

        @Argument(help: "A manifest version such as 1.31, or devPreview.")
        var version: String?

        @Option(name: .customLong("base-url"), help: "Where the schemas are published.")
        var baseURL = "https://developer.microsoft.com/json-schemas/teams"

        func run() async throws {
            guard let base = URL(string: baseURL) else { throw ValidationError("--base-url \(baseURL) is not a URL") }
            let cache = Configuration.schemaCacheDirectory()
            let fetcher = SchemaFetcher(baseURL: base, cacheDirectory: cache, download: Self.get)
            do {
                if let version {
                    guard let outcome = try await fetcher.fetch(version: version) else {
                        Console.error(
                            "herald schemas fetch: version \(version) is not published at \(fetcher.url(forVersion: version, kind: .manifest))")
                        throw ExitCode(1)
                    }
                    print("fetched \(outcome.files.joined(separator: ", ")) into \(cache.path)")
                } else {
                    let newest = SchemaCatalog(cacheDirectory: cache).shippedVersions.last(where: { $0 != "devPreview" }) ?? "1.30"
                    let outcomes = try await fetcher.fetchNewer(than: newest)
                    print(
                        outcomes.isEmpty
                            ? "no version newer than \(newest) is published" : outcomes.map { "fetched \($0.version)" }.joined(separator: "\n"))
                }
            } catch let error as SchemaFetchError {
                Console.error("herald schemas fetch: \(error.message)")
                throw ExitCode(1)
            }
        }

        @Sendable static func get(_ url: URL) async throws -> Data? {
            if url.isFileURL { return FileManager.default.contents(atPath: url.path) }
            let (data, response) = try await URLSession.shared.data(from: url)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 200
            if status == 404 { return nil }
            guard (200..<300).contains(status) else { throw SchemaFetchError(message: "\(url) answered HTTP \(status)") }
            return data
        }
    }
}
