import Foundation
import HeraldCore

/// The simulator's mutable world: installations, conversations, delivered messages, counters,
/// limiters and the fault source. One actor, so every route sees one consistent tenant.
public actor SimState {
    /// The tenant as loaded.
    public let fixture: TenantFixture
    let configuration: SimConfiguration
    private let usersById: [String: TenantFixture.User]
    private let usersByName: [String: TenantFixture.User]
    private var installations: [String: SimInstallation]
    private var conversations: [String: SimConversation]
    /// Install POSTs answered 201 and 409, per user (object id).
    private var installTallies: [String: SimInstallTally] = [:]
    private var uninstalledChats: Set<String> = []
    /// Every group is a team with the bot installed; its General channel's id is the team id.
    private let teams: [String: TenantFixture.Group]
    /// The General channels, as conversations whose roster is the group.
    private let channels: [String: SimConversation]
    /// Users by their bot-scoped id (`29:…`).
    private let usersByBotScopedId: [String: TenantFixture.User]
    private var messages: [DeliveredMessage] = []
    /// Users whose deleted chat the bot created again.
    private var restoredChats: Set<String> = []
    private(set) var counters = SimCounters()
    private var faults: FaultInjector
    private var graphLimiter: SlidingWindowLimiter
    private var botLimiter: SlidingWindowLimiter
    private var conversationLimiter: SlidingWindowLimiter
    /// The one place the simulator reads time.
    nonisolated let clock: SimClock
    private let started: ContinuousClock.Instant
    private var sequence = 0
    /// Where the simulator listens, once known (serviceUrls are built from it).
    private(set) var baseURL = "http://127.0.0.1:3979"

    /// The state for a tenant.
    /// - Parameters:
    ///   - fixture: the tenant.
    ///   - configuration: limits, speed and faults.
    ///   - clock: where time is read (the system's clocks by default).
    public init(fixture: TenantFixture, configuration: SimConfiguration, clock: SimClock = .system) {
        self.fixture = fixture
        self.configuration = configuration
        self.clock = clock
        started = clock.instant()
        (installations, conversations) = Self.preinstalled(fixture)
        usersById = Dictionary(fixture.users.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        usersByName = Dictionary(fixture.users.map { ($0.userPrincipalName.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        faults = FaultInjector(seed: configuration.seed)
        teams = Dictionary(fixture.groups.map { (Self.teamId(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
        let tenantId = fixture.tenantId
        let users = usersById
        var channels: [String: SimConversation] = [:]
        for (id, group) in teams {
            let members = group.members.compactMap { users[$0.lowercased()] }.map { Self.roster($0, tenantId: tenantId) }
            channels[id] = SimConversation(id: id, userId: nil, members: members)
        }
        self.channels = channels
        usersByBotScopedId = Dictionary(fixture.users.map { (Self.botScopedId(of: $0.id), $0) }, uniquingKeysWith: { first, _ in first })
        let second = configuration.scaled(.seconds(1))
        graphLimiter = SlidingWindowLimiter([.init(limit: 30, window: second)])
        botLimiter = SlidingWindowLimiter([.init(limit: 50, window: second)])
        conversationLimiter = SlidingWindowLimiter([
            .init(limit: 7, window: second), .init(limit: 8, window: configuration.scaled(.seconds(2))),
            .init(limit: 60, window: configuration.scaled(.seconds(30))), .init(limit: 1_800, window: configuration.scaled(.seconds(3_600))),
        ])
    }

    func setBaseURL(_ url: String) { baseURL = url }

    // MARK: - Directory

    /// A user by object id or user principal name.
    func user(_ idOrName: String) -> TenantFixture.User? {
        usersById[idOrName.lowercased()] ?? usersByName[idOrName.lowercased()]
    }

    /// The id Teams gives this user in conversations with this bot (`29:…`).
    nonisolated func botScopedId(of userId: String) -> String { Self.botScopedId(of: userId) }

    nonisolated static func botScopedId(of userId: String) -> String {
        "29:1" + userId.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// The bot's id in conversations (`28:<app id>`).
    nonisolated var botAccountId: String { "28:" + fixture.botAppId }

    /// The personal chat id of a user with the bot (Graph's chat id and the Connector's conversation id).
    nonisolated func personalChatId(of userId: String) -> String {
        Self.personalChatId(of: userId, botAppId: fixture.botAppId)
    }

    nonisolated static func personalChatId(of userId: String, botAppId: String) -> String {
        "19:\(userId)_\(botAppId)@unq.gbl.spaces"
    }

    /// The regional serviceUrl (`…/teams/amer/`).
    func serviceURL(region: String) -> String { "\(baseURL)/teams/\(region)/" }

    // MARK: - Installs

    enum InstallOutcome: Equatable {
        case created(SimInstallation)
        case alreadyInstalled
        case appNotInCatalog
        case blockedByPolicy
        case noTeamsLicense
        case userNotFound
    }

    /// Installs an app for a user; a 201 or 409 answer is tallied for `/_sim/installs`.
    func install(app teamsAppId: String, for userIdOrName: String) -> InstallOutcome {
        guard let user = user(userIdOrName) else { return .userNotFound }
        guard fixture.catalog.contains(where: { $0.id == teamsAppId }) else { return .appNotInCatalog }
        if !user.hasTeamsLicense { return .noTeamsLicense }
        if user.installBlocked { return .blockedByPolicy }
        let key = Self.installationKey(user.id, teamsAppId)
        if installations[key] != nil {
            installTallies[user.id, default: SimInstallTally(id: user.id)].conflict += 1
            return .alreadyInstalled
        }
        sequence += 1
        let (installation, conversation) = Self.installation(of: teamsAppId, for: user, fixture: fixture)
        installations[key] = installation
        uninstalledChats.remove(installation.chatId)
        conversations[installation.chatId] = conversation
        installTallies[user.id, default: SimInstallTally(id: user.id)].created += 1
        counters.timeline.installed(at: secondsSinceStart())
        return .created(installation)
    }

    /// Install POSTs answered 201 and 409, per user, in user id order.
    func installReport() -> SimInstallReport {
        SimInstallReport(users: installTallies.values.sorted { $0.id < $1.id })
    }

    /// Whether Herald's app (the catalog's first) is installed for a user.
    func hasHeraldInstalled(_ user: TenantFixture.User) -> Bool {
        installations[Self.installationKey(user.id, fixture.app.id)] != nil
    }

    /// Removes an installation; its chat stays, but writes to it are blocked.
    func uninstall(_ installationId: String, for userIdOrName: String) -> Bool {
        guard let user = user(userIdOrName), let entry = installations.first(where: { $0.value.userId == user.id && $0.value.id == installationId })
        else { return false }
        installations.removeValue(forKey: entry.key)
        uninstalledChats.insert(entry.value.chatId)
        return true
    }

    func installations(of userIdOrName: String) -> [SimInstallation]? {
        guard let user = user(userIdOrName) else { return nil }
        return installations.values.filter { $0.userId == user.id }.sorted { $0.id < $1.id }
    }

    func roster(_ user: TenantFixture.User) -> TeamsChannelAccount { Self.roster(user, tenantId: fixture.tenantId) }

    static func roster(_ user: TenantFixture.User, tenantId: String) -> TeamsChannelAccount {
        let parts = user.displayName.split(separator: " ")
        return TeamsChannelAccount(
            id: botScopedId(of: user.id), name: user.displayName, aadObjectId: user.id, givenName: parts.first.map(String.init),
            surname: parts.dropFirst().first.map(String.init), email: user.userPrincipalName, userPrincipalName: user.userPrincipalName,
            tenantId: tenantId)
    }

    /// The user a `29:` id stands for.
    func user(botScopedId: String) -> TenantFixture.User? { usersByBotScopedId[botScopedId.lowercased()] }

    // MARK: - Teams

    /// The thread id of a group's team (also its General channel's conversation id).
    nonisolated static func teamId(of group: TenantFixture.Group) -> String {
        "19:\(group.id.replacingOccurrences(of: "-", with: ""))@thread.tacv2"
    }

    func team(_ id: String) -> TenantFixture.Group? { teams[id] }

    /// `GET /_sim/teams`: each team's id (its General channel's conversation id), name and member count.
    func teamSummaries() -> [SimTeamSummary] {
        teams.map { SimTeamSummary(id: $0.key, name: $0.value.displayName, members: $0.value.members.count) }.sorted { $0.name < $1.name }
    }

    // MARK: - Connector

    enum ConnectorFailure: Error, Equatable {
        case badArgument(String)
        case notInstalled
        case conversationNotFound(String)
        case blockedByUser
        /// The app was uninstalled: Teams answers with its `MessageWritesBlocked` shape.
        case uninstalled
    }

    func conversation(_ id: String) -> SimConversation? { conversations[id] ?? channels[id] }

    /// Creating a 1:1 conversation: Teams answers with the existing personal chat when the app is installed.
    func createConversation(memberIds: [String], tenantId: String?) -> Result<SimConversation, ConnectorFailure> {
        guard memberIds.count == 1, let memberId = memberIds.first else { return .failure(.badArgument("Conversations must be to a single member")) }
        guard tenantId == nil || tenantId == fixture.tenantId else { return .failure(.badArgument("Unknown tenant \(tenantId ?? "")")) }
        guard let user = user(memberId: memberId) else {
            return .failure(.badArgument("Invalid user identity in provided member list"))
        }
        if !hasHeraldInstalled(user), configuration.botInTeams, user.hasTeamsLicense, !user.installBlocked,
            teams.values.contains(where: { $0.members.contains { $0.lowercased() == user.id.lowercased() } })
        {
            // The bot is in a team this person belongs to: Teams opens the 1:1 chat.
            let id = personalChatId(of: user.id)
            if conversations[id] == nil { conversations[id] = SimConversation(id: id, userId: user.id, members: [roster(user)]) }
            // A chat made just now is not one the person deleted.
            if user.deletedChat { restoredChats.insert(user.id) }
            return .success(conversations[id]!)
        }
        guard hasHeraldInstalled(user), let chat = conversations[personalChatId(of: user.id)] else { return .failure(.notInstalled) }
        // A person who deleted the chat gets it back when the bot creates the conversation again.
        if user.deletedChat { restoredChats.insert(user.id) }
        return .success(chat)
    }

    /// A new thread in a team's channel with its first message: the thread's conversation id
    /// (`{channel};messageid={activity id}`) and the message's activity id. Replies to the thread are recorded under it.
    func createThread(in channel: String, tenantId: String?, first activity: Activity) -> Result<(String, String), ConnectorFailure> {
        guard tenantId == nil || tenantId == fixture.tenantId else { return .failure(.badArgument("Unknown tenant \(tenantId ?? "")")) }
        guard let team = channels[channel] else { return .failure(.conversationNotFound(channel)) }
        sequence += 1
        let activityId = "\(1_700_000_000_000 + sequence)"
        let thread = "\(channel);messageid=\(activityId)"
        conversations[thread] = SimConversation(id: thread, userId: nil, members: team.members)
        let at = secondsSinceStart()
        counters.timeline.delivered(at: at)
        messages.append(DeliveredMessage(activityId: activityId, conversationId: thread, userId: nil, activity: activity, at: at))
        return .success((thread, activityId))
    }

    /// Delivers a message; returns its activity id.
    func send(_ activity: Activity, to conversationId: String) -> Result<String, ConnectorFailure> {
        guard let conversation = conversation(conversationId) else { return .failure(.conversationNotFound(conversationId)) }
        if uninstalledChats.contains(conversationId) { return .failure(.uninstalled) }
        if let userId = conversation.userId, let user = usersById[userId.lowercased()] {
            if user.deletedChat, !restoredChats.contains(user.id) { return .failure(.conversationNotFound(conversationId)) }
            if user.blockedBot { return .failure(.blockedByUser) }
        }
        sequence += 1
        let activityId = "1:\(sequence)"
        let at = secondsSinceStart()
        counters.timeline.delivered(at: at)
        messages.append(
            DeliveredMessage(activityId: activityId, conversationId: conversationId, userId: conversation.userId, activity: activity, at: at))
        return .success(activityId)
    }

    /// Seconds on the simulator's clock since it started.
    private func secondsSinceStart() -> Double { (clock.instant() - started) / .seconds(1) }

    /// Messages delivered, optionally to one conversation.
    func delivered(to conversationId: String? = nil) -> [DeliveredMessage] {
        guard let conversationId else { return messages }
        return messages.filter { $0.conversationId == conversationId }
    }

    // MARK: - Limits, faults, counters

    enum Family: String, Sendable { case login, botframework, graph, connector, sim }

    func countRequest(_ family: Family) { counters.requests[family.rawValue, default: 0] += 1 }

    /// Counts a request under its route's key (see ``SimRouteTemplates``).
    func countRoute(_ key: String) { counters.routes[key, default: 0] += 1 }

    func countActivity(_ outcome: String) { counters.activities[outcome, default: 0] += 1 }

    /// The fault to inject into the next request of `family`, counted.
    func nextFault(_ family: Family) -> FaultInjector.Fault {
        let rates: SimConfiguration.FaultRates
        let statuses: [Int]
        switch family {
        case .login:
            rates = configuration.faults.login
            statuses = [500, 503]
        case .graph:
            rates = configuration.faults.graph
            statuses = [500, 502, 503, 504]
        case .connector:
            rates = configuration.faults.connector
            statuses = [500, 502, 503, 504, 412]
        case .botframework, .sim: return .none
        }
        let fault = faults.next(rates, statuses: statuses)
        switch fault {
        case .status(let status): counters.faults["\(family.rawValue).\(status)", default: 0] += 1
        case .reset: counters.faults["\(family.rawValue).reset", default: 0] += 1
        case .delay: counters.faults["\(family.rawValue).latency", default: 0] += 1
        case .none: break
        }
        return fault
    }

    /// Whether a send that was just applied fails anyway ("applied, then failed"), and how; counted under
    /// `connector.applied-504` or `connector.applied-reset`.
    func appliedFault() -> FaultInjector.Fault {
        guard configuration.appliedFaults > 0, faults.unit() < configuration.appliedFaults else { return .none }
        let reset = faults.unit() < 0.5
        counters.faults[reset ? "connector.applied-reset" : "connector.applied-504", default: 0] += 1
        return reset ? .reset : .status(504)
    }

    /// Graph's installedApps limits, per app per tenant: 30 GETs (an installation's chat counts as one) and, apart,
    /// 30 POSTs a second (Microsoft Graph's throttling limits list them as two).
    func acquireGraphInstalledApps(method: String) -> SlidingWindowLimiter.Decision {
        throttleCounted(.graph, graphLimiter.acquire("installedApps " + method, at: clock.instant()))
    }

    /// The bot's limits: 50 per second per app per tenant, and the per-conversation windows.
    func acquireBotSend(conversationId: String) -> SlidingWindowLimiter.Decision {
        let perConversation = conversationLimiter.acquire(conversationId, at: clock.instant())
        guard perConversation == .allowed else { return throttleCounted(.connector, perConversation) }
        return throttleCounted(.connector, botLimiter.acquire("app", at: clock.instant()))
    }

    private func throttleCounted(_ family: Family, _ decision: SlidingWindowLimiter.Decision) -> SlidingWindowLimiter.Decision {
        if case .throttled = decision { counters.throttled[family.rawValue, default: 0] += 1 }
        return decision
    }

    /// A draw in 0..<1 for delivery quirks (drops, duplicates).
    func draw() -> Double { faults.unit() }

    /// Clears messages, counters, install tallies and limiter windows; keeps installs unless `installs`
    /// is true, which goes back to the tenant as loaded (only its preinstalled users have the app).
    func reset(installs: Bool) {
        messages.removeAll()
        counters = SimCounters()
        installTallies.removeAll()
        graphLimiter.reset()
        botLimiter.reset()
        conversationLimiter.reset()
        if installs {
            uninstalledChats.removeAll()
            (installations, conversations) = Self.preinstalled(fixture)
        }
    }
}
