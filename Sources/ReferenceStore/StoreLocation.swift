import Foundation
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
              let host = components.host, let user = components.user else {
            throw StoreError.badURL(url.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression))
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : nil
        self = .postgres(PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                      password: components.password, database: database?.isEmpty == false ? database : nil, tls: .disable))
    }

    /// A description without any password.
    public var redacted: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let configuration): "postgres://\(configuration.username)@\(configuration.host ?? "?"):\(configuration.port ?? 5432)/\(configuration.database ?? "")"
        }
    }
}
