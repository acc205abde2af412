public import Foundation
public import HeraldCore

/// Turns a verified activity into store changes. Pure, so every Teams payload shape is tested
/// without a network: personal installs (`conversationUpdate` with the bot in `membersAdded`,
/// `installationUpdate` add/add-upgrade), the bot added to a team, removals, and messages that opt out.
public struct ActivityInterpreter: Sendable {
    /// The bot (`28:<app id>` in conversations).
    public let bot: BotID

    /// An interpreter for one bot.
    /// - Parameter appId: the bot's Microsoft app id.
    public init(appId: String) {
        bot = BotID(appId: appId)
    }

    /// Whether `activity` says the app was just installed (for a person, or in a team): `installationUpdate`
    /// add/add-upgrade, or `conversationUpdate` with the bot among `membersAdded`.
    /// - Parameter activity: a verified activity.
    public func isInstall(_ activity: Activity) -> Bool {
        switch activity.type {
        case "installationUpdate": return activity.action == "add" || activity.action == "add-upgrade"
        case "conversationUpdate":
            let recipient = activity.recipient?.id
            return activity.membersAdded?.contains { $0.id == bot.rawValue || $0.id == recipient } == true
        default: return false
        }
    }

    /// The words that, sent alone to the bot, mean "no more messages".
    static let optOutWords: Set<String> = ["stop", "unsubscribe", "opt out", "opt-out", "optout"]

    /// The changes `activity` asks for; empty for anything Herald does not keep.
    /// - Parameters:
    ///   - activity: a verified activity.
    ///   - receivedAt: when it arrived, used when it carries no timestamp.
    public func changes(for activity: Activity, receivedAt: Date) -> [StoreChange] {
        guard let subject = Subject(activity), let serviceUrl = activity.serviceUrl else { return [] }
        let at = activity.timestamp.flatMap(ActivityTimestamp.parse) ?? receivedAt
        let recipient = activity.recipient?.id
        let isBot = { (member: ChannelAccount) in member.id == bot.rawValue || member.id == recipient }
        switch activity.type {
        case "conversationUpdate":
            if activity.membersAdded?.contains(where: isBot) == true {
                return [.observe(observation(subject, activity, serviceUrl, at))]
            }
            if activity.membersRemoved?.contains(where: isBot) == true {
                return [.deactivate(subject.key(bot), at: at)]
            }
            return []
        case "installationUpdate":
            switch activity.action {
            case "add", "add-upgrade": return [.observe(observation(subject, activity, serviceUrl, at))]
            case "remove", "remove-upgrade": return [.deactivate(subject.key(bot), at: at)]
            default: return []
            }
        case "message":
            guard case .user(let user) = subject.subject else { return [] }
            var changes: [StoreChange] = [.observe(observation(subject, activity, serviceUrl, at))]
            if Self.asksToStop(activity) { changes.append(.optOut(tenantId: subject.tenantId, user: user, at: at)) }
            return changes
        default:
            return []
        }
    }

    private func observation(_ subject: Subject, _ activity: Activity, _ serviceUrl: String, _ at: Date) -> ConversationReference {
        let personal = subject.subject.kind == .personal
        return ConversationReference(
            tenantId: subject.tenantId, subject: subject.subject, bot: bot, conversationId: subject.conversationId,
            serviceURL: ServiceURL(rawValue: serviceUrl),
            teamsUserId: personal ? activity.from.map { TeamsUserID(rawValue: $0.id) } : nil, channelId: activity.channelId ?? "msteams",
            source: .activity, observedAt: at)
    }

    /// A message whose text is an opt-out word, or whose card submitted `{"herald": "opt-out"}`.
    static func asksToStop(_ activity: Activity) -> Bool {
        if activity.value?["herald"]?.stringValue == "opt-out" { return true }
        guard var text = activity.text?.lowercased() else { return false }
        while let open = text.range(of: "<at>"), let close = text.range(of: "</at>", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters.subtracting(["-"])))
        return optOutWords.contains(words)
    }
}

/// Who a reference is about: a user's personal chat, or a team (its General channel).
struct Subject {
    let tenantId: TenantID
    let subject: ReferenceSubject
    let conversationId: ConversationID

    init?(_ activity: Activity) {
        guard let tenantId = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id, let conversation = activity.conversation else {
            return nil
        }
        self.tenantId = TenantID(rawValue: tenantId)
        if let team = activity.channelData?.team, conversation.conversationType == "channel" || conversation.conversationType == nil {
            let teamId = TeamID(rawValue: team.id)
            subject = .team(teamId)
            conversationId = teamId.generalChannel
        } else if conversation.conversationType == "personal" || conversation.conversationType == nil, let user = activity.from?.aadObjectId {
            subject = .user(AADObjectID(rawValue: user))
            conversationId = ConversationID(rawValue: conversation.id)
        } else {
            return nil
        }
    }

    func key(_ bot: BotID) -> ReferenceKey { ReferenceKey(tenantId: tenantId, subject: subject, bot: bot) }
}
