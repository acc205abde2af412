import HeraldCore
import Testing

/// The delivery machine, every state against every event, without a network.
@Suite("DeliveryState")
struct DeliveryStateTests {
    static let states: [DeliveryState] = [
        .pending, .sending, .sent(activityId: "1:1"), .failed(.forbidden, status: 403), .uncertain(.gatewayTimeout), .skipped(.optedOut),
    ]
    static let events: [DeliveryEvent] = [
        .skip(.noReference), .begin, .refuse(.untrustedServiceURL), .answered(ServiceAnswer(status: 201, id: "1:1")),
        .answered(ServiceAnswer(status: 429)),
        .answered(ServiceAnswer(status: 504)), .answered(ServiceAnswer(status: 404)), .notWritten, .timedOutAfterWrite, .connectionLostAfterWrite,
        .leaseExpired, .resend,
    ]

    /// What each state accepts; everything else is refused.
    static let accepted: [DeliveryState.Name: Set<String>] = [
        .pending: ["skip", "begin", "refuse", "leaseExpired"],
        .sending: [
            "answered 201", "answered 429", "answered 504", "answered 404", "notWritten", "timedOutAfterWrite", "connectionLostAfterWrite",
            "leaseExpired",
        ],
        .uncertain: ["resend"],
        .failed: ["resend"],
    ]

    @Test("every state refuses every event it does not take; nothing leaves sent or skipped, and failed only on a resend", arguments: states)
    func exhaustive(_ state: DeliveryState) {
        for event in Self.events {
            let allowed = Self.accepted[state.name, default: []].contains(event.name)
            do {
                let transition = try state.on(event)
                #expect(allowed, "\(state) took \(event) to \(transition.state)")
                #expect(
                    DeliveryState.predecessors(of: transition.state.name).contains(state.name) || transition.state == state
                        || ([.uncertain, .failed].contains(state.name) && transition.state == .pending),
                    "the store would refuse \(state) → \(transition.state)")
            } catch {
                #expect(!allowed, "\(state) refused \(event)")
                #expect(error == InvalidTransition(state: state.name.rawValue, event: event.name))
            }
        }
    }

    @Test("begin marks sending and asks for the POST; a skip is final")
    func begin() throws {
        #expect(try DeliveryState.pending.on(.begin) == DeliveryTransition(.sending, .post))
        #expect(try DeliveryState.pending.on(.skip(.optedOut)) == DeliveryTransition(.skipped(.optedOut), .none))
    }

    @Test("a 2xx is sent with the activity id when the answer has one", arguments: [(200, "1:a"), (201, "1:b"), (202, nil)] as [(Int, String?)])
    func accepted(_ status: Int, _ id: String?) throws {
        #expect(try DeliveryState.sending.on(.answered(ServiceAnswer(status: status, id: id))).state == .sent(activityId: id))
    }

    @Test("429, 412, 502 and 503 did not take effect: pending again, waiting Retry-After when given", arguments: [429, 412, 502, 503])
    func retryable(_ status: Int) throws {
        let answer = ServiceAnswer(status: status, errorCode: "Throttled", retryAfter: .seconds(3))
        #expect(try DeliveryState.sending.on(.answered(answer), attempt: 1) == DeliveryTransition(.pending, .retry(after: .seconds(3))))
        #expect(
            try DeliveryState.sending.on(.answered(ServiceAnswer(status: status)), attempt: 2) == DeliveryTransition(.pending, .retry(after: nil)))
        #expect(
            try DeliveryState.sending.on(.answered(answer), attempt: 6, policy: DeliveryPolicy(maximumAttempts: 6))
                == DeliveryTransition(.failed(.retriesExhausted, status: status), .none))
    }

    @Test("a connection that failed before the request was written is retried; one that failed after is uncertain")
    func connectionFailures() throws {
        #expect(try DeliveryState.sending.on(.notWritten) == DeliveryTransition(.pending, .retry(after: nil)))
        #expect(
            try DeliveryState.sending.on(.notWritten, attempt: 3, policy: DeliveryPolicy(maximumAttempts: 3)).state
                == .failed(.retriesExhausted, status: nil))
        #expect(try DeliveryState.sending.on(.timedOutAfterWrite).state == .uncertain(.timedOutAfterWrite))
        #expect(try DeliveryState.sending.on(.connectionLostAfterWrite).state == .uncertain(.connectionLostAfterWrite))
    }

    @Test(
        "504 (and answers Teams does not name) do not say whether the message was accepted: uncertain, never retried",
        arguments: [(504, DeliveryUncertainty.gatewayTimeout), (501, .ambiguousAnswer), (302, .ambiguousAnswer)])
    func ambiguous(_ status: Int, _ reason: DeliveryUncertainty) throws {
        #expect(try DeliveryState.sending.on(.answered(ServiceAnswer(status: status))) == DeliveryTransition(.uncertain(reason), .none))
    }

    @Test(
        "refusals keep their reason and status",
        arguments: [
            (400, nil, DeliveryFailure.badRequest), (401, nil, .unauthorized), (403, "BotNotInConversationRoster", .botNotInstalled),
            (403, "ForbiddenOperationException", .botNotInstalled), (403, "BotDisabledByAdmin", .botDisabledByAdmin),
            (403, "InvalidBotApiHost", .forbidden),
            (404, "ConversationNotFound", .conversationNotFound), (413, "MessageSizeTooBig", .messageTooLarge), (409, nil, .rejected),
            (500, "ServiceError", .serviceError),
        ] as [(Int, String?, DeliveryFailure)])
    func refusals(_ status: Int, _ code: String?, _ failure: DeliveryFailure) throws {
        #expect(
            try DeliveryState.sending.on(.answered(ServiceAnswer(status: status, errorCode: code)))
                == DeliveryTransition(.failed(failure, status: status), .none))
    }

    @Test(
        "a person who blocked the bot is skipped (blocked), not failed, and not tried again",
        arguments: ["ConversationBlockedByUser", "MessageWritesBlocked"])
    func blocked(_ code: String) throws {
        #expect(try DeliveryState.sending.on(.answered(ServiceAnswer(status: 403, errorCode: code))) == DeliveryTransition(.skipped(.blocked), .none))
    }

    @Test("a lease that runs out while sending makes the delivery uncertain; while pending, it stays pending")
    func leases() throws {
        #expect(try DeliveryState.sending.on(.leaseExpired).state == .uncertain(.leaseExpired))
        #expect(try DeliveryState.pending.on(.leaseExpired).state == .pending)
        #expect(try DeliveryState.uncertain(.leaseExpired).on(.resend).state == .pending)
    }

    @Test("only pending and sending are unfinished")
    func finality() {
        #expect(Self.states.filter { !$0.isFinal }.map(\.name) == [.pending, .sending])
    }
}
