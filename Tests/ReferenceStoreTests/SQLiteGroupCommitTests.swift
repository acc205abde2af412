import Dispatch
import Foundation
import GRDB
import HeraldCore
import Synchronization
import Testing

@testable import ReferenceStore

/// The SQLite store's durability and group commit, through its writer: what the contract suite cannot
/// arrange from outside (a group lined up on purpose, a commit that fails, the sync setting).
@Suite("SQLite group commit")
struct SQLiteGroupCommitTests {
    /// A migrated store in a temporary folder, removed afterwards.
    private func withStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-commit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        try await body(store)
    }

    /// Holds the writer busy in a first write until `count` writes wait behind it, so they form one group.
    /// - Returns: each write's error text, nil for a success.
    private func lineUp(_ store: SQLiteStore, _ count: Int, _ writes: @escaping @Sendable (Int) async throws -> Void) async -> [Int: String?] {
        let gate = DispatchSemaphore(value: 0)
        let writerBusy = Mutex(false)
        let blocker = Task {
            try await store.commits.write { _ in
                writerBusy.withLock { $0 = true }
                gate.wait()
            }
        }
        while !writerBusy.withLock({ $0 }) { await Task.yield() }
        return await withTaskGroup(of: (Int, String?).self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await writes(index)
                        return (index, nil)
                    } catch {
                        return (index, "\(error)")
                    }
                }
            }
            while store.commits.waiting < count { await Task.yield() }
            gate.signal()
            _ = await blocker.result
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
    }

    @Test("the writer syncs every commit (synchronous = FULL, not GRDB's NORMAL for WAL)")
    func synchronousIsFull() async throws {
        try await withStore { store in
            let mode = try await store.commits.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            #expect(mode == 2)
            let journal = try await store.commits.write { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(journal == "wal")
        }
    }

    @Test("in one group, the writes that throw fail alone with their own error and the others commit")
    func failingWritesInOneGroup() async throws {
        try await withStore { store in
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            let outcomes = await lineUp(store, 30) { index in
                if index % 10 == 3 {
                    // a delivery of a wave that does not exist breaks a foreign key
                    _ = try await store.enqueueDeliveries(wave: "no-such-wave", tenantId: "t", users: [AADObjectID("u\(index)")], at: start)
                } else {
                    try await store.recordOptOut(tenantId: "t", user: AADObjectID("u\(index)"), at: start)
                }
            }
            let failures = outcomes.compactMapValues { $0 }
            #expect(failures.keys.sorted() == [3, 13, 23])
            #expect(failures.values.allSatisfy { $0.contains("FOREIGN KEY") })
            let optedOut = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opt_outs") }
            #expect(optedOut == 27)
        }
    }

    @Test("when the group's commit fails, its writes are retried one by one and only the culprit fails")
    func failingCommit() async throws {
        try await withStore { store in
            let outcomes = await lineUp(store, 20) { index in
                try await store.commits.write { db in
                    if index == 7 {
                        // checked only at COMMIT
                        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                        try db.execute(
                            sql:
                                "INSERT INTO deliveries (wave_id, tenant_id, aad_object_id, state, attempts, updated_at) VALUES ('none', 't', 'u', 'pending', 0, 0)"
                        )
                    } else {
                        try db.execute(
                            sql: "INSERT INTO opt_outs (tenant_id, aad_object_id, opted_out_at) VALUES ('t', ?, 0)", arguments: ["u\(index)"])
                    }
                }
            }
            #expect(outcomes.compactMapValues { $0 }.keys.sorted() == [7])
            let optedOut = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM opt_outs") }
            #expect(optedOut == 19)
        }
    }
}
