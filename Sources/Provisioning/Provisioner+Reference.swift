import BotConnector
import GraphAPI
import HeraldCore
import Logging
import ReferenceStore
import Transport

extension Provisioner {
    /// Takes an installed person to their reference: the install activity that `herald listen` stores (awaited
    /// at most the reference timeout, and only after a 201: a person who had the app already may never get one),
    /// else the Connector's create-conversation, else Graph's installation chat. Runs beside the install workers,
    /// so a slow or lost activity never holds up installs.
    /// - Parameters:
    ///   - user: the person, held by this worker.
    ///   - state: `installed` or `already_installed`.
    /// - Returns: the state the person was left in.
    func reach(_ user: AADObjectID, from state: ProvisionState) async throws -> ProvisionState {
        if state.name == .installed, let reference = try await awaitReference(user) {
            let next = try state.on(.referenceStored(chatId: reference.conversationId)).state
            return try await record(next, user, status: nil) ? next : state
        }
        if let conversation = try await connectorFallback(user) {
            let next = try state.on(.referenceStored(chatId: conversation)).state
            return try await record(next, user, status: nil) ? next : state
        }
        let (chat, status, requestId, errorCode) = await graphFallback(user)
        let next = try chat.map { try state.on(.referenceStored(chatId: $0)).state } ?? state.on(.graphFallbackFailed(status: status)).state
        return try await record(next, user, status: status, requestId: requestId, errorCode: errorCode) ? next : state
    }

    /// The person's stored, active reference for this bot, if any.
    func activeReference(_ user: AADObjectID) async throws -> ConversationReference? {
        let key = ReferenceKey(tenantId: configuration.tenantId, subject: .user(user), bot: configuration.bot)
        guard let record = try await store.reference(key), record.active else { return nil }
        return record.reference
    }

    /// Waits for the install activity to bring the person's reference: as long as activities lately take, with a
    /// wide margin, and at most the reference timeout (``ActivityWait``).
    func awaitReference(_ user: AADObjectID) async throws -> ConversationReference? {
        let started = clock.now
        let patience = activityWait.patience(timeout: configuration.referenceTimeout)
        let deadline = started.advanced(by: patience)
        while true {
            if let reference = try await activeReference(user) {
                activityWait.arrived(after: started.duration(to: clock.now))
                return reference
            }
            guard clock.now < deadline else {
                activityWait.timedOut(after: patience)
                return nil
            }
            // Look often at first, then less (a quarter of the wait so far): a slow tenant's many waiting people do
            // not read the store twenty times a second each.
            let waited = started.duration(to: clock.now)
            try await clock.sleep(until: min(deadline, clock.now.advanced(by: max(configuration.referencePollInterval, waited / 4))), tolerance: nil)
        }
    }

    /// The Connector's create-conversation with the person's Entra object id: the personal conversation, on the
    /// Connector's budget rather than Graph's. Stored as a reference from `graph` (not from an activity).
    func connectorFallback(_ user: AADObjectID) async throws -> ConversationID? {
        guard let connector else { return nil }
        let serviceURL = try await store.serviceURL(tenantId: configuration.tenantId) ?? configuration.defaultServiceURL
        do {
            let reference = try await connector.createPersonalReference(
                serviceURL: serviceURL, bot: configuration.bot, user: user, tenantId: configuration.tenantId, observedAt: clock.date)
            try await store.observe(reference)
            return reference.conversationId
        } catch let error as TransportError {
            logger.notice("connector fallback failed", metadata: ["user": "\(user)", "error": "\(error)"])
            return nil
        }
    }

    /// Graph's installation of the app, then its chat: the chat id is the personal conversation id.
    /// - Returns: the chat, or nil with the status, request id and error code of the answer that failed.
    func graphFallback(_ user: AADObjectID) async -> (ConversationID?, Int?, String?, String?) {
        do {
            guard let installation = try await graph.installation(for: user, catalogAppId: configuration.catalogAppId) else {
                return (nil, 404, nil, nil)
            }
            let chat = try await graph.installationChat(for: user, installationId: installation.id)
            let conversation = ConversationID(rawValue: chat.id)
            let serviceURL = try await store.serviceURL(tenantId: configuration.tenantId) ?? configuration.defaultServiceURL
            try await store.observe(
                ConversationReference(
                    tenantId: configuration.tenantId, subject: .user(user), bot: configuration.bot, conversationId: conversation,
                    serviceURL: serviceURL,
                    source: .graph, observedAt: clock.date))
            return (conversation, 200, nil, nil)
        } catch let error as TransportError {
            logger.notice("graph fallback failed", metadata: ["user": "\(user)", "error": "\(error)"])
            return (nil, error.httpStatus, error.requestId, error.serviceErrorCode)
        } catch {
            return (nil, nil, nil, nil)
        }
    }
}
