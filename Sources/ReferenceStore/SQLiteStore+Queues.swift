public import Foundation
import GRDB
public import HeraldCore

extension SQLiteStore: TargetQueue, DeliveryQueue {
    public func enqueueTargets(batch: String, tenantId: TenantID, users: [AADObjectID], at time: Date) async throws -> Int {
        try await enqueue(.targets, group: batch, tenantId: tenantId, users: users, at: time)
    }

    public func enqueueSkippedTargets(
        batch: String, tenantId: TenantID, skipped: [(AADObjectID, ProvisionSkipReason)], at time: Date
    ) async throws -> Int {
        try await commits.write { db in
            var added = 0
            for (user, reason) in skipped {
                try db.run(
                    QueueSQL.enqueueSkipped, [.text(batch), .text(tenantId.rawValue), .text(user.rawValue), .text(reason.rawValue), .time(time)])
                added += db.changesCount
            }
            return added
        }
    }

    public func claimTargets(batch: String, owner: String, limit: Int, lease: Duration, at time: Date) async throws -> [Target] {
        try await claim(.targets, group: batch, owner: owner, limit: limit, lease: lease, at: time, sweep: false).map { try $0.target() }
    }

    public func record(
        _ state: ProvisionState, batch: String, user: AADObjectID, owner: String, status: Int?, requestId: String?, errorCode: String?, at time: Date
    ) async throws -> Bool {
        try await record(
            .targets, state.change, group: batch, user: user, owner: owner, status: status, requestId: requestId, errorCode: errorCode, at: time)
    }

    public func unfinishedTargets(batch: String) async throws -> (count: Int, nextLeaseExpiry: Date?) {
        try await pool.read { db in
            let row = try db.row(QueueSQL.unfinishedTargets, [.text(batch)])
            let count: Int = row?[0] ?? 0
            let expiry: Int64? = row?[1]
            return (count, expiry.map(SQLValue.date(fromMilliseconds:)))
        }
    }

    public func targets(batch: String) async throws -> [Target] {
        try await items(.targets, group: batch).map { try $0.target() }
    }

    public func createWave(id: String, name: String, cardTemplate: String, at time: Date) async throws {
        try await commits.write { db in try db.run(QueueSQL.createWave, [.text(id), .text(name), .text(cardTemplate), .time(time)]) }
    }

    public func enqueueDeliveries(
        wave: String, tenantId: TenantID, users: [AADObjectID], data: [AADObjectID: String], at time: Date
    ) async throws -> Int {
        try await enqueue(.deliveries, group: wave, tenantId: tenantId, users: users, data: data, at: time)
    }

    public func unfinishedDeliveries(wave: String) async throws -> (count: Int, nextLeaseExpiry: Date?) {
        try await pool.read { db in
            let row = try db.row(QueueSQL.unfinishedDeliveries, [.text(wave)])
            let count: Int = row?[0] ?? 0
            let expiry: Int64? = row?[1]
            return (count, expiry.map(SQLValue.date(fromMilliseconds:)))
        }
    }

    public func heartbeat(wave: String, worker: String, at time: Date, liveSince: Date) async throws -> Int {
        try await commits.write { db in
            try db.run(QueueSQL.heartbeat, [.text(wave), .text(worker), .time(time)])
            let count: Int = try db.row(QueueSQL.liveWorkers, [.text(wave), .time(liveSince)])?[0] ?? 1
            return max(count, 1)
        }
    }

    public func leaveWave(_ wave: String, worker: String) async throws {
        try await commits.write { db in try db.run(QueueSQL.leaveWave, [.text(wave), .text(worker)]) }
    }

    public func observeInstall(_ reference: ConversationReference, welcomeWave: String, data: String?) async throws {
        let subject: String =
            switch reference.subject {
            case .user(let user): user.rawValue
            case .team(let team): "channel:" + team.rawValue
            }
        try await commits.write { db in
            try db.run(StoreSQL.observeReference, reference.arguments)
            try db.run(StoreSQL.learnTenant, [.text(reference.tenantId.rawValue), .text(reference.serviceURL.rawValue), .time(reference.observedAt)])
            try db.run(
                QueueSQL.deliveries.enqueue,
                [.text(welcomeWave), .text(reference.tenantId.rawValue), .text(subject), .time(reference.observedAt), .text(data)])
        }
    }

    public func saveThread(_ thread: ChannelThread) async throws -> Bool {
        try await commits.write { db in
            try db.run(QueueSQL.saveThread, Self.threadArguments(thread))
            return db.changesCount > 0
        }
    }

    public func thread(named name: String) async throws -> ChannelThread? {
        try await pool.read { db in
            try db.row(QueueSQL.thread, [.text(name)]).map { row in
                let created: Int64 = row[5]
                return ChannelThread(
                    name: row[0], tenantId: TenantID(rawValue: row[1]), team: TeamID(rawValue: row[2]),
                    conversationId: ConversationID(rawValue: row[3]),
                    serviceURL: ServiceURL(rawValue: row[4]), createdAt: SQLValue.date(fromMilliseconds: created))
            }
        }
    }

    static func threadArguments(_ thread: ChannelThread) -> [SQLValue] {
        [
            .text(thread.name), .text(thread.tenantId.rawValue), .text(thread.team.rawValue), .text(thread.conversationId.rawValue),
            .text(thread.serviceURL.rawValue), .time(thread.createdAt),
        ]
    }

    public func waveCardTemplate(_ wave: String) async throws -> String? {
        try await pool.read { db in try db.row(QueueSQL.waveCardTemplate, [.text(wave)]).map { $0[0] } }
    }

    public func resendFailed(wave: String, at time: Date) async throws -> Int {
        try await commits.write { db in
            try db.run(QueueSQL.resendFailed, [.time(time), .text(wave)])
            return db.changesCount
        }
    }

    public func claimDeliveries(wave: String, owner: String, limit: Int, lease: Duration, at time: Date) async throws -> [Delivery] {
        try await claim(.deliveries, group: wave, owner: owner, limit: limit, lease: lease, at: time, sweep: true).map { try $0.delivery() }
    }

    public func record(
        _ state: DeliveryState, wave: String, user: AADObjectID, owner: String, status: Int?, requestId: String?, errorCode: String?, at time: Date
    ) async throws -> Bool {
        try await record(
            .deliveries, state.change, group: wave, user: user, owner: owner, status: status, requestId: requestId, errorCode: errorCode, at: time)
    }

    public func expireLeases(wave: String, at time: Date) async throws -> Int {
        try await commits.write { db in
            try db.run(QueueSQL.expireSending, [.time(time), .text(wave), .time(time)])
            return db.changesCount
        }
    }

    public func resendUncertain(wave: String, at time: Date) async throws -> Int {
        try await commits.write { db in
            try db.run(QueueSQL.resendUncertain, [.time(time), .text(wave)])
            return db.changesCount
        }
    }

    public func setWaveState(_ wave: String, _ state: WaveState) async throws -> Bool {
        try await commits.write { db in
            try db.run(QueueSQL.setWaveState, [.text(state.rawValue), .text(wave)])
            return db.changesCount > 0
        }
    }

    public func waveState(_ wave: String) async throws -> WaveState? {
        try await pool.read { db in
            let state: String? = try db.row(QueueSQL.waveState, [.text(wave)])?[0]
            return try state.map { text in
                guard let state = WaveState(rawValue: text) else { throw StoreError.corrupt("wave state \(text)") }
                return state
            }
        }
    }

    public func deliveries(wave: String) async throws -> [Delivery] {
        try await items(.deliveries, group: wave).map { try $0.delivery() }
    }

    private func enqueue(
        _ sql: QueueSQL, group: String, tenantId: TenantID, users: [AADObjectID], data: [AADObjectID: String]? = nil, at time: Date
    ) async throws -> Int {
        try await commits.write { db in
            var added = 0
            for user in users {
                let values: [SQLValue] = [.text(group), .text(tenantId.rawValue), .text(user.rawValue), .time(time)]
                try db.run(sql.enqueue, data.map { values + [.text($0[user])] } ?? values)
                added += db.changesCount
            }
            return added
        }
    }

    private func claim(
        _ sql: QueueSQL, group: String, owner: String, limit: Int, lease: Duration, at time: Date, sweep: Bool
    ) async throws -> [QueueRow] {
        // One writer at a time in SQLite, so the statement alone keeps claims apart.
        try await commits.write { db in
            if sweep { try db.run(QueueSQL.expireSending, [.time(time), .text(group), .time(time)]) }
            return try db.rows(
                sql.claim,
                [
                    .text(owner), .time(time.addingTimeInterval(lease.timeInterval)), .time(time), .text(group), .text(group), .time(time),
                    .integer(Int64(limit)),
                ]
            ).map(Self.queueRow).sorted { $0.user < $1.user }
        }
    }

    private func record(
        _ sql: QueueSQL, _ change: StateChange, group: String, user: AADObjectID,
        owner: String, status: Int?, requestId: String?, errorCode: String?, at time: Date
    ) async throws -> Bool {
        guard let statement = sql.record(change) else { return false }
        return try await commits.write { db in
            try db.run(
                statement,
                sql.recordArguments(
                    change, group: group, user: user, owner: owner, status: status, requestId: requestId, errorCode: errorCode, at: .time(time)))
            return db.changesCount > 0
        }
    }

    private func items(_ sql: QueueSQL, group: String) async throws -> [QueueRow] {
        try await pool.read { db in try db.rows(sql.items, [.text(group)]).map(Self.queueRow) }
    }

    private static func queueRow(_ row: Row) -> QueueRow {
        let status: Int64? = row[5]
        return QueueRow(
            group: row[0], tenantId: row[1], user: row[2], attempts: row[4], lastStatus: status.map(Int.init), leaseOwner: row[6],
            leaseExpiresAt: row[7], updatedAt: row[8],
            columns: StateColumns(
                state: row[3], activityId: row[13], installationId: row[9], chatId: row[10], failureReason: row[11],
                skipReason: row[12], uncertainReason: row[14], status: status.map(Int.init)), lastRequestId: row[15], lastErrorCode: row[16],
            data: row[17])
    }
}
