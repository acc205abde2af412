/// Where one welcome or notification for one person stands (DESIGN.md, "Delivery semantics"):
///
/// `pending → sending → sent(activity id) | failed(reason, status) | uncertain(reason) | skipped(reason)`,
/// and `sending → pending` only when the request provably did not take effect (429, 412, 502, 503, a
/// connection that failed before the request was written). `sending` is written to the store before the
/// POST; a lease that runs out on it makes it `uncertain`, never `pending`. `uncertain → pending` only on an
/// explicit resend. ``DeliveryState/on(_:attempt:policy:)`` is the whole machine; the messenger persists
/// each transition before it does the action.
public enum DeliveryState: Sendable, Hashable {
    /// Waiting to be sent.
    case pending
    /// Marked before the POST; the answer is not recorded yet.
    case sending
    /// The Connector accepted it (the activity id, when the answer carried one; a 202 may not).
    case sent(activityId: String?)
    /// Refused for good.
    case failed(DeliveryFailure, status: Int?)
    /// May or may not have reached the person; reported, resent only on request.
    case uncertain(DeliveryUncertainty)
    /// Not attempted.
    case skipped(DeliverySkipReason)

    /// The state's name as the store's `state` column holds it.
    public enum Name: String, Sendable, Hashable, CaseIterable, Codable {
        case pending, sending, sent, failed, uncertain, skipped
    }

    /// The name.
    public var name: Name {
        switch self {
        case .pending: .pending
        case .sending: .sending
        case .sent: .sent
        case .failed: .failed
        case .uncertain: .uncertain
        case .skipped: .skipped
        }
    }

    /// Whether nothing more happens to it without a person's request (`uncertain` waits for one).
    public var isFinal: Bool { self != .pending && self != .sending }
}

/// What happened to a delivery.
public enum DeliveryEvent: Sendable, Hashable {
    /// It should not be sent (opted out, blocked, no reference).
    case skip(DeliverySkipReason)
    /// A worker is about to POST it.
    case begin
    /// It cannot be sent as it stands, whatever Teams would say (its serviceUrl is not a trusted Connector host;
    /// the rendered message is over Teams' size limit): nothing is posted.
    case refuse(DeliveryFailure)
    /// The Connector answered.
    case answered(ServiceAnswer)
    /// The connection failed before the request was written: provably not delivered.
    case notWritten
    /// The request was written, then the answer timed out.
    case timedOutAfterWrite
    /// The request was written, then the connection broke.
    case connectionLostAfterWrite
    /// The worker's lease ran out.
    case leaseExpired
    /// A person asked to resend what is uncertain (or what failed).
    case resend

    /// The event's name, for messages and ``InvalidTransition``.
    public var name: String {
        switch self {
        case .skip: "skip"
        case .begin: "begin"
        case .refuse: "refuse"
        case .answered(let answer): "answered \(answer.status)"
        case .notWritten: "notWritten"
        case .timedOutAfterWrite: "timedOutAfterWrite"
        case .connectionLostAfterWrite: "connectionLostAfterWrite"
        case .leaseExpired: "leaseExpired"
        case .resend: "resend"
        }
    }
}

/// What the owner of a delivery does after persisting the new state.
public enum DeliveryAction: Sendable, Hashable {
    /// POST the activity (the `sending` state is durable first).
    case post
    /// Try again later: after Retry-After when the service gave one, else after the caller's back-off.
    case retry(after: Duration?)
    /// Nothing more: the state says it all.
    case none
}

/// A state and the action that follows it.
public struct DeliveryTransition: Sendable, Hashable {
    /// The new state, to persist first.
    public let state: DeliveryState
    /// What to do next.
    public let action: DeliveryAction

    /// A transition.
    /// - Parameters:
    ///   - state: the new state.
    ///   - action: what follows.
    public init(_ state: DeliveryState, _ action: DeliveryAction) {
        self.state = state
        self.action = action
    }
}

/// How many tries a delivery gets when the Connector throttles or is unavailable.
public struct DeliveryPolicy: Sendable, Hashable {
    /// Tries in all, the first included.
    public var maximumAttempts: Int

    /// A policy.
    /// - Parameter maximumAttempts: tries in all.
    public init(maximumAttempts: Int = 6) { self.maximumAttempts = maximumAttempts }
}

extension DeliveryState {
    /// The Connector statuses answered before the message was accepted (its error table's retryable
    /// ones, 504 excepted: a gateway timeout says nothing about the Connector behind it).
    public static let notAcceptedStatuses: Set<Int> = [412, 429, 502, 503]

    /// The next state and action on `event`.
    /// - Parameters:
    ///   - event: what happened.
    ///   - attempt: the number of this try (1 for the first).
    ///   - policy: how many tries are allowed.
    /// - Returns: the transition to persist and act on.
    /// - Throws: ``InvalidTransition`` when this state does not take the event.
    public func on(
        _ event: DeliveryEvent, attempt: Int = 1, policy: DeliveryPolicy = DeliveryPolicy()
    ) throws(InvalidTransition) -> DeliveryTransition {
        switch (self, event) {
        case (.pending, .skip(let reason)):
            return DeliveryTransition(.skipped(reason), .none)
        case (.pending, .begin):
            return DeliveryTransition(.sending, .post)
        case (.pending, .refuse(let reason)):
            return DeliveryTransition(.failed(reason, status: nil), .none)
        case (.pending, .leaseExpired):
            return DeliveryTransition(.pending, .none)
        case (.sending, .answered(let answer)):
            return Self.interpret(answer, attempt: attempt, policy: policy)
        case (.sending, .notWritten):
            return Self.retry(after: nil, status: nil, attempt: attempt, policy: policy)
        case (.sending, .timedOutAfterWrite):
            return DeliveryTransition(.uncertain(.timedOutAfterWrite), .none)
        case (.sending, .connectionLostAfterWrite):
            return DeliveryTransition(.uncertain(.connectionLostAfterWrite), .none)
        case (.sending, .leaseExpired):
            return DeliveryTransition(.uncertain(.leaseExpired), .none)
        case (.uncertain, .resend), (.failed, .resend):
            return DeliveryTransition(.pending, .none)
        default:
            throw InvalidTransition(state: name.rawValue, event: event.name)
        }
    }

    private static func retry(after: Duration?, status: Int?, attempt: Int, policy: DeliveryPolicy) -> DeliveryTransition {
        guard attempt < policy.maximumAttempts else { return DeliveryTransition(.failed(.retriesExhausted, status: status), .none) }
        return DeliveryTransition(.pending, .retry(after: after))
    }

    private static func interpret(_ answer: ServiceAnswer, attempt: Int, policy: DeliveryPolicy) -> DeliveryTransition {
        let status = answer.status
        if answer.succeeded { return DeliveryTransition(.sent(activityId: answer.id), .none) }
        if notAcceptedStatuses.contains(status) {
            return retry(after: answer.retryAfter, status: status, attempt: attempt, policy: policy)
        }
        let failure: DeliveryFailure
        switch (status, answer.errorCode) {
        case (504, _): return DeliveryTransition(.uncertain(.gatewayTimeout), .none)
        case (400, _): failure = .badRequest
        case (401, _): failure = .unauthorized
        case (403, "ConversationBlockedByUser"), (403, "MessageWritesBlocked"): return DeliveryTransition(.skipped(.blocked), .none)
        case (403, "BotNotInConversationRoster"), (403, "ForbiddenOperationException"): failure = .botNotInstalled
        case (403, "BotDisabledByAdmin"): failure = .botDisabledByAdmin
        case (403, _): failure = .forbidden
        case (404, _): failure = .conversationNotFound
        case (413, _): failure = .messageTooLarge
        case (500, _): failure = .serviceError
        case (405..<500, _): failure = .rejected
        default: return DeliveryTransition(.uncertain(.ambiguousAnswer), .none)
        }
        return DeliveryTransition(.failed(failure, status: status), .none)
    }
}

extension DeliveryState {
    /// The states a delivery may be in for ``DeliveryState/on(_:attempt:policy:)`` to lead to a state named
    /// `name` (what the store checks before it records a transition). `uncertain → pending` is not among
    /// them: only an explicit resend does that.
    /// - Parameter name: the new state's name.
    public static func predecessors(of name: Name) -> Set<Name> {
        switch name {
        case .sending: [.pending]
        // Skipped before a send (opted out, no reference), or on the answer that the person blocked the bot.
        case .skipped: [.pending, .sending]
        case .sent, .uncertain, .pending: [.sending]
        // Refused before a send (an untrusted serviceUrl, a message too large), or on the Connector's answer.
        case .failed: [.pending, .sending]
        }
    }
}
