public import Foundation
public import HeraldCore
import PostgresNIO

extension PostgresStore: TargetQueue, DeliveryQueue {
    public func enqueueTargets(batch: String, tenantId: TenantID, users: [AADObjectID], at time: Date) async throws -> Int {
        try await enqueue(.targets, group: batch, tenantId: tenantId, users: users, at: time)
    }

    public func enqueueSkippedTargets(
        batch: String, tenantId: TenantID, skipped: [(AADObjectID, ProvisionSkipReason)], at time: Date
    ) async throws -> Int {
        try await client.withTransaction(logger: logger) { connection in
            var added = 0
            for (user, reason) in skipped {
                let query = Self.query(
                    QueueSQL.enqueueSkipped + " RETURNING 1",
                    [.text(batch), .text(tenantId.rawValue), .text(user.rawValue), .text(reason.rawValue), .time(time)])
                for try await _ in try await connection.query(query, logger: logger) { added += 1 }
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
        for try await (count, expiry) in try await client.query(Self.query(QueueSQL.unfinishedTargets, [.text(batch)]), logger: logger).decode(
            (Int64, Int64?).self)
        {
            return (Int(count), expiry.map(SQLValue.date(fromMilliseconds:)))
        }
        return (0, nil)
    }

    public func targets(batch: String) async throws -> [Target] {
        try await items(.targets, group: batch).map { try $0.target() }
    }

    public func createWave(id: String, name: String, cardTemplate: String, at time: Date) async throws {
        try await client.query(Self.query(QueueSQL.createWave, [.text(id), .text(name), .text(cardTemplate), .time(time)]), logger: logger)
    }

    public func enqueueDeliveries(
        wave: String, tenantId: TenantID, users: [AADObjectID], data: [AADObjectID: String], at time: Date
    ) async throws -> Int {
        try await enqueue(.deliveries, group: wave, tenantId: tenantId, users: users, data: data, at: time)
    }

    public func unfinishedDeliveries(wave: String) async throws -> (count: Int, nextLeaseExpiry: Date?) {
        for try await (count, expiry) in try await client.query(Self.query(QueueSQL.unfinishedDeliveries, [.text(wave)]), logger: logger).decode(
            (Int64, Int64?).self)
        {
            return (Int(count), expiry.map(SQLValue.date(fromMilliseconds:)))
        }
        return (0, nil)
    }

    public func heartbeat(wave: String, worker: String, at time: Date, liveSince: Date) async throws -> Int {
        _ = try await changes(Self.query(QueueSQL.heartbeat + " RETURNING 1", [.text(wave), .text(worker), .time(time)]))
        for try await count in try await client.query(Self.query(QueueSQL.liveWorkers, [.text(wave), .time(liveSince)]), logger: logger).decode(
            Int64.self)
        {
            return max(Int(count), 1)
        }
        return 1
    }

    public func leaveWave(_ wave: String, worker: String) async throws {
        _ = try await changes(Self.query(QueueSQL.leaveWave + " RETURNING 1", [.text(wave), .text(worker)]))
    }

    public func observeInstall(_ reference: ConversationReference, welcomeWave: String, data: String?) async throws {
        let subject: String =
            switch reference.subject {
            case .user(let user): user.rawValue
            case .team(let team): "channel:" + team.rawValue
            }
        let learn = [SQLValue.text(reference.tenantId.rawValue), .text(reference.serviceURL.rawValue), .time(reference.observedAt)]
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(Self.query(StoreSQL.observeReference, reference.arguments), logger: logger)
            try await connection.query(Self.query(StoreSQL.learnTenant, learn), logger: logger)
            try await connection.query(
                Self.query(
                    QueueSQL.deliveries.enqueue,
                    [.text(welcomeWave), .text(reference.tenantId.rawValue), .text(subject), .time(reference.observedAt), .text(data)]),
                logger: logger)
        }
    }

    public func saveThread(_ thread: ChannelThread) async throws -> Bool {
        try await changes(Self.query(QueueSQL.saveThread + " RETURNING 1", SQLiteStore.threadArguments(thread))) > 0
    }

    public func thread(named name: String) async throws -> ChannelThread? {
        for try await (name, tenant, team, conversation, serviceURL, created) in try await client.query(
            Self.query(QueueSQL.thread, [.text(name)]), logger: logger
        ).decode((String, String, String, String, String, Int64).self) {
            return ChannelThread(
                name: name, tenantId: TenantID(rawValue: tenant), team: TeamID(rawValue: team),
                conversationId: ConversationID(rawValue: conversation),
                serviceURL: ServiceURL(rawValue: serviceURL), createdAt: SQLValue.date(fromMilliseconds: created))
        }
        return nil
    }

    public func waveCardTemplate(_ wave: String) async throws -> String? {
        for try await text in try await client.query(Self.query(QueueSQL.waveCardTemplate, [.text(wave)]), logger: logger).decode(String.self) {
            return text
        }
        return nil
    }

    public func resendFailed(wave: String, at time: Date) async throws -> Int {
        try await changes(Self.query(QueueSQL.resendFailed + " RETURNING 1", [.time(time), .text(wave)]))
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
        try await changes(Self.query(QueueSQL.expireSending + " RETURNING 1", [.time(time), .text(wave), .time(time)]))
    }

    public func resendUncertain(wave: String, at time: Date) async throws -> Int {
        try await changes(Self.query(QueueSQL.resendUncertain + " RETURNING 1", [.time(time), .text(wave)]))
    }

    public func setWaveState(_ wave: String, _ state: WaveState) async throws -> Bool {
        try await changes(Self.query(QueueSQL.setWaveState + " RETURNING 1", [.text(state.rawValue), .text(wave)])) > 0
    }

    public func waveState(_ wave: String) async throws -> WaveState? {
        for try await text in try await client.query(Self.query(QueueSQL.waveState, [.text(wave)]), logger: logger).decode(String.self) {
            guard let state = WaveState(rawValue: text) else { throw StoreError.corrupt("wave state \(text)") }
            return state
        }
        return nil
    }

    public func deliveries(wave: String) async throws -> [Delivery] {
        try await items(.deliveries, group: wave).map { try $0.delivery() }
    }

    private func changes(_ query: PostgresQuery) async throws -> Int {
        var count = 0
        for try await _ in try await client.query(query, logger: logger) { count += 1 }
        return count
    }

    private func enqueue(
        _ sql: QueueSQL, group: String, tenantId: TenantID, users: [AADObjectID], data: [AADObjectID: String]? = nil, at time: Date
    ) async throws -> Int {
        try await client.withTransaction(logger: logger) { connection in
            var added = 0
            for user in users {
                let values: [SQLValue] = [.text(group), .text(tenantId.rawValue), .text(user.rawValue), .time(time)]
                let query = Self.query(sql.enqueue + " RETURNING 1", data.map { values + [.text($0[user])] } ?? values)
                for try await _ in try await connection.query(query, logger: logger) { added += 1 }
            }
            return added
        }
    }

    private func claim(
        _ sql: QueueSQL, group: String, owner: String, limit: Int, lease: Duration, at time: Date, sweep: Bool
    ) async throws -> [QueueRow] {
        try await client.withTransaction(logger: logger) { connection in
            if sweep {
                try await connection.query(Self.query(QueueSQL.expireSending, [.time(time), .text(group), .time(time)]), logger: logger)
            }
            let query = Self.query(
                sql.claimSkippingLocked,
                [
                    .text(group), .time(time), .integer(Int64(limit)), .text(owner), .time(time.addingTimeInterval(lease.timeInterval)), .time(time),
                    .text(group),
                ])
            var rows: [QueueRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(try Self.queueRow(row)) }
            return rows.sorted { $0.user < $1.user }
        }
    }

    private func record(
        _ sql: QueueSQL, _ change: StateChange, group: String, user: AADObjectID,
        owner: String, status: Int?, requestId: String?, errorCode: String?, at time: Date
    ) async throws -> Bool {
        guard let statement = sql.record(change) else { return false }
        let query = Self.query(
            statement + " RETURNING 1",
            sql.recordArguments(
                change, group: group, user: user, owner: owner, status: status, requestId: requestId, errorCode: errorCode, at: .time(time)))
        return try await changes(query) > 0
    }

    private func items(_ sql: QueueSQL, group: String) async throws -> [QueueRow] {
        var rows: [QueueRow] = []
        for try await row in try await client.query(Self.query(sql.items, [.text(group)]), logger: logger) { rows.append(try Self.queueRow(row)) }
        return rows
    }

    private static func queueRow(_ row: PostgresRow) throws -> QueueRow {
        let columns = row.makeRandomAccess()
        let status = try columns[5].decode(Int32?.self).map(Int.init)
        return QueueRow(
            group: try columns[0].decode(String.self), tenantId: try columns[1].decode(String.self), user: try columns[2].decode(String.self),
            attempts: Int(try columns[4].decode(Int32.self)), lastStatus: status, leaseOwner: try columns[6].decode(String?.self),
            leaseExpiresAt: try columns[7].decode(Int64?.self), updatedAt: try columns[8].decode(Int64.self),
            columns: StateColumns(
                state: try columns[3].decode(String.self), activityId: try columns[13].decode(String?.self),
                installationId: try columns[9].decode(String?.self), chatId: try columns[10].decode(String?.self),
                failureReason: try columns[11].decode(String?.self), skipReason: try columns[12].decode(String?.self),
                uncertainReason: try columns[14].decode(String?.self), status: status),
            lastRequestId: try columns[15].decode(String?.self), lastErrorCode: try columns[16].decode(String?.self),
            data: try columns[17].decode(String?.self))
    }
}
