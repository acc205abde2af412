/// Where installing the app for one person stands (DESIGN.md, "The store is the source of truth"):
///
/// `pending → installed | already_installed → referenced`, or `failed(reason, status)`, or `skipped(reason)`.
/// Installs are idempotent (a repeat answers 409), so a throttled, failed or unanswered install is simply
/// retried. After the install the person's reference is awaited a bounded time; then the Connector is asked
/// (create conversation), then Graph (the installation's chat). ``ProvisionState/on(_:attempt:policy:)`` is the
/// whole machine; provisioning persists each transition before it does the action.
public enum ProvisionState: Sendable, Hashable {
    /// Not installed by Herald yet.
    case pending
    /// Graph answered 201 to the install.
    case installed(installationId: String?)
    /// Graph answered 409: the app was there already.
    case alreadyInstalled(installationId: String?)
    /// A conversation reference is stored for the person (terminal).
    case referenced(chatId: ConversationID?)
    /// Failed for good (terminal).
    case failed(ProvisionFailure, status: Int?)
    /// Not provisioned on purpose (terminal).
    case skipped(ProvisionSkipReason)

    /// The state's name as the store's `state` column holds it.
    public enum Name: String, Sendable, Hashable, CaseIterable, Codable {
        case pending, installed
        case alreadyInstalled = "already_installed"
        case referenced, failed, skipped
    }

    /// The name.
    public var name: Name {
        switch self {
        case .pending: .pending
        case .installed: .installed
        case .alreadyInstalled: .alreadyInstalled
        case .referenced: .referenced
        case .failed: .failed
        case .skipped: .skipped
        }
    }

    /// Whether the person's provisioning is over.
    public var isTerminal: Bool {
        switch self {
        case .referenced, .failed, .skipped: true
        case .pending, .installed, .alreadyInstalled: false
        }
    }

    /// The installation id, once known.
    public var installationId: String? {
        switch self {
        case .installed(let id), .alreadyInstalled(let id): id
        default: nil
        }
    }
}

/// What happened while provisioning one person.
public enum ProvisionEvent: Sendable, Hashable {
    /// The person should not be provisioned.
    case skip(ProvisionSkipReason)
    /// A worker is about to install.
    case begin
    /// Graph answered the install (`POST /users/{id}/teamwork/installedApps`).
    case installAnswered(ServiceAnswer)
    /// The install got no answer (timeout, reset): installs are idempotent, so it is retried.
    case installUnanswered
    /// The installation's id was read (`GET …/installedApps?$filter=…`).
    case installationFound(id: String)
    /// The person's conversation reference is stored (an activity came, or a fallback found it).
    case referenceStored(chatId: ConversationID?)
    /// The bounded wait for the install activity ran out.
    case referenceWaitExpired
    /// The Connector's create-conversation fallback found nothing.
    case connectorFallbackFailed
    /// Graph's installation-chat fallback found nothing either.
    case graphFallbackFailed(status: Int?)

    /// The event's name, for messages and ``InvalidTransition``.
    public var name: String {
        switch self {
        case .skip: "skip"
        case .begin: "begin"
        case .installAnswered(let answer): "installAnswered \(answer.status)"
        case .installUnanswered: "installUnanswered"
        case .installationFound: "installationFound"
        case .referenceStored: "referenceStored"
        case .referenceWaitExpired: "referenceWaitExpired"
        case .connectorFallbackFailed: "connectorFallbackFailed"
        case .graphFallbackFailed: "graphFallbackFailed"
        }
    }
}

/// What provisioning does after persisting the new state.
public enum ProvisionAction: Sendable, Hashable {
    /// POST the installation.
    case install
    /// Install again later: after Retry-After when Graph gave one, else after the caller's back-off.
    case retry(after: Duration?)
    /// Wait (bounded) for the install activity to bring the reference.
    case awaitReference
    /// Ask the Connector for the conversation (`POST /v3/conversations` with the Entra object id).
    case createConversation
    /// Ask Graph for the installation's chat.
    case lookUpInstallationChat
    /// Nothing more.
    case none
}

/// A state and the action that follows it.
public struct ProvisionTransition: Sendable, Hashable {
    /// The new state, to persist first.
    public let state: ProvisionState
    /// What to do next.
    public let action: ProvisionAction

    /// A transition.
    /// - Parameters:
    ///   - state: the new state.
    ///   - action: what follows.
    public init(_ state: ProvisionState, _ action: ProvisionAction) {
        self.state = state
        self.action = action
    }
}

/// How many install tries a person gets when Graph throttles, fails or does not answer.
public struct ProvisionPolicy: Sendable, Hashable {
    /// Tries in all, the first included.
    public var maximumAttempts: Int

    /// A policy.
    /// - Parameter maximumAttempts: tries in all.
    public init(maximumAttempts: Int = 8) { self.maximumAttempts = maximumAttempts }
}

extension ProvisionState {
    /// The next state and action on `event`.
    /// - Parameters:
    ///   - event: what happened.
    ///   - attempt: the number of this install try (1 for the first).
    ///   - policy: how many tries are allowed.
    /// - Returns: the transition to persist and act on.
    /// - Throws: ``InvalidTransition`` when this state does not take the event.
    public func on(
        _ event: ProvisionEvent, attempt: Int = 1, policy: ProvisionPolicy = ProvisionPolicy()
    ) throws(InvalidTransition) -> ProvisionTransition {
        switch (self, event) {
        case (.pending, .skip(let reason)):
            return ProvisionTransition(.skipped(reason), .none)
        case (.pending, .begin):
            return ProvisionTransition(.pending, .install)
        case (.pending, .installAnswered(let answer)):
            return Self.interpret(answer, attempt: attempt, policy: policy)
        case (.pending, .installUnanswered):
            return Self.retry(after: nil, status: nil, attempt: attempt, policy: policy)
        case (.pending, .referenceStored(let chatId)), (.installed, .referenceStored(let chatId)), (.alreadyInstalled, .referenceStored(let chatId)):
            return ProvisionTransition(.referenced(chatId: chatId), .none)
        case (.installed, .installationFound(let id)):
            return ProvisionTransition(.installed(installationId: id), .awaitReference)
        case (.alreadyInstalled, .installationFound(let id)):
            return ProvisionTransition(.alreadyInstalled(installationId: id), .awaitReference)
        case (.installed, .referenceWaitExpired), (.alreadyInstalled, .referenceWaitExpired):
            return ProvisionTransition(self, .createConversation)
        case (.installed, .connectorFallbackFailed), (.alreadyInstalled, .connectorFallbackFailed):
            return ProvisionTransition(self, .lookUpInstallationChat)
        case (.installed, .graphFallbackFailed(let status)), (.alreadyInstalled, .graphFallbackFailed(let status)):
            return ProvisionTransition(.failed(.noReference, status: status), .none)
        default:
            throw InvalidTransition(state: name.rawValue, event: event.name)
        }
    }

    private static func retry(after: Duration?, status: Int?, attempt: Int, policy: ProvisionPolicy) -> ProvisionTransition {
        guard attempt < policy.maximumAttempts else { return ProvisionTransition(.failed(.gaveUpAfterRetries, status: status), .none) }
        return ProvisionTransition(.pending, .retry(after: after))
    }

    private static func interpret(_ answer: ServiceAnswer, attempt: Int, policy: ProvisionPolicy) -> ProvisionTransition {
        switch answer.status {
        case 200..<300: return ProvisionTransition(.installed(installationId: answer.id), .awaitReference)
        case 409: return ProvisionTransition(.alreadyInstalled(installationId: nil), .awaitReference)
        case 408, 429, 500..<600: return retry(after: answer.retryAfter, status: answer.status, attempt: attempt, policy: policy)
        case 401: return ProvisionTransition(.failed(.unauthorized, status: 401), .none)
        case 403:
            // Graph answers 403 Forbidden both for a policy and for a missing licence; only its message tells them apart.
            let license = answer.message?.lowercased().contains("license") == true || answer.message?.lowercased().contains("licence") == true
            return ProvisionTransition(.failed(license ? .noTeamsLicense : .blockedByPolicy, status: 403), .none)
        case 404:
            // The batch checked the catalog before it began, so a 404 is the person, unless Graph says it is the app.
            let app = answer.message?.lowercased().contains("catalog") == true
            return ProvisionTransition(.failed(app ? .appNotInCatalog : .userNotFound, status: 404), .none)
        default: return ProvisionTransition(.failed(.rejected, status: answer.status), .none)
        }
    }
}

extension ProvisionState {
    /// The states a target may be in for ``ProvisionState/on(_:attempt:policy:)`` to lead to a state named
    /// `name` (what the store checks before it records a transition).
    /// - Parameter name: the new state's name.
    public static func predecessors(of name: Name) -> Set<Name> {
        switch name {
        case .pending: []
        case .installed: [.pending, .installed]
        case .alreadyInstalled: [.pending, .alreadyInstalled]
        case .referenced, .failed: [.pending, .installed, .alreadyInstalled]
        case .skipped: [.pending]
        }
    }
}
