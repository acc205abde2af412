public import Foundation

/// Sharing a batch or a wave between workers: enqueue users, claim a few under a lease, finish them.
/// A lease that runs out makes the item claimable again; finishing requires still holding the lease,
/// so a worker that stalled past its lease cannot overwrite its successor's result.
public protocol WorkQueueStore: Sendable {
    /// Creates a welcome wave (deliveries belong to one); an existing wave is left as it is.
    func createWave(id: String, name: String, cardTemplate: String, at time: Date) async throws

    /// Adds users to a batch or wave as `pending`; users already there are left as they are.
    /// - Returns: how many were added.
    @discardableResult
    func enqueue(_ queue: WorkItem.Queue, group: String, tenantId: String, userIds: [String], at time: Date) async throws -> Int

    /// Claims up to `limit` pending items whose lease is free or expired, for `owner`, until `time + lease`.
    /// Concurrent claimers never get the same item (`FOR UPDATE SKIP LOCKED` on PostgreSQL).
    func claim(_ queue: WorkItem.Queue, group: String, owner: String, limit: Int, lease: TimeInterval, at time: Date) async throws -> [WorkItem]

    /// Moves a claimed item to `state` and releases the lease, if `owner` still holds it.
    /// - Returns: whether the item was finished (false: the lease was lost).
    @discardableResult
    func finish(_ queue: WorkItem.Queue, group: String, userId: String, owner: String, state: String, detail: String?, at time: Date) async throws -> Bool

    /// Every item of a batch or wave, by user.
    func items(_ queue: WorkItem.Queue, group: String) async throws -> [WorkItem]
}

/// The statements of the work queues; `claim` differs between the databases.
enum WorkSQL {
    static func enqueue(_ queue: WorkItem.Queue) -> String {
        "INSERT INTO \(queue.rawValue) (\(queue.groupColumn), tenant_id, user_id, state, attempts, updated_at) VALUES (?, ?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING"
    }

    static func columns(_ queue: WorkItem.Queue) -> String {
        "\(queue.groupColumn), tenant_id, user_id, state, attempts, lease_owner, lease_expires_at"
    }

    /// The candidates: pending, and not leased or leased until before now.
    static func candidates(_ queue: WorkItem.Queue) -> String {
        "SELECT user_id FROM \(queue.rawValue) WHERE \(queue.groupColumn) = ? AND state = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at <= ?) ORDER BY user_id LIMIT ?"
    }

    /// Claims the candidates and returns them (SQLite: one writer, so one statement is enough).
    /// Arguments: owner, lease end, now, group, group, now, limit.
    static func claim(_ queue: WorkItem.Queue) -> String {
        """
        UPDATE \(queue.rawValue) SET lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ?
        WHERE \(queue.groupColumn) = ? AND user_id IN (\(candidates(queue)))
        RETURNING \(columns(queue))
        """
    }

    /// PostgreSQL: lock the candidates in a CTE, skipping rows other claimers hold, then update exactly those.
    /// Arguments: group, now, limit, owner, lease end, now, group.
    static func claimSkippingLocked(_ queue: WorkItem.Queue) -> String {
        let table = queue.rawValue, group = queue.groupColumn
        return """
            WITH picked AS (\(candidates(queue)) FOR UPDATE SKIP LOCKED)
            UPDATE \(table) SET lease_owner = ?, lease_expires_at = ?, attempts = \(table).attempts + 1, updated_at = ?
            FROM picked WHERE \(table).\(group) = ? AND \(table).user_id = picked.user_id
            RETURNING \(table).\(group), \(table).tenant_id, \(table).user_id, \(table).state, \(table).attempts, \(table).lease_owner, \(table).lease_expires_at
            """
    }

    static func finish(_ queue: WorkItem.Queue) -> String {
        """
        UPDATE \(queue.rawValue) SET state = ?, failure_reason = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
        WHERE \(queue.groupColumn) = ? AND user_id = ? AND lease_owner = ? AND lease_expires_at > ?
        """
    }

    static let createWave = "INSERT INTO waves (wave_id, name, card_template, state, created_at) VALUES (?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING"

    static func items(_ queue: WorkItem.Queue) -> String {
        "SELECT \(columns(queue)) FROM \(queue.rawValue) WHERE \(queue.groupColumn) = ? ORDER BY user_id"
    }
}
