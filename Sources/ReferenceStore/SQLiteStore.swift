public import Foundation
import GRDB
public import HeraldCore

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

    public func observe(_ reference: ConversationReference) async throws {
        try await commits.write { db in
            try db.run(StoreSQL.observeReference, reference.arguments)
            try db.run(StoreSQL.learnTenant, [.text(reference.tenantId.rawValue), .text(reference.serviceURL.rawValue), .time(reference.observedAt)])
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

    public func references(tenantId: TenantID?) async throws -> [ConversationReferenceRecord] {
        try await pool.read { db in
            let rows =
                if let tenantId {
                    try db.rows(StoreSQL.selectTenantReferences, [.text(tenantId.rawValue)])
                } else {
                    try db.rows(StoreSQL.selectReferences)
                }
            return try rows.map(Self.record)
        }
    }

    public func serviceURL(tenantId: TenantID) async throws -> ServiceURL? {
        try await pool.read { db in
            let url: String? = try db.row(StoreSQL.selectServiceURL, [.text(tenantId.rawValue)])?[0]
            return url.map(ServiceURL.init(rawValue:))
        }
    }

    public func recordOptOut(tenantId: TenantID, user: AADObjectID, at time: Date) async throws {
        try await commits.write { db in
            try db.run(StoreSQL.recordOptOut, [.text(tenantId.rawValue), .text(user.rawValue), .time(time)])
        }
    }

    public func hasOptedOut(tenantId: TenantID, user: AADObjectID) async throws -> Bool {
        try await pool.read { db in try db.row(StoreSQL.selectOptOut, [.text(tenantId.rawValue), .text(user.rawValue)]) != nil }
    }

    /// GRDB's arguments for `values`. Built from existentials on purpose: GRDB's generic initialiser is
    /// not specialised across modules and instantiates a key path per call, which cost more than the
    /// statement it binds.
    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
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
        try StoredReferenceRow(
            tenantId: row[0], subjectId: row[1], botAppId: row[2], kind: row[3], conversationId: row[4], serviceURL: row[5], teamsUserId: row[6],
            channelId: row[7], conversationType: row[8], source: row[9], capturedAt: row[10], observedAt: row[11], active: row[12],
            statusChangedAt: row[13]
        ).record()
    }
}
