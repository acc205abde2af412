import HeraldCore
import Testing

/// The provisioning machine, every state against every event, without a network.
@Suite("ProvisionState")
struct ProvisionStateTests {
    static let states: [ProvisionState] = [
        .pending, .installed(installationId: nil), .alreadyInstalled(installationId: "i"), .referenced(chatId: "19:c"),
        .failed(.blockedByPolicy, status: 403), .skipped(.guest),
    ]
    static let events: [ProvisionEvent] = [
        .skip(.guest), .begin, .installAnswered(ServiceAnswer(status: 201)), .installUnanswered, .installationFound(id: "i"),
        .referenceStored(chatId: "19:c"),
        .referenceWaitExpired, .connectorFallbackFailed, .graphFallbackFailed(status: 404),
    ]
    static let accepted: [ProvisionState.Name: Set<String>] = [
        .pending: ["skip", "begin", "installAnswered 201", "installUnanswered", "referenceStored"],
        .installed: ["installationFound", "referenceStored", "referenceWaitExpired", "connectorFallbackFailed", "graphFallbackFailed"],
        .alreadyInstalled: ["installationFound", "referenceStored", "referenceWaitExpired", "connectorFallbackFailed", "graphFallbackFailed"],
    ]

    @Test("every state refuses every event it does not take; terminal states take none", arguments: states)
    func exhaustive(_ state: ProvisionState) {
        for event in Self.events {
            let allowed = Self.accepted[state.name, default: []].contains(event.name)
            do {
                let transition = try state.on(event)
                #expect(allowed, "\(state) took \(event)")
                #expect(
                    ProvisionState.predecessors(of: transition.state.name).contains(state.name) || transition.state == state,
                    "the store would refuse \(state) → \(transition.state)")
            } catch {
                #expect(!allowed, "\(state) refused \(event)")
            }
        }
        #expect(state.isTerminal == (Self.accepted[state.name] == nil))
    }

    @Test("201 installs, 409 was installed already; both then wait for the reference")
    func installs() throws {
        #expect(
            try ProvisionState.pending.on(.installAnswered(ServiceAnswer(status: 201)))
                == ProvisionTransition(.installed(installationId: nil), .awaitReference))
        #expect(
            try ProvisionState.pending.on(.installAnswered(ServiceAnswer(status: 409, errorCode: "Conflict")))
                == ProvisionTransition(.alreadyInstalled(installationId: nil), .awaitReference))
        #expect(
            try ProvisionState.installed(installationId: nil).on(.installationFound(id: "i"))
                == ProvisionTransition(.installed(installationId: "i"), .awaitReference))
    }

    @Test(
        "throttling, server errors and silence are retried (installs are idempotent) until the attempts run out",
        arguments: [429, 500, 502, 503, 504, 408])
    func retries(_ status: Int) throws {
        let answer = ServiceAnswer(status: status, retryAfter: .seconds(10))
        #expect(try ProvisionState.pending.on(.installAnswered(answer)) == ProvisionTransition(.pending, .retry(after: .seconds(10))))
        #expect(
            try ProvisionState.pending.on(.installAnswered(answer), attempt: 4, policy: ProvisionPolicy(maximumAttempts: 4))
                == ProvisionTransition(.failed(.gaveUpAfterRetries, status: status), .none))
        #expect(try ProvisionState.pending.on(.installUnanswered) == ProvisionTransition(.pending, .retry(after: nil)))
    }

    @Test(
        "refusals keep their reason and status",
        arguments: [
            (401, nil, ProvisionFailure.unauthorized), (403, "Forbidden", .blockedByPolicy), (404, "Request_ResourceNotFound", .userNotFound),
            (404, "NotFound", .userNotFound), (400, "BadRequest", .rejected),
        ] as [(Int, String?, ProvisionFailure)])
    func refusals(_ status: Int, _ code: String?, _ failure: ProvisionFailure) throws {
        #expect(
            try ProvisionState.pending.on(.installAnswered(ServiceAnswer(status: status, errorCode: code)))
                == ProvisionTransition(.failed(failure, status: status), .none))
    }

    @Test("a 404 naming the catalog is the app's, any other the person's")
    func notFound() throws {
        let app = ServiceAnswer(status: 404, errorCode: "NotFound", message: "The app 'x' is not in the organization's app catalog.")
        #expect(try ProvisionState.pending.on(.installAnswered(app)).state == .failed(.appNotInCatalog, status: 404))
        let user = ServiceAnswer(status: 404, errorCode: "NotFound", message: "User 'u' was not found.")
        #expect(try ProvisionState.pending.on(.installAnswered(user)).state == .failed(.userNotFound, status: 404))
    }

    @Test("Graph's 403 for a missing licence is told from a policy's by its message")
    func licence() throws {
        let licence = ServiceAnswer(
            status: 403, errorCode: "Forbidden",
            message: "Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them.")
        #expect(try ProvisionState.pending.on(.installAnswered(licence)).state == .failed(.noTeamsLicense, status: 403))
        let policy = ServiceAnswer(status: 403, errorCode: "Forbidden", message: "The app is blocked by the app permission policy.")
        #expect(try ProvisionState.pending.on(.installAnswered(policy)).state == .failed(.blockedByPolicy, status: 403))
    }

    @Test("no activity in time: ask the Connector, then Graph, then fail with no_reference")
    func fallbacks() throws {
        let installed = ProvisionState.installed(installationId: "i")
        #expect(try installed.on(.referenceWaitExpired) == ProvisionTransition(installed, .createConversation))
        #expect(try installed.on(.connectorFallbackFailed) == ProvisionTransition(installed, .lookUpInstallationChat))
        #expect(try installed.on(.graphFallbackFailed(status: 404)) == ProvisionTransition(.failed(.noReference, status: 404), .none))
        #expect(try installed.on(.referenceStored(chatId: "19:c")) == ProvisionTransition(.referenced(chatId: "19:c"), .none))
    }
}
