/// Why a delivery failed for good: the Connector refused it in a way another try would not change.
/// Stored as the raw value in `deliveries.failure_reason`.
public enum DeliveryFailure: String, Sendable, Hashable, CaseIterable, Codable {
    /// 404 `ConversationNotFound`: the chat is gone (a stale reference, to heal).
    case conversationNotFound = "conversation_not_found"
    /// 403 `ConversationBlockedByUser`, or the 209 `MessageWritesBlocked` answer: the person blocked the bot.
    case blockedByUser = "blocked_by_user"
    /// 403 `BotNotInConversationRoster` / `ForbiddenOperationException`: the app is not installed for them.
    case botNotInstalled = "bot_not_installed"
    /// 403 `BotDisabledByAdmin`: the tenant's admin blocked the app.
    case botDisabledByAdmin = "bot_disabled_by_admin"
    /// Any other 403.
    case forbidden
    /// 401: the bot's token was refused.
    case unauthorized
    /// 400: the message is malformed.
    case badRequest = "bad_request"
    /// 413 `MessageSizeTooBig`.
    case messageTooLarge = "message_too_large"
    /// Any other 4xx.
    case rejected
    /// Throttled or unavailable on every allowed try.
    case retriesExhausted = "retries_exhausted"
    /// 500 `ServiceError`: Teams names it neither retryable nor ambiguous; sent again only with `--resend-failed`.
    case serviceError = "service_error"
    /// The reference's serviceUrl is not a trusted Connector host: the bot's token is never sent there.
    case untrustedServiceURL = "untrusted_service_url"
}

/// Why a delivery was not attempted. Stored in `deliveries.skip_reason`.
public enum DeliverySkipReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// The person asked for no more messages.
    case optedOut = "opted_out"
    /// The person blocked the bot earlier.
    case blocked
    /// No conversation reference to post to.
    case noReference = "no_reference"
}

/// Why a delivery may or may not have reached the person: never resent without an explicit request.
/// Stored in `deliveries.uncertain_reason`.
public enum DeliveryUncertainty: String, Sendable, Hashable, CaseIterable, Codable {
    /// The request was written and no answer came in time.
    case timedOutAfterWrite = "timed_out_after_write"
    /// The connection broke after the request was written.
    case connectionLostAfterWrite = "connection_lost_after_write"
    /// 504: a gateway gave up waiting for the Connector, which may have posted.
    case gatewayTimeout = "gateway_timeout"
    /// 500 or another answer that does not say whether the message was accepted.
    case ambiguousAnswer = "ambiguous_answer"
    /// The worker's lease ran out while the delivery was `sending` (it died or stalled after marking it).
    case leaseExpired = "lease_expired"
}
