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
            tenantId: subject.tenantId, subject: subject.subject, bot: bot, conversationId: subject.conversationId, serviceURL: ServiceURL(rawValue: serviceUrl),
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
        guard let tenantId = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id, let conversation = activity.conversation else { return nil }
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

/// Activity timestamps, which may carry up to 7 fractional digits (`2022-10-28T17:19:39.4615413Z`)
/// and an offset (`…+02:00`). Parsed by hand: formatter objects cost more than the rest of a request.
enum ActivityTimestamp {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2), let minute = number(14, 2),
              let second = number(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"), let hours = number(index + 1, 2), let minutes = number(index + 4, 2) else { return nil }
            offset = (hours * 3_600 + minutes * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
