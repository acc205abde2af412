public import HeraldCore
public import Hummingbird

/// Why the listener refused a request. Renders itself as a bare status (Hummingbird's
/// `HTTPResponseError`): Teams reads only the status, and a refusal says nothing that would help a forger.
public struct ListenerError: HeraldError, HTTPResponseError, Equatable {
    /// The stable reason.
    public enum Reason: String, Sendable, Equatable {
        /// The body is larger than the configured limit (413).
        case bodyTooLarge = "BodyTooLarge"
        /// The body is not an activity (400).
        case notAnActivity = "NotAnActivity"
        /// The token proves nothing (401).
        case unauthenticated = "Unauthenticated"
        /// A genuine token that may not do this (403).
        case forbidden = "Forbidden"
        /// The channel's keys cannot be fetched (503).
        case keysUnavailable = "KeysUnavailable"
        /// The store refused the write (500).
        case storeFailed = "StoreWriteFailed"
    }

    /// The reason.
    public let reason: Reason
    /// What went wrong, for the log (never a token).
    public let message: String

    /// A refusal.
    /// - Parameters:
    ///   - reason: the stable reason.
    ///   - message: the detail, for the log.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var code: String { reason.rawValue }

    /// The HTTP status it answers with.
    public var status: HTTPResponse.Status {
        switch reason {
        case .bodyTooLarge: .contentTooLarge
        case .notAnActivity: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .keysUnavailable: .serviceUnavailable
        case .storeFailed: .internalServerError
        }
    }

    public var httpStatus: Int? { status.code }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status)
    }
}
