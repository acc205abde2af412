import BotConnector
import Foundation
import HeraldCore
import Logging
import ReferenceStore
import Transport

extension Wave {
    /// Takes one claimed delivery as far as it goes, at most once:
    /// - opted out: `skipped(opted_out)`; no conversation and none can be created: `skipped(no_reference)`;
    /// - a serviceUrl that is not a trusted Connector host, or a message over Teams' size limit: `failed`, nothing posted;
    /// - otherwise `sending` is written before the POST, and the answer decides: `sent`; 429/412/502/503 (not
    ///   accepted) back to `pending` and tried again; 404 `ConversationNotFound` heals (a new conversation, one
    ///   more send to it); the person blocked the bot: `skipped(blocked)`; a timeout or a broken connection after
    ///   the request was written, or a 504: `uncertain`, never resent without a person's request.
    /// A lost lease stops here: another worker has the delivery now.
    /// - Parameter delivery: the claimed delivery.
    /// - Returns: the state it was left in.
    func deliver(_ delivery: Delivery) async throws -> DeliveryState {
        if delivery.user.rawValue.hasPrefix("channel:") { return try await deliverToChannel(delivery) }
        let user = delivery.user
        if try await store.hasOptedOut(tenantId: configuration.tenantId, user: user) {
            return try await finish(.skipped(.optedOut), delivery)
        }
        guard let reference = try await reference(for: user) else { return try await finish(.skipped(.noReference), delivery) }
        guard configuration.trustedHosts.trusts(reference.serviceURL) else {
            logger.warning(
                "untrusted serviceUrl: nothing sent", metadata: ["user": "\(user)", "serviceUrl": "\(reference.serviceURL.rawValue)"])
            return try await finish(.failed(.untrustedServiceURL, status: nil), delivery)
        }
        let activity: Data
        do {
            activity = try message(delivery.data)
        } catch {
            logger.error("the card does not render for this person", metadata: ["user": "\(user)", "error": "\(error)"])
            return try await finish(.failed(.badRequest, status: nil), delivery)
        }
        guard activity.count <= CardMessage.maximumBytes else { return try await finish(.failed(.messageTooLarge, status: nil), delivery) }

        var state = DeliveryState.pending
        // Tries for this claim: a resent or resumed delivery gets the whole retry policy again (the store's
        // attempts column keeps the history).
        var attempt = 1
        var conversation = reference.conversationId
        var healed = false
        while true {
            // Everything the send waits for comes first (the conversation's windows, the tenant's budget, a bot
            // token): a delivery is `sending` only while its request is on the wire, so a process that dies leaves
            // as few uncertain deliveries as possible.
            try await conversations.acquire(conversation)
            try await connector.budget.acquire()
            try await connector.prepareToken()
            guard try await record(.sending, delivery) else { return state }
            state = .sending
            // From here the request goes out: it is finished and its answer recorded even if this run is being
            // cancelled (another worker failed), since an abandoned answer would leave the delivery uncertain.
            let (sendingConversation, alreadyHealed, sendingAttempt) = (conversation, healed, attempt)
            let posted = try await Task {
                try await post(
                    activity, delivery, to: sendingConversation, serviceURL: reference.serviceURL, healed: alreadyHealed, attempt: sendingAttempt)
            }.value
            (conversation, healed) = (posted.conversation, posted.healed)
            guard posted.recorded else { return state }
            state = posted.transition.state
            guard case .retry(let after) = posted.transition.action else { return state }
            attempt += 1
            if let after, after > .zero { try await clock.sleep(until: clock.now.advanced(by: after), tolerance: nil) }
        }
    }

    /// One POST of a delivery marked `sending`, a 404 healed with one more send to a new conversation, and the
    /// answer recorded (a store error is tried again: the answer is the only record of what Teams did).
    private func post(
        _ activity: Data, _ delivery: Delivery, to conversation: ConversationID, serviceURL: ServiceURL, healed: Bool, attempt: Int
    ) async throws -> (transition: DeliveryTransition, recorded: Bool, conversation: ConversationID, healed: Bool) {
        var conversation = conversation
        var healed = healed
        var (event, requestId) = try await connector.sendActivity(activity, to: conversation, serviceURL: serviceURL, prepaid: true)
        if !healed, case .answered(let answer) = event, answer.status == 404 {
            // The chat is gone (the person deleted it; also seen spuriously): a new conversation, one more send.
            healed = true
            if let fresh = try? await heal(delivery.user, serviceURL: serviceURL) {
                conversation = fresh.conversationId
                try await conversations.acquire(conversation)
                (event, requestId) = try await connector.sendActivity(activity, to: conversation, serviceURL: serviceURL)
            }
        }
        let transition = try DeliveryState.sending.on(event, attempt: attempt, policy: configuration.policy)
        let answer: ServiceAnswer? = if case .answered(let answer) = event { answer } else { nil }
        let recorded = try await store.recordAnswer(
            transition.state, wave: configuration.wave, user: delivery.user, owner: configuration.worker, answer: answer, requestId: requestId,
            clock: clock, logger: logger)
        return (transition, recorded, conversation, healed)
    }

    /// A team's welcome (enqueued by the listener when the app was added to the team): one new thread in the team's
    /// General channel, saying who added the app; kept as the thread `{wave}:{team}`.
    func deliverToChannel(_ delivery: Delivery) async throws -> DeliveryState {
        let team = TeamID(rawValue: String(delivery.user.rawValue.dropFirst("channel:".count)))
        let key = ReferenceKey(tenantId: configuration.tenantId, subject: .team(team), bot: configuration.bot)
        guard let reference = try await store.reference(key), reference.active else { return try await finish(.skipped(.noReference), delivery) }
        let activity: Data
        do {
            activity = try message(delivery.data)
        } catch {
            logger.error("the card does not render for this team", metadata: ["team": "\(team.rawValue)", "error": "\(error)"])
            return try await finish(.failed(.badRequest, status: nil), delivery)
        }
        let poster = ChannelPost(
            configuration: configuration, store: store, connector: connector, conversations: conversations, clock: clock, logger: logger)
        return try await poster.sendClaimed(
            activity,
            to: .newThread(
                team: team, channel: team.rawValue, serviceURL: reference.reference.serviceURL, name: "\(configuration.wave):\(team.rawValue)"))
    }

    /// The person's stored reference, or one made now with the Connector's create-conversation (a person with a
    /// user id and a tenant but no conversation), stored from `graph`. Nil when Teams will not make one.
    func reference(for user: AADObjectID) async throws -> ConversationReference? {
        let key = ReferenceKey(tenantId: configuration.tenantId, subject: .user(user), bot: configuration.bot)
        if let record = try await store.reference(key), record.active { return record.reference }
        let serviceURL = try await store.serviceURL(tenantId: configuration.tenantId) ?? configuration.defaultServiceURL
        guard configuration.trustedHosts.trusts(serviceURL) else { return nil }
        return try await heal(user, serviceURL: serviceURL)
    }

    /// Creates the person's personal conversation and stores it as their reference; nil when Teams will not make one.
    func heal(_ user: AADObjectID, serviceURL: ServiceURL) async throws -> ConversationReference? {
        do {
            let reference = try await connector.createPersonalReference(
                serviceURL: serviceURL, bot: configuration.bot, user: user, tenantId: configuration.tenantId, observedAt: clock.date)
            try await store.observe(reference)
            return reference
        } catch let error as TransportError {
            logger.notice("no conversation could be made", metadata: ["user": "\(user)", "error": "\(error)"])
            return nil
        }
    }

    /// Records a state reached without a send: the state, or `pending` when the lease was lost.
    func finish(_ state: DeliveryState, _ delivery: Delivery) async throws -> DeliveryState {
        try await record(state, delivery) ? state : .pending
    }

    @discardableResult
    func record(
        _ state: DeliveryState, _ delivery: Delivery, status: Int? = nil, requestId: String? = nil, errorCode: String? = nil
    ) async throws -> Bool {
        try await store.record(
            state, wave: configuration.wave, user: delivery.user, owner: configuration.worker, status: status, requestId: requestId,
            errorCode: errorCode, at: clock.date)
    }
}
