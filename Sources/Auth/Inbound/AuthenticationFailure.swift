public import HeraldCore

/// Why an inbound request is refused: 401 for a token that proves nothing, 403 for a genuine token
/// that may not do this (wrong serviceUrl, key not endorsed for the channel), 503 when the keys
/// cannot be fetched. Never carries the token.
public struct AuthenticationFailure: HeraldError, Equatable {
    /// The stable reason.
    public enum Reason: String, Sendable, Equatable {
        case missingToken, malformedToken, unsupportedAlgorithm, unknownKey, badSignature
        case wrongIssuer, wrongAudience, expired, notYetValid
        case serviceURLMismatch, notEndorsed, keysUnavailable
    }

    public let reason: Reason
    public let message: String

    /// A failure.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// The HTTP status to answer with.
    public var status: Int {
        switch reason {
        case .serviceURLMismatch, .notEndorsed: 403
        case .keysUnavailable: 503
        default: 401
        }
    }

    public var httpStatus: Int? { status }
    public var code: String { reason.rawValue }
}
