import Foundation
import Logging
import PostgresNIO
import ReferenceStore
import Testing

/// Fresh stores for tests: a temporary SQLite file, or a new database on the test PostgreSQL server.
enum TestStores {
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// `HERALD_TEST_POSTGRES_URL`, e.g. `postgres://herald@127.0.0.1:54329/postgres`.
    static var postgresURL: String? { ProcessInfo.processInfo.environment["HERALD_TEST_POSTGRES_URL"] }

    /// Runs `body` with a migrated, empty store of `kind`, and removes it afterwards.
    static func with(_ kind: Kind, _ body: @Sendable (any HeraldStore) async throws -> Void) async throws {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-store-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
            try await store.migrate()
            try await body(store)
        case .postgres:
            guard let url = postgresURL, case .postgres(let admin) = try StoreLocation(url) else {
                Issue.record("HERALD_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a PostgreSQL cluster")
                return
            }
            let database = "herald_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await PostgresStore.withStore(admin) { server in
                try await server.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
            }
            var configuration = admin
            configuration.database = database
            try await PostgresStore.withStore(configuration) { store in
                try await store.migrate()
                try await body(store)
            }
            try await PostgresStore.withStore(admin) { server in
                try await server.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(database) WITH (FORCE)"))
            }
        }
    }
}
