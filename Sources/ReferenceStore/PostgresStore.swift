public import Foundation
public import Logging
public import PostgresNIO

/// The store for several workers or machines: PostgreSQL through PostgresNIO's connection pool.
///
/// The pool needs its run loop: use ``withStore(_:logger:_:)``, or run ``client`` in a service group.
public final class PostgresStore: Store {
    /// The connection pool; `run()` it for as long as the store is used.
    public let client: PostgresClient
    let logger: Logger

    /// A store over a pool that the caller runs.
    /// - Parameters:
    ///   - configuration: where and how to connect.
    ///   - logger: where queries log (never with their values).
    public init(configuration: PostgresClient.Configuration, logger: Logger = Logger(label: "herald.store")) {
        client = PostgresClient(configuration: configuration)
        self.logger = logger
    }

    /// Runs `body` with a store whose pool runs alongside, and stops the pool afterwards.
    /// - Parameters:
    ///   - configuration: where and how to connect.
    ///   - logger: the store's logger.
    ///   - body: the work.
    @discardableResult
    public static func withStore<Value: Sendable>(_ configuration: PostgresClient.Configuration, logger: Logger = Logger(label: "herald.store"),
                                                  _ body: @Sendable (PostgresStore) async throws -> Value) async throws -> Value {
        let store = PostgresStore(configuration: configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("CREATE TABLE IF NOT EXISTS herald_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", logger: logger)
            // One migrator at a time, even from several machines.
            try await connection.query("LOCK TABLE herald_migrations IN EXCLUSIVE MODE", logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM herald_migrations", logger: logger).decode(String.self) { applied.insert(name) }
            for migration in Migrations.all where !applied.contains(migration.name) {
                for statement in migration.statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.query(Self.query("INSERT INTO herald_migrations (name, applied_at) VALUES (?, ?)", [.text(migration.name), .time(Date())]), logger: logger)
            }
        }
    }

    public func observe(_ observation: ReferenceObservation) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(Self.query(StoreSQL.observeReference, observation.arguments), logger: logger)
            try await connection.query(Self.query(StoreSQL.learnTenant, [.text(observation.tenantId), .text(observation.serviceUrl), .time(observation.observedAt)]), logger: logger)
        }
    }

    @discardableResult
    public func deactivate(_ key: ReferenceKey, at time: Date) async throws -> Bool {
        let sql = StoreSQL.deactivate + " RETURNING 1"
        var changed = false
        for try await _ in try await client.query(Self.query(sql, [.bool(false), .time(time)] + key.arguments + [.time(time), .bool(true)]), logger: logger) { changed = true }
        return changed
    }

    public func reference(_ key: ReferenceKey) async throws -> ConversationReferenceRecord? {
        for try await row in try await client.query(Self.query(StoreSQL.selectReference, key.arguments), logger: logger) { return try Self.record(row) }
        return nil
    }

    public func references(tenantId: String?) async throws -> [ConversationReferenceRecord] {
        let query = tenantId.map { Self.query(StoreSQL.selectTenantReferences, [.text($0)]) } ?? Self.query(StoreSQL.selectReferences, [])
        var records: [ConversationReferenceRecord] = []
        for try await row in try await client.query(query, logger: logger) { records.append(try Self.record(row)) }
        return records
    }

    public func serviceURL(tenantId: String) async throws -> String? {
        for try await url in try await client.query(Self.query(StoreSQL.selectServiceURL, [.text(tenantId)]), logger: logger).decode(String.self) { return url }
        return nil
    }

    public func recordOptOut(tenantId: String, userId: String, at time: Date) async throws {
        try await client.query(Self.query(StoreSQL.recordOptOut, [.text(tenantId), .text(userId), .time(time)]), logger: logger)
    }

    public func hasOptedOut(tenantId: String, userId: String) async throws -> Bool {
        for try await _ in try await client.query(Self.query(StoreSQL.selectOptOut, [.text(tenantId), .text(userId)]), logger: logger) { return true }
        return false
    }

    static func query(_ sql: String, _ values: [SQLValue]) -> PostgresQuery {
        var binds = PostgresBindings()
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            case .bool(let flag): binds.append(flag)
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: StoreSQL.numbered(sql), binds: binds)
    }

    private static func record(_ row: PostgresRow) throws -> ConversationReferenceRecord {
        let columns = row.makeRandomAccess()
        let kindText = try columns["kind"].decode(String.self), sourceText = try columns["source"].decode(String.self)
        guard let kind = ConversationReferenceRecord.Kind(rawValue: kindText), let source = ConversationReferenceRecord.Source(rawValue: sourceText) else {
            throw StoreError.corrupt("unknown kind \(kindText) or source \(sourceText)")
        }
        return ConversationReferenceRecord(
            tenantId: try columns["tenant_id"].decode(String.self), subjectId: try columns["subject_id"].decode(String.self),
            botId: try columns["bot_id"].decode(String.self), kind: kind, conversationId: try columns["conversation_id"].decode(String.self),
            serviceUrl: try columns["service_url"].decode(String.self), userId: try columns["user_id"].decode(String?.self),
            channelId: try columns["channel_id"].decode(String.self), conversationType: try columns["conversation_type"].decode(String.self), source: source,
            capturedAt: SQLValue.date(fromMilliseconds: try columns["captured_at"].decode(Int64.self)),
            observedAt: SQLValue.date(fromMilliseconds: try columns["observed_at"].decode(Int64.self)),
            active: try columns["active"].decode(Bool.self),
            statusChangedAt: SQLValue.date(fromMilliseconds: try columns["status_changed_at"].decode(Int64.self)))
    }
}
