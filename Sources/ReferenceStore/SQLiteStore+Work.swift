public import Foundation
import GRDB

extension SQLiteStore: WorkQueueStore {
    public func createWave(id: String, name: String, cardTemplate: String, at time: Date) async throws {
        try await write(WorkSQL.createWave, [.text(id), .text(name), .text(cardTemplate), .time(time)])
    }

    public func enqueue(_ queue: WorkItem.Queue, group: String, tenantId: String, userIds: [String], at time: Date) async throws -> Int {
        try await commits.write { db in
            var added = 0
            for userId in userIds {
                try db.run(WorkSQL.enqueue(queue), [.text(group), .text(tenantId), .text(userId), .time(time)])
                added += db.changesCount
            }
            return added
        }
    }

    public func claim(_ queue: WorkItem.Queue, group: String, owner: String, limit: Int, lease: TimeInterval, at time: Date) async throws -> [WorkItem] {
        // One writer at a time in SQLite, so the statement alone keeps claims apart.
        try await commits.write { db in
            try db.rows(WorkSQL.claim(queue), [
                .text(owner), .time(time.addingTimeInterval(lease)), .time(time), .text(group), .text(group), .time(time), .integer(Int64(limit)),
            ]).map { try Self.workItem($0, queue) }.sorted { $0.userId < $1.userId }
        }
    }

    public func finish(_ queue: WorkItem.Queue, group: String, userId: String, owner: String, state: String, detail: String?, at time: Date) async throws -> Bool {
        try await commits.write { db in
            try db.run(WorkSQL.finish(queue), [.text(state), .text(detail), .time(time), .text(group), .text(userId), .text(owner), .time(time)])
            return db.changesCount > 0
        }
    }

    public func items(_ queue: WorkItem.Queue, group: String) async throws -> [WorkItem] {
        try await pool.read { db in
            try db.rows(WorkSQL.items(queue), [.text(group)]).map { try Self.workItem($0, queue) }
        }
    }

    private func write(_ sql: String, _ values: [SQLValue]) async throws {
        try await commits.write { db in try db.run(sql, values) }
    }

    static func workItem(_ row: Row, _ queue: WorkItem.Queue) throws -> WorkItem {
        let expires: Int64? = row["lease_expires_at"]
        return WorkItem(queue: queue, group: row[queue.groupColumn], tenantId: row["tenant_id"], userId: row["user_id"], state: row["state"],
                        attempts: row["attempts"], leaseOwner: row["lease_owner"], leaseExpiresAt: expires.map(SQLValue.date(fromMilliseconds:)))
    }
}
