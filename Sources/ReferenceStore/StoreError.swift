public import HeraldCore

/// A store that cannot be opened or used, with what to do about it. Never carries a password.
public struct StoreError: HeraldError, Equatable {
    private enum Code: String {
        case badURL = "StoreURLInvalid"
        case unavailable = "StoreUnavailable"
        case corrupt = "StoreDataInvalid"
    }

    private let kind: Code
    public let message: String
    public let hint: String?
    public var code: String { kind.rawValue }

    /// The store URL is not `sqlite:PATH` or `postgres://…`.
    public static func badURL(_ url: String) -> StoreError {
        StoreError(kind: .badURL, message: "\"\(url)\" is not a store URL", hint: "use sqlite:PATH or postgres://user@host:port/database")
    }

    /// The database cannot be reached or opened.
    public static func unavailable(_ what: String, _ reason: String) -> StoreError {
        StoreError(kind: .unavailable, message: "cannot use \(what): \(reason)", hint: nil)
    }

    /// A row does not decode.
    public static func corrupt(_ reason: String) -> StoreError {
        StoreError(kind: .corrupt, message: "a stored row is not valid: \(reason)", hint: nil)
    }
}
