public import Foundation
import GRDB

/// The default store: one SQLite file in WAL mode (GRDB), for one process. Writes are durable (the
/// WAL is synced before a write returns) and share commits when they arrive together (``SQLiteGroupCommit``).
public final class SQLiteStore: Store {
    let pool: DatabasePool
    let commits: SQLiteGroupCommit

    /// Opens (creating if needed) the database at `path`.
    /// - Parameter path: the file; its folder is created if missing.
    /// - Throws: ``StoreError`` when it cannot be opened.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB chooses NORMAL for WAL, which may lose the last commits on power loss; a reference
            // Teams sent once, or a welcome marked sent, must not be lost.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreError.unavailable("SQLite database \(path)", "\(error)")
        }
        commits = SQLiteGroupCommit(pool: pool)
    }

    public func migrate() async throws {
        var migrator = DatabaseMigrator()
        for migration in Migrations.all {
            migrator.registerMigration(migration.name) { db in
                for statement in migration.statements { try db.execute(sql: statement) }
            }
        }
        try migrator.migrate(pool)
    }

    public func observe(_ observation: ReferenceObservation) async throws {
        try await commits.write { db in
            try db.run(StoreSQL.observeReference, observation.arguments)
            try db.run(StoreSQL.learnTenant, [.text(observation.tenantId), .text(observation.serviceUrl), .time(observation.observedAt)])
        }
    }

    @discardableResult
    public func deactivate(_ key: ReferenceKey, at time: Date) async throws -> Bool {
        try await commits.write { db in
            try db.run(StoreSQL.deactivate, [.bool(false), .time(time)] + key.arguments + [.time(time), .bool(true)])
            return db.changesCount > 0
        }
    }

    public func reference(_ key: ReferenceKey) async throws -> ConversationReferenceRecord? {
        try await pool.read { db in
            try db.row(StoreSQL.selectReference, key.arguments).map(Self.record)
        }
    }

    public func references(tenantId: String?) async throws -> [ConversationReferenceRecord] {
        try await pool.read { db in
            let rows = if let tenantId {
                try db.rows(StoreSQL.selectTenantReferences, [.text(tenantId)])
            } else {
                try db.rows(StoreSQL.selectReferences)
            }
            return try rows.map(Self.record)
        }
    }

    public func serviceURL(tenantId: String) async throws -> String? {
        try await pool.read { db in try db.row(StoreSQL.selectServiceURL, [.text(tenantId)])?[0] }
    }

    public func recordOptOut(tenantId: String, userId: String, at time: Date) async throws {
        try await commits.write { db in
            try db.run(StoreSQL.recordOptOut, [.text(tenantId), .text(userId), .time(time)])
        }
    }

    public func hasOptedOut(tenantId: String, userId: String) async throws -> Bool {
        try await pool.read { db in try db.row(StoreSQL.selectOptOut, [.text(tenantId), .text(userId)]) != nil }
    }

    /// GRDB's arguments for `values`. Built from existentials on purpose: GRDB's generic initialiser is
    /// not specialised across modules and instantiates a key path per call, which cost more than the
    /// statement it binds.
    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .text(let text): text
            case .integer(let number): number
            case .bool(let flag): flag
            case .null: nil
            }
        })
    }

    /// A reference from a row of ``StoreSQL/referenceColumns``, read by position (a lookup by name
    /// searches the columns case-insensitively, every time).
    private static func record(_ row: Row) throws -> ConversationReferenceRecord {
        guard let kind = ConversationReferenceRecord.Kind(rawValue: row[3]), let source = ConversationReferenceRecord.Source(rawValue: row[9]) else {
            throw StoreError.corrupt("unknown kind or source")
        }
        return ConversationReferenceRecord(
            tenantId: row[0], subjectId: row[1], botId: row[2], kind: kind, conversationId: row[4], serviceUrl: row[5], userId: row[6], channelId: row[7],
            conversationType: row[8], source: source, capturedAt: SQLValue.date(fromMilliseconds: row[10]), observedAt: SQLValue.date(fromMilliseconds: row[11]),
            active: row[12], statusChangedAt: SQLValue.date(fromMilliseconds: row[13]))
    }
}
