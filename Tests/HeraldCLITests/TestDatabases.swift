import Foundation
import PostgresNIO
import ReferenceStore
import Testing

/// Stores for CLI tests, as store URLs: a temporary SQLite file, or a fresh database on the test
/// PostgreSQL server (`HERALD_TEST_POSTGRES_URL`, which `scripts/test` sets).
enum TestDatabases {
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// Runs `body` with the URL of a new, empty store of `kind`, and removes it afterwards.
    static func with(_ kind: Kind, _ body: (String) async throws -> Void) async throws {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-cli-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body("sqlite:" + folder.appendingPathComponent("herald.db").path)
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["HERALD_TEST_POSTGRES_URL"], case .postgres(let admin) = try StoreLocation(url),
                var components = URLComponents(string: url)
            else {
                Issue.record("HERALD_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a PostgreSQL cluster")
                return
            }
            let database = "herald_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await PostgresStore.withStore(admin) { server in
                _ = try await server.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
            }
            components.path = "/" + database
            do {
                try await body(try #require(components.string))
            } catch {
                try await drop(database, admin)
                throw error
            }
            try await drop(database, admin)
        }
    }

    private static func drop(_ database: String, _ admin: PostgresClient.Configuration) async throws {
        try await PostgresStore.withStore(admin) { server in
            _ = try await server.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(database) WITH (FORCE)"))
        }
    }
}
