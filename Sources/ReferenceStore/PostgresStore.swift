public import Foundation
public import HeraldCore
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
    public static func withStore<Value: Sendable>(
        _ configuration: PostgresClient.Configuration, logger: Logger = Logger(label: "herald.store"),
        _ body: @Sendable (PostgresStore) async throws -> Value
    ) async throws -> Value {
        let store = PostgresStore(configuration: configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    /// Connects once, outside the pool, so an unreachable server or a refused login is reported at once with
    /// its cause (the pool would retry forever and its queries wait).
    /// - Parameters:
    ///   - configuration: where and how to connect.
    ///   - logger: the store's logger.
    /// - Throws: the connection's error.
    static func probe(_ configuration: PostgresClient.Configuration, logger: Logger) async throws {
        guard let host = configuration.host else { return }
        var connection = PostgresConnection.Configuration(
            host: host, port: configuration.port ?? 5432, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: .disable)
        connection.options.connectTimeout = .seconds(10)
        try await PostgresConnection.connect(configuration: connection, id: 0, logger: logger).close()
    }

    /// The advisory lock key that serialises migrations ("herald" in ASCII).
    static let migrationLock: Int64 = 0x6865_7261_6C64

    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            // One migrator at a time, even from several machines starting on a fresh database: the lock is taken
            // before anything is created, and held until this transaction ends.
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS herald_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM herald_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for migration in Migrations.all where !applied.contains(migration.name) {
                for statement in migration.statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.query(
                    Self.query("INSERT INTO herald_migrations (name, applied_at) VALUES (?, ?)", [.text(migration.name), .time(Date())]),
                    logger: logger)
            }
        }
    }

    /// One statement, so one round trip and its own transaction: the reference's upsert runs as a
    /// data-modifying `WITH` before the tenant's.
    public func observe(_ reference: ConversationReference) async throws {
        let arguments = reference.arguments + [.text(reference.tenantId.rawValue), .text(reference.serviceURL.rawValue), .time(reference.observedAt)]
        try await client.query(Self.query(numbered: Self.observeAndLearn, arguments), logger: logger)
    }

    private static let observeAndLearn = StoreSQL.numbered("WITH observed AS (\(StoreSQL.observeReference)) \(StoreSQL.learnTenant)")

    @discardableResult
    public func deactivate(_ key: ReferenceKey, at time: Date) async throws -> Bool {
        let sql = StoreSQL.deactivate + " RETURNING 1"
        var changed = false
        for try await _ in try await client.query(
            Self.query(sql, [.bool(false), .time(time)] + key.arguments + [.time(time), .bool(true)]), logger: logger)
        { changed = true }
        return changed
    }

    public func reference(_ key: ReferenceKey) async throws -> ConversationReferenceRecord? {
        for try await row in try await client.query(Self.query(StoreSQL.selectReference, key.arguments), logger: logger) {
            return try Self.record(row)
        }
        return nil
    }

    public func references(tenantId: TenantID?) async throws -> [ConversationReferenceRecord] {
        let query = tenantId.map { Self.query(StoreSQL.selectTenantReferences, [.text($0.rawValue)]) } ?? Self.query(StoreSQL.selectReferences, [])
        var records: [ConversationReferenceRecord] = []
        for try await row in try await client.query(query, logger: logger) { records.append(try Self.record(row)) }
        return records
    }

    public func serviceURL(tenantId: TenantID) async throws -> ServiceURL? {
        for try await url in try await client.query(Self.query(StoreSQL.selectServiceURL, [.text(tenantId.rawValue)]), logger: logger).decode(
            String.self)
        {
            return ServiceURL(rawValue: url)
        }
        return nil
    }

    public func recordOptOut(tenantId: TenantID, user: AADObjectID, at time: Date) async throws {
        try await client.query(Self.query(StoreSQL.recordOptOut, [.text(tenantId.rawValue), .text(user.rawValue), .time(time)]), logger: logger)
    }

    public func hasOptedOut(tenantId: TenantID, user: AADObjectID) async throws -> Bool {
        for try await _ in try await client.query(
            Self.query(StoreSQL.selectOptOut, [.text(tenantId.rawValue), .text(user.rawValue)]), logger: logger)
        {
            return true
        }
        return false
    }

    static func query(_ sql: String, _ values: [SQLValue]) -> PostgresQuery {
        query(numbered: StoreSQL.numbered(sql), values)
    }

    /// A query whose SQL already has PostgreSQL's `$n` placeholders (the listener's statement, numbered once).
    static func query(numbered sql: String, _ values: [SQLValue]) -> PostgresQuery {
        var binds = PostgresBindings()
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            case .bool(let flag): binds.append(flag)
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    private static func record(_ row: PostgresRow) throws -> ConversationReferenceRecord {
        let columns = row.makeRandomAccess()
        return try StoredReferenceRow(
            tenantId: columns[0].decode(String.self), subjectId: columns[1].decode(String.self), botAppId: columns[2].decode(String.self),
            kind: columns[3].decode(String.self), conversationId: columns[4].decode(String.self), serviceURL: columns[5].decode(String.self),
            teamsUserId: columns[6].decode(String?.self), channelId: columns[7].decode(String.self), conversationType: columns[8].decode(String.self),
            source: columns[9].decode(String.self), capturedAt: columns[10].decode(Int64.self), observedAt: columns[11].decode(Int64.self),
            active: columns[12].decode(Bool.self), statusChangedAt: columns[13].decode(Int64.self)
        ).record()
    }
}
