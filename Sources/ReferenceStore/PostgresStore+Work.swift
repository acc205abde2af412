public import Foundation
import PostgresNIO

extension PostgresStore: WorkQueueStore {
    public func createWave(id: String, name: String, cardTemplate: String, at time: Date) async throws {
        try await client.query(Self.query(WorkSQL.createWave, [.text(id), .text(name), .text(cardTemplate), .time(time)]), logger: logger)
    }

    public func enqueue(_ queue: WorkItem.Queue, group: String, tenantId: String, userIds: [String], at time: Date) async throws -> Int {
        try await client.withTransaction(logger: logger) { connection in
            var added = 0
            for userId in userIds {
                let sql = WorkSQL.enqueue(queue) + " RETURNING 1"
                for try await _ in try await connection.query(Self.query(sql, [.text(group), .text(tenantId), .text(userId), .time(time)]), logger: logger) { added += 1 }
            }
            return added
        }
    }

    public func claim(_ queue: WorkItem.Queue, group: String, owner: String, limit: Int, lease: TimeInterval, at time: Date) async throws -> [WorkItem] {
        let query = Self.query(WorkSQL.claimSkippingLocked(queue), [
            .text(group), .time(time), .integer(Int64(limit)), .text(owner), .time(time.addingTimeInterval(lease)), .time(time), .text(group),
        ])
        var items: [WorkItem] = []
        for try await row in try await client.query(query, logger: logger) { items.append(try Self.workItem(row, queue)) }
        return items.sorted { $0.userId < $1.userId }
    }

    public func finish(_ queue: WorkItem.Queue, group: String, userId: String, owner: String, state: String, detail: String?, at time: Date) async throws -> Bool {
        var finished = false
        let sql = WorkSQL.finish(queue) + " RETURNING 1"
        for try await _ in try await client.query(Self.query(sql, [.text(state), .text(detail), .time(time), .text(group), .text(userId), .text(owner), .time(time)]), logger: logger) {
            finished = true
        }
        return finished
    }

    public func items(_ queue: WorkItem.Queue, group: String) async throws -> [WorkItem] {
        var items: [WorkItem] = []
        for try await row in try await client.query(Self.query(WorkSQL.items(queue), [.text(group)]), logger: logger) { items.append(try Self.workItem(row, queue)) }
        return items
    }

    static func workItem(_ row: PostgresRow, _ queue: WorkItem.Queue) throws -> WorkItem {
        let columns = row.makeRandomAccess()
        return WorkItem(queue: queue, group: try columns[queue.groupColumn].decode(String.self), tenantId: try columns["tenant_id"].decode(String.self),
                        userId: try columns["user_id"].decode(String.self), state: try columns["state"].decode(String.self),
                        attempts: Int(try columns["attempts"].decode(Int32.self)), leaseOwner: try columns["lease_owner"].decode(String?.self),
                        leaseExpiresAt: try columns["lease_expires_at"].decode(Int64?.self).map(SQLValue.date(fromMilliseconds:)))
    }
}
