import GRDB

/// Statements run through each connection's statement cache: compiling a statement (and GRDB's
/// authorizer pass over it) costs several times more than running it, and the store runs the same few.
extension Database {
    func run(_ sql: String, _ values: [SQLValue]) throws {
        try cachedStatement(sql: sql).execute(arguments: SQLiteStore.arguments(values))
    }

    func row(_ sql: String, _ values: [SQLValue]) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: SQLiteStore.arguments(values))
    }

    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: SQLiteStore.arguments(values))
    }
}
