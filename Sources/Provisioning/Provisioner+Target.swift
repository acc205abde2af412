import BotConnector
import GraphAPI
import HeraldCore
import Logging
import ReferenceStore
import Transport

extension Provisioner {
    /// Takes one claimed person as far as it goes: install, then the reference (the install activity, else the
    /// Connector, else Graph). Each state is recorded before the next step; a lost lease stops here (another
    /// worker has the person now).
    /// - Parameter target: the claimed person.
    /// - Returns: the state the person was left in.
    func provision(_ target: Target) async throws -> ProvisionState {
        let user = target.user
        var state = target.state
        var attempt = max(1, target.attempts)
        if state == .pending, let reference = try await activeReference(user) {
            // Already reachable (a listener captured the install before): nothing to install.
            return try await record(.referenced(chatId: reference.conversationId), user, status: nil)
                ? .referenced(chatId: reference.conversationId) : state
        }
        while state == .pending {
            let transition: ProvisionTransition
            var status: Int?
            var requestId: String?
            do {
                let answer = try await graph.installApp(for: user, catalogAppId: configuration.catalogAppId)
                status = answer.answer.status
                requestId = answer.requestId
                transition = try state.on(.installAnswered(answer.answer), attempt: attempt, policy: configuration.policy)
                if transition.state.name == .failed {
                    logger.warning(
                        "install failed",
                        metadata: [
                            "user": "\(user)", "status": "\(answer.answer.status)", "code": "\(answer.answer.errorCode ?? "-")",
                            "request-id": "\(answer.requestId ?? "-")",
                        ])
                }
            } catch is TransportError {
                transition = try state.on(.installUnanswered, attempt: attempt, policy: configuration.policy)
            }
            if transition.state != state {
                guard try await record(transition.state, user, status: status, requestId: requestId) else { return state }
            }
            state = transition.state
            if case .retry(let after) = transition.action {
                attempt += 1
                if let after, after > .zero { try await clock.sleep(until: clock.now.advanced(by: after), tolerance: nil) }
            }
        }
        guard state.name == .installed || state.name == .alreadyInstalled else { return state }
        // A person installed just now gets the install activity; one who had the app already may never get one.
        if state.name == .installed, let reference = try await awaitReference(user) {
            let next = try state.on(.referenceStored(chatId: reference.conversationId)).state
            return try await record(next, user, status: nil) ? next : state
        }
        if let conversation = try await connectorFallback(user) {
            let next = try state.on(.referenceStored(chatId: conversation)).state
            return try await record(next, user, status: nil) ? next : state
        }
        let (chat, status, requestId) = await graphFallback(user)
        let next = try chat.map { try state.on(.referenceStored(chatId: $0)).state } ?? state.on(.graphFallbackFailed(status: status)).state
        return try await record(next, user, status: status, requestId: requestId) ? next : state
    }

    /// Records `state` for a person this worker holds.
    func record(_ state: ProvisionState, _ user: AADObjectID, status: Int?, requestId: String? = nil) async throws -> Bool {
        try await store.record(
            state, batch: configuration.batch, user: user, owner: configuration.worker, status: status, requestId: requestId, at: clock.date)
    }

    /// The person's stored, active reference for this bot, if any.
    func activeReference(_ user: AADObjectID) async throws -> ConversationReference? {
        let key = ReferenceKey(tenantId: configuration.tenantId, subject: .user(user), bot: configuration.bot)
        guard let record = try await store.reference(key), record.active else { return nil }
        return record.reference
    }

    /// Waits, at most the reference timeout, for the install activity to bring the person's reference.
    func awaitReference(_ user: AADObjectID) async throws -> ConversationReference? {
        let deadline = clock.now.advanced(by: configuration.referenceTimeout)
        while true {
            if let reference = try await activeReference(user) { return reference }
            guard clock.now < deadline else { return nil }
            try await clock.sleep(until: min(deadline, clock.now.advanced(by: configuration.referencePollInterval)), tolerance: nil)
        }
    }

    /// The Connector's create-conversation with the person's Entra object id: the personal conversation, on the
    /// Connector's budget rather than Graph's. Stored as a reference from `graph` (not from an activity).
    func connectorFallback(_ user: AADObjectID) async throws -> ConversationID? {
        guard let connector else { return nil }
        let serviceURL = try await store.serviceURL(tenantId: configuration.tenantId) ?? configuration.defaultServiceURL
        do {
            let conversation = try await connector.createConversation(
                serviceURL: serviceURL, bot: configuration.bot, user: user, tenantId: configuration.tenantId)
            try await store.observe(
                ConversationReference(
                    tenantId: configuration.tenantId, subject: .user(user), bot: configuration.bot, conversationId: conversation,
                    serviceURL: serviceURL,
                    source: .graph, observedAt: clock.date))
            return conversation
        } catch let error as TransportError {
            logger.notice("connector fallback failed", metadata: ["user": "\(user)", "error": "\(error)"])
            return nil
        }
    }

    /// Graph's installation of the app, then its chat: the chat id is the personal conversation id.
    /// - Returns: the chat, or nil with the status and request id of the answer that failed.
    func graphFallback(_ user: AADObjectID) async -> (ConversationID?, Int?, String?) {
        do {
            guard let installation = try await graph.installation(for: user, catalogAppId: configuration.catalogAppId) else { return (nil, 404, nil) }
            let chat = try await graph.installationChat(for: user, installationId: installation.id)
            let conversation = ConversationID(rawValue: chat.id)
            let serviceURL = try await store.serviceURL(tenantId: configuration.tenantId) ?? configuration.defaultServiceURL
            try await store.observe(
                ConversationReference(
                    tenantId: configuration.tenantId, subject: .user(user), bot: configuration.bot, conversationId: conversation,
                    serviceURL: serviceURL,
                    source: .graph, observedAt: clock.date))
            return (conversation, 200, nil)
        } catch let error as TransportError {
            logger.notice("graph fallback failed", metadata: ["user": "\(user)", "error": "\(error)"])
            return (nil, error.httpStatus, error.requestId)
        } catch {
            return (nil, nil, nil)
        }
    }
}
