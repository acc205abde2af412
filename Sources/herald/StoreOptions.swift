import ArgumentParser
import Foundation
import ReferenceStore

/// `--store URL`, else `HERALD_STORE`, else `sqlite:.herald/herald.db`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "sqlite:PATH or postgres://user@host:port/database (default: HERALD_STORE, else sqlite:.herald/herald.db). Put a password in HERALD_STORE, not on the command line.")
    var url: String?

    func location() throws -> StoreLocation {
        let text = url ?? ProcessInfo.processInfo.environment["HERALD_STORE"] ?? StoreLocation.defaultURL
        do { return try StoreLocation(text) } catch let error as StoreError { throw ValidationError(error.description) }
    }

    /// Opens and migrates the store, runs `body`, and closes it.
    func withStore<Value: Sendable>(_ body: @escaping @Sendable (any Store) async throws -> Value) async throws -> Value {
        switch try location() {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            try await store.migrate()
            return try await body(store)
        case .postgres(let configuration):
            return try await PostgresStore.withStore(configuration) { store in
                try await store.migrate()
                return try await body(store)
            }
        }
    }
}
