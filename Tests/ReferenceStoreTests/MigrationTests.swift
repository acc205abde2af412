import Foundation
import GRDB
import HeraldCore
import PostgresNIO
import Testing

@testable import ReferenceStore

/// Migration 002 on a database that 001 made and the old queue wrote to, on both stores: no row is lost,
/// reasons already in the closed sets are kept, the activity id the old `finish` put in `failure_reason`
/// moves to its own column, and a `sending` row becomes `uncertain`.
@Suite("Migrations")
struct MigrationTests {
    /// Rows as the 001 schema and the old string-typed queue wrote them.
    static let legacyRows = [
        """
        INSERT INTO conversation_refs VALUES ('t', 'aad-1', 'bot', 'personal', 'a:1', 'https://smba.trafficmanager.net/amer/', '29:1', 'msteams',
                                              'personal', 'activity', 1, 1, TRUE, 1)
        """,
        "INSERT INTO opt_outs VALUES ('t', 'aad-2', 5)",
        "INSERT INTO waves VALUES ('w', 'Welcome', '{}', 'open', 1)",
        "INSERT INTO deliveries (wave_id, tenant_id, user_id, state, failure_reason, attempts, updated_at) VALUES ('w', 't', 'aad-1', 'sent', '1:42', 1, 2)",
        """
        INSERT INTO deliveries (wave_id, tenant_id, user_id, state, attempts, lease_owner, lease_expires_at, updated_at)
            VALUES ('w', 't', 'aad-3', 'sending', 1, 'gone', 3, 2)
        """,
        "INSERT INTO deliveries (wave_id, tenant_id, user_id, state, attempts, updated_at) VALUES ('w', 't', 'aad-4', 'pending', 0, 2)",
        "INSERT INTO deliveries (wave_id, tenant_id, user_id, state, failure_reason, attempts, updated_at) VALUES ('w', 't', 'aad-5', 'failed', 'conversation_not_found', 1, 2)",
        "INSERT INTO deliveries (wave_id, tenant_id, user_id, state, failure_reason, attempts, updated_at) VALUES ('w', 't', 'aad-6', 'failed', 'HTTP 418 teapot', 1, 2)",
        "INSERT INTO deliveries (wave_id, tenant_id, user_id, state, failure_reason, attempts, updated_at) VALUES ('w', 't', 'aad-7', 'skipped', 'opted_out', 0, 2)",
        "INSERT INTO targets (batch_id, tenant_id, user_id, state, installation_id, attempts, updated_at) VALUES ('b', 't', 'aad-1', 'installed', 'i1', 1, 2)",
        "INSERT INTO targets (batch_id, tenant_id, user_id, state, failure_reason, attempts, updated_at) VALUES ('b', 't', 'aad-2', 'failed', 'user_not_found', 1, 2)",
    ]

    @Test("002 keeps every row of a 001 database and types its states", arguments: TestStores.Kind.allCases)
    func typedStates(_ kind: TestStores.Kind) async throws {
        try await Self.withLegacyStore(kind) { store, execute in
            try await store.migrate()
            let reference = try #require(try await store.reference(ReferenceKey(tenantId: "t", subject: .user("aad-1"), bot: BotID(appId: "bot"))))
            #expect(reference.reference.teamsUserId == "29:1")
            #expect(try await store.hasOptedOut(tenantId: "t", user: "aad-2"))
            let deliveries = try await store.deliveries(wave: "w")
            #expect(
                deliveries.map(\.state) == [
                    .sent(activityId: "1:42"), .uncertain(.leaseExpired), .pending, .failed(.conversationNotFound, status: nil),
                    .failed(.rejected, status: nil),
                    .skipped(.optedOut),
                ])
            #expect(deliveries.first { $0.user == "aad-3" }?.lease == nil, "an uncertain delivery holds no lease")
            #expect(try await store.targets(batch: "b").map(\.state) == [.installed(installationId: "i1"), .failed(.userNotFound, status: nil)])
            #expect(try await store.waveState("w") == .open)
            await #expect(throws: (any Error).self, "waves.state is a closed set") { try await execute("UPDATE waves SET state = 'teleported'") }
            await #expect(throws: (any Error).self, "a failed delivery must say why") {
                try await execute("UPDATE deliveries SET state = 'failed' WHERE aad_object_id = 'aad-4'")
            }
        }
    }

    /// A store of `kind` on which only migration 001 ran, holding ``legacyRows``, and a way to run raw SQL on it.
    static func withLegacyStore(
        _ kind: TestStores.Kind, _ body: @Sendable (any HeraldStore, @escaping @Sendable (String) async throws -> Void) async throws -> Void
    ) async throws {
        let first = try #require(Migrations.all.first)
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-migration-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("herald.db").path
            let old = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            migrator.registerMigration(first.name) { db in for statement in first.statements { try db.execute(sql: statement) } }
            try migrator.migrate(old)
            try await old.write { db in for row in legacyRows { try db.execute(sql: row) } }
            try old.close()
            let store = try SQLiteStore(path: path)
            try await body(store) { sql in try await store.pool.write { db in try db.execute(sql: sql) } }
        case .postgres:
            guard let url = TestStores.postgresURL, case .postgres(let admin) = try StoreLocation(url) else {
                Issue.record("HERALD_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a PostgreSQL cluster")
                return
            }
            let database = "herald_migration_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await PostgresStore.withStore(admin) { server in
                _ = try await server.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
            }
            var configuration = admin
            configuration.database = database
            try await PostgresStore.withStore(configuration) { store in
                let execute: @Sendable (String) async throws -> Void = { sql in _ = try await store.client.query(PostgresQuery(unsafeSQL: sql)) }
                try await execute("CREATE TABLE herald_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
                for statement in first.statements { try await execute(statement) }
                try await execute("INSERT INTO herald_migrations VALUES ('\(first.name)', 0)")
                for row in legacyRows { try await execute(row) }
                try await body(store, execute)
            }
            try await PostgresStore.withStore(admin) { server in
                _ = try await server.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(database) WITH (FORCE)"))
            }
        }
    }
}
