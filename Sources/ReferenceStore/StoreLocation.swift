import Foundation
public import Logging
public import PostgresNIO

/// Where the store lives, from `--store` or `HERALD_STORE`: `sqlite:PATH` or `postgres://user:password@host:port/database`.
public enum StoreLocation: Sendable {
    case sqlite(path: String)
    case postgres(PostgresClient.Configuration)

    /// The default: `sqlite:.herald/herald.db` in the working folder.
    public static let defaultURL = "sqlite:.herald/herald.db"

    /// Parses a store URL.
    /// - Parameter url: `sqlite:PATH` or a `postgres://` / `postgresql://` URL (`?sslmode=disable` is the only mode on loopback).
    /// - Throws: ``StoreError`` for anything else.
    public init(_ url: String) throws {
        if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError.badURL(url) }
            self = .sqlite(path: path.hasPrefix("//") ? String(path.dropFirst(2)) : path)
            return
        }
        guard let components = URLComponents(string: url), components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, let user = components.user
        else {
            throw StoreError.badURL(url.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression))
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : nil
        self = .postgres(
            PostgresClient.Configuration(
                host: host, port: components.port ?? 5432, username: user,
                password: components.password, database: database?.isEmpty == false ? database : nil, tls: .disable))
    }

    /// A description without any password.
    public var redacted: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let configuration):
            "postgres://\(configuration.username)@\(configuration.host ?? "?"):\(configuration.port ?? 5432)/\(configuration.database ?? "")"
        }
    }

    /// Opens the store, runs what it needs (PostgreSQL's connection pool), migrates it, and hands the ready
    /// store to `body`; closes it when `body` returns or throws. The one way Herald's commands open a store.
    /// - Parameters:
    ///   - logger: the store's logger (never a password or a value).
    ///   - body: the work, with a migrated store.
    /// - Returns: what `body` returns.
    /// - Throws: ``StoreError`` when the store cannot be opened or migrated, or what `body` throws.
    public func withStore<Value: Sendable>(
        logger: Logger = Logger(label: "herald.store"),
        _ body: @Sendable (any HeraldStore) async throws -> Value
    ) async throws -> Value {
        switch self {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            do { try await store.migrate() } catch { throw StoreError.unavailable(redacted, "migration failed: \(error)") }
            return try await body(store)
        case .postgres(let configuration):
            do { try await PostgresStore.probe(configuration, logger: logger) } catch {
                throw StoreError.unavailable(redacted, String(reflecting: error))
            }
            return try await PostgresStore.withStore(configuration, logger: logger) { store in
                do { try await store.migrate() } catch { throw StoreError.unavailable(redacted, "migration failed: \(String(reflecting: error))") }
                return try await body(store)
            }
        }
    }
}
