/// Which failed exchanges are tried again, and after how long.
///
/// A retry is safe only where a repeat cannot do harm: an idempotent request (a GET; an install, which a repeat
/// answers with 409) is retried after throttling, a 5xx, a 408 or an exchange that got no answer. Any other
/// request only where the service provably did not act on it: it was never sent, or the service answered one of
/// ``notAcceptedStatuses`` (the Connector's 429, 412, 502 and 503). A 504 or a lost answer is never retried for a
/// request that is not idempotent: the caller records it as uncertain.
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included.
    public var maximumAttempts: Int
    /// The wait between tries when the service names none.
    public var backoff: Backoff
    /// Statuses that say a request was not acted on (the service answered before accepting it).
    public var notAcceptedStatuses: Set<Int>

    /// A policy.
    /// - Parameters:
    ///   - maximumAttempts: tries in all.
    ///   - backoff: the wait when the service names none.
    ///   - notAcceptedStatuses: statuses that prove a request was not acted on.
    public init(maximumAttempts: Int = 6, backoff: Backoff = Backoff(), notAcceptedStatuses: Set<Int> = []) {
        self.maximumAttempts = maximumAttempts
        self.backoff = backoff
        self.notAcceptedStatuses = notAcceptedStatuses
    }

    /// The Bot Connector's: its error table names 412, 429, 502 and 503 as answered before acceptance.
    public static func connector(maximumAttempts: Int = 6, backoff: Backoff = Backoff()) -> RetryPolicy {
        RetryPolicy(maximumAttempts: maximumAttempts, backoff: backoff, notAcceptedStatuses: [412, 429, 502, 503])
    }

    /// What happened to one try.
    public enum Outcome: Sendable, Equatable {
        /// The service answered this status (with Retry-After when it sent one).
        case answered(status: Int, retryAfter: Duration?)
        /// The request was never sent.
        case notSent
        /// The request may have been sent; no answer came.
        case noAnswer
    }

    /// Whether to try again after `outcome` of try number `attempt`, and how long to wait first.
    /// - Parameters:
    ///   - outcome: what happened.
    ///   - attempt: the try's number (1 for the first).
    ///   - idempotent: whether the request is.
    /// - Returns: the wait before the next try, or nil to stop.
    public func retry(after outcome: Outcome, attempt: Int, idempotent: Bool) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        let backoff = backoff.delay(retry: attempt)
        switch outcome {
        case .notSent:
            return backoff
        case .noAnswer:
            return idempotent ? backoff : nil
        case .answered(let status, let retryAfter):
            let retryable = notAcceptedStatuses.contains(status) || (idempotent && (status == 429 || status == 408 || (500..<600).contains(status)))
            guard retryable else { return nil }
            return retryAfter.map { max($0, .zero) } ?? backoff
        }
    }
}
