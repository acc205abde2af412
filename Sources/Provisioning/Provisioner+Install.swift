import BotConnector
import GraphAPI
import HeraldCore
import Logging
import ReferenceStore
import Transport

extension Provisioner {
    /// Installs the app for one claimed person: one Graph call, retried while the machine says so. A person whose
    /// reference is already stored needs none. Each state is recorded before the next step; a lost lease stops here
    /// (another worker has the person now). A person left `installed` or `already_installed` still needs their
    /// reference: ``reach(_:from:)``.
    /// - Parameter target: the claimed person.
    /// - Returns: the state the person was left in.
    func install(_ target: Target) async throws -> ProvisionState {
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
            var errorCode: String?
            do {
                let answer = try await graph.installApp(for: user, catalogAppId: configuration.catalogAppId)
                status = answer.answer.status
                requestId = answer.requestId
                errorCode = answer.answer.errorCode
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
                guard try await record(transition.state, user, status: status, requestId: requestId, errorCode: errorCode) else { return state }
            }
            state = transition.state
            if case .retry(let after) = transition.action {
                attempt += 1
                if let after, after > .zero { try await clock.sleep(until: clock.now.advanced(by: after), tolerance: nil) }
            }
        }
        return state
    }

    /// Records `state` for a person this worker holds.
    func record(_ state: ProvisionState, _ user: AADObjectID, status: Int?, requestId: String? = nil, errorCode: String? = nil) async throws -> Bool {
        try await store.record(
            state, batch: configuration.batch, user: user, owner: configuration.worker, status: status, requestId: requestId, errorCode: errorCode,
            at: clock.date)
    }
}
