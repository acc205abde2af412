import Foundation
import GRDB
import HeraldCore
import Testing

@testable import ReferenceStore

/// Migration 002 on a database that 001 made and the old queue wrote to: nothing is lost, the activity id
/// the old `finish` put in `failure_reason` moves to its own column, a `sending` row becomes `uncertain`.
@Suite("Migrations")
struct MigrationTests {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("002 keeps every row of a 001 database and types its states")
    func typedStates() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("herald.db").path
        let old = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        let first = try #require(Migrations.all.first)
        migrator.registerMigration(first.name) { db in for statement in first.statements { try db.execute(sql: statement) } }
        try migrator.migrate(old)
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO conversation_refs VALUES ('t', 'aad-1', 'bot', 'personal', 'a:1', 'https://smba.trafficmanager.net/amer/', '29:1', 'msteams',
                                                          'personal', 'activity', 1, 1, 1, 1);
                    INSERT INTO opt_outs VALUES ('t', 'aad-2', 5);
                    INSERT INTO waves VALUES ('w', 'Welcome', '{}', 'open', 1);
                    INSERT INTO deliveries (wave_id, tenant_id, user_id, state, failure_reason, attempts, updated_at) VALUES ('w', 't', 'aad-1', 'sent', '1:42', 1, 2);
                    INSERT INTO deliveries (wave_id, tenant_id, user_id, state, attempts, lease_owner, lease_expires_at, updated_at)
                        VALUES ('w', 't', 'aad-3', 'sending', 1, 'gone', 3, 2);
                    INSERT INTO deliveries (wave_id, tenant_id, user_id, state, attempts, updated_at) VALUES ('w', 't', 'aad-4', 'pending', 0, 2);
                    INSERT INTO targets (batch_id, tenant_id, user_id, state, installation_id, attempts, updated_at) VALUES ('b', 't', 'aad-1', 'installed', 'i1', 1, 2);
                    """)
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        try await store.migrate()
        let reference = try #require(try await store.reference(ReferenceKey(tenantId: "t", subject: .user("aad-1"), bot: BotID(appId: "bot"))))
        #expect(reference.reference.teamsUserId == "29:1")
        #expect(try await store.hasOptedOut(tenantId: "t", user: "aad-2"))
        let deliveries = try await store.deliveries(wave: "w")
        #expect(deliveries.map(\.state) == [.sent(activityId: "1:42"), .uncertain(.leaseExpired), .pending])
        #expect(try await store.targets(batch: "b").map(\.state) == [.installed(installationId: "i1")])

        await #expect(throws: (any Error).self, "waves.state is a closed set") {
            try await store.pool.write { db in try db.execute(sql: "UPDATE waves SET state = 'teleported'") }
        }
        await #expect(throws: (any Error).self, "a failed delivery must say why") {
            try await store.pool.write { db in try db.execute(sql: "UPDATE deliveries SET state = 'failed' WHERE aad_object_id = 'aad-4'") }
        }
    }
}
