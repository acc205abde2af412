public import BotConnector
public import Foundation
public import HeraldCore
public import Logging
public import ReferenceStore
import Transport

/// One message to a team's channel, at most once: a new thread in the channel (kept under a name so later messages
/// reply into it), or a reply into a kept thread. The outbox is the wave's delivery row for the channel (its subject
/// is `channel:{team}` or `thread:{name}` instead of a person), so a channel post has the states and guarantees of
/// any delivery: `sending` before the POST, `uncertain` when the outcome is unknown, never repeated on its own.
public struct ChannelPost: Sendable {
    /// Where the message goes.
    public enum Target: Sendable {
        /// A new thread in the team's channel (its General channel has the team's id), kept as `name`.
        case newThread(team: TeamID, channel: String, serviceURL: ServiceURL, name: String)
        /// A reply into a kept thread.
        case reply(ChannelThread)

        /// Where it goes, for people.
        public var description: String {
            switch self {
            case .newThread(let team, _, _, let name): "a new thread \"\(name)\" in team \(team.rawValue)'s General channel"
            case .reply(let thread): "thread \"\(thread.name)\""
            }
        }

        /// The delivery row's subject.
        var subject: AADObjectID {
            switch self {
            case .newThread(let team, _, _, _): AADObjectID(rawValue: "channel:" + team.rawValue)
            case .reply(let thread): AADObjectID(rawValue: "thread:" + thread.name)
            }
        }

        var serviceURL: ServiceURL {
            switch self {
            case .newThread(_, _, let serviceURL, _): serviceURL
            case .reply(let thread): thread.serviceURL
            }
        }
    }

    let configuration: WaveConfiguration
    let store: any HeraldStore
    let connector: ConnectorClient
    let conversations: ConversationBudget
    let clock: any HeraldClock
    let logger: Logger

    /// A poster.
    /// - Parameters:
    ///   - configuration: the wave (it must exist), this worker, the tenant, the bot and the trusted hosts.
    ///   - store: the store.
    ///   - connector: the Connector.
    ///   - conversations: the per-conversation windows.
    ///   - clock: the clock.
    ///   - logger: where problems are logged.
    public init(
        configuration: WaveConfiguration, store: any HeraldStore, connector: ConnectorClient, conversations: ConversationBudget,
        clock: any HeraldClock,
        logger: Logger = Logger(label: "herald.channel")
    ) {
        self.configuration = configuration
        self.store = store
        self.connector = connector
        self.conversations = conversations
        self.clock = clock
        self.logger = logger
    }

    /// Posts `activity` to `target` unless the wave has posted it already, and returns where the post stands; a new
    /// thread is kept under its name (also when a run that posted it died before keeping it).
    /// - Parameters:
    ///   - activity: the message's JSON.
    ///   - target: where it goes.
    public func post(_ activity: Data, to target: Target) async throws -> DeliveryState {
        let subject = target.subject
        try await store.enqueueDeliveries(wave: configuration.wave, tenantId: configuration.tenantId, users: [subject], at: clock.date)
        // A run that died while posting left the post `sending`: once its lease is over, it is `uncertain`.
        _ = try await store.expireLeases(wave: configuration.wave, at: clock.date)
        var state = try await current(subject)
        if state == .pending {
            state = try await send(activity, to: target, subject: subject)
        }
        if case .sent(let id) = state, let id, case .newThread(let team, _, let serviceURL, let name) = target {
            try await store.saveThread(
                ChannelThread(
                    name: name, tenantId: configuration.tenantId, team: team, conversationId: ConversationID(rawValue: id), serviceURL: serviceURL,
                    createdAt: clock.date))
        }
        return state
    }

    private func current(_ subject: AADObjectID) async throws -> DeliveryState {
        try await store.deliveries(wave: configuration.wave).first { $0.user == subject }?.state ?? .pending
    }

    private func send(_ activity: Data, to target: Target, subject: AADObjectID) async throws -> DeliveryState {
        let claimed = try await store.claimDeliveries(
            wave: configuration.wave, owner: configuration.worker, limit: 100, lease: configuration.lease, at: clock.date)
        guard claimed.contains(where: { $0.user == subject }) else { return try await current(subject) }
        return try await sendClaimed(activity, to: target)
    }

    /// Sends a channel post whose delivery this worker has claimed (a wave's worker met a `channel:` subject), and
    /// keeps a new thread under its name.
    /// - Parameters:
    ///   - activity: the message's JSON.
    ///   - target: where it goes.
    /// - Returns: the state the delivery was left in.
    public func sendClaimed(_ activity: Data, to target: Target) async throws -> DeliveryState {
        let subject = target.subject
        let state = try await sendHeld(activity, to: target, subject: subject)
        if case .sent(let id) = state, let id, case .newThread(let team, _, let serviceURL, let name) = target {
            try await store.saveThread(
                ChannelThread(
                    name: name, tenantId: configuration.tenantId, team: team, conversationId: ConversationID(rawValue: id), serviceURL: serviceURL,
                    createdAt: clock.date))
        }
        return state
    }

    private func sendHeld(_ activity: Data, to target: Target, subject: AADObjectID) async throws -> DeliveryState {
        func record(_ state: DeliveryState) async throws -> Bool {
            try await store.record(state, wave: configuration.wave, user: subject, owner: configuration.worker, status: nil, at: clock.date)
        }
        guard configuration.trustedHosts.trusts(target.serviceURL) else {
            return try await record(.failed(.untrustedServiceURL, status: nil)) ? .failed(.untrustedServiceURL, status: nil) : .pending
        }
        var attempt = 1
        let windowKey: ConversationID =
            switch target {
            case .newThread(_, let channel, _, _): ConversationID(rawValue: channel)
            case .reply(let thread): thread.conversationId
            }
        while true {
            try await conversations.acquire(windowKey)
            try await connector.budget.acquire()
            try await connector.prepareToken()
            guard try await record(.sending) else { return try await current(subject) }
            // From here the request goes out: it is finished and its answer recorded even if this run is being
            // cancelled, as a wave's send is (an abandoned answer would leave the post uncertain, a thread unkept).
            let sendingAttempt = attempt
            let (transition, recorded) = try await Task {
                let (event, requestId) =
                    switch target {
                    case .newThread(_, let channel, let serviceURL, _):
                        try await connector.createThread(
                            activity, in: channel, serviceURL: serviceURL, tenantId: configuration.tenantId, bot: configuration.bot, prepaid: true)
                    case .reply(let thread):
                        try await connector.sendActivity(activity, to: thread.conversationId, serviceURL: thread.serviceURL, prepaid: true)
                    }
                let transition = try DeliveryState.sending.on(event, attempt: sendingAttempt, policy: configuration.policy)
                let answer: ServiceAnswer? = if case .answered(let answer) = event { answer } else { nil }
                let recorded = try await store.recordAnswer(
                    transition.state, wave: configuration.wave, user: subject, owner: configuration.worker, answer: answer, requestId: requestId,
                    clock: clock, logger: logger)
                return (transition, recorded)
            }.value
            guard recorded else { return try await current(subject) }
            guard case .retry(let after) = transition.action else { return transition.state }
            attempt += 1
            if let after, after > .zero { try await clock.sleep(until: clock.now.advanced(by: after), tolerance: nil) }
        }
    }
}
