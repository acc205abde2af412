public import Foundation

/// A stored conversation reference: everything needed to message a user (or a team's General channel)
/// later, with where it came from and whether it still works.
public struct ConversationReferenceRecord: Sendable, Equatable, Codable {
    /// Who the reference reaches.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A user's personal chat with the bot; the subject is the user's Entra object id.
        case personal
        /// A team's General channel; the subject is the team's thread id.
        case team
    }

    /// How it was learned.
    public enum Source: String, Sendable, Codable, CaseIterable {
        /// From a verified activity Teams sent.
        case activity
        /// From Graph (an installation's chat), before any activity arrived.
        case graph
    }

    public var tenantId: String
    /// The user's Entra object id, or the team's id.
    public var subjectId: String
    /// The bot's app id.
    public var botId: String
    public var kind: Kind
    public var conversationId: String
    public var serviceUrl: String
    /// The user's bot-scoped id (`29:…`), for personal references.
    public var userId: String?
    public var channelId: String
    public var conversationType: String
    public var source: Source
    /// When Herald first captured it.
    public var capturedAt: Date
    /// The time of the newest observation applied (its serviceUrl wins).
    public var observedAt: Date
    /// False once the app was removed or the bot left.
    public var active: Bool
    /// The time of the event that last set ``active``.
    public var statusChangedAt: Date

    /// A record.
    public init(tenantId: String, subjectId: String, botId: String, kind: Kind, conversationId: String, serviceUrl: String, userId: String?,
                channelId: String, conversationType: String, source: Source, capturedAt: Date, observedAt: Date, active: Bool, statusChangedAt: Date) {
        self.tenantId = tenantId
        self.subjectId = subjectId
        self.botId = botId
        self.kind = kind
        self.conversationId = conversationId
        self.serviceUrl = serviceUrl
        self.userId = userId
        self.channelId = channelId
        self.conversationType = conversationType
        self.source = source
        self.capturedAt = capturedAt
        self.observedAt = observedAt
        self.active = active
        self.statusChangedAt = statusChangedAt
    }
}
