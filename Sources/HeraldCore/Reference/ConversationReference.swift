public import Foundation

/// Everything needed to message someone later: a user's personal chat with the bot, or a team's
/// General channel. One value for the whole flow: the listener makes it from an activity, provisioning
/// from a Graph installation's chat, the store keeps it, the messenger posts with it.
public struct ConversationReference: Sendable, Equatable, Hashable, Codable {
    /// How it was learned.
    public enum Source: String, Sendable, Codable, CaseIterable {
        /// From a verified activity Teams sent.
        case activity
        /// From Graph (an installation's chat) or the Connector, before any activity arrived.
        case graph
    }

    /// The tenant.
    public var tenantId: TenantID
    /// Who it reaches: a user (by Entra object id) or a team.
    public var subject: ReferenceSubject
    /// The bot (`28:<app id>`).
    public var bot: BotID
    /// The conversation to post to.
    public var conversationId: ConversationID
    /// The Connector that serves it.
    public var serviceURL: ServiceURL
    /// The user's bot-scoped id (`29:…`), for a personal chat when known.
    public var teamsUserId: TeamsUserID?
    /// The channel (`msteams`).
    public var channelId: String
    /// `personal` or `channel`.
    public var conversationType: String
    /// How it was learned.
    public var source: Source
    /// When the event it was learned from happened (an activity's timestamp).
    public var observedAt: Date

    /// A reference.
    /// - Parameters:
    ///   - tenantId: the tenant.
    ///   - subject: the user or team it reaches.
    ///   - bot: the bot.
    ///   - conversationId: the conversation.
    ///   - serviceURL: the Connector serving it.
    ///   - teamsUserId: the user's `29:` id, when known.
    ///   - channelId: the channel, `msteams`.
    ///   - conversationType: `personal` or `channel`; by default from the subject.
    ///   - source: how it was learned.
    ///   - observedAt: when.
    public init(
        tenantId: TenantID, subject: ReferenceSubject, bot: BotID, conversationId: ConversationID, serviceURL: ServiceURL,
        teamsUserId: TeamsUserID? = nil, channelId: String = "msteams", conversationType: String? = nil, source: Source = .activity, observedAt: Date
    ) {
        self.tenantId = tenantId
        self.subject = subject
        self.bot = bot
        self.conversationId = conversationId
        self.serviceURL = serviceURL
        self.teamsUserId = teamsUserId
        self.channelId = channelId
        self.conversationType = conversationType ?? (subject.kind == .personal ? "personal" : "channel")
        self.source = source
        self.observedAt = observedAt
    }

    /// The key it is stored under: (tenant, subject, bot).
    public var key: ReferenceKey { ReferenceKey(tenantId: tenantId, subject: subject, bot: bot) }
}
