public import Foundation

/// One sighting of a conversation reference (an install activity, a message, a Graph chat lookup),
/// applied to the store idempotently and in any order: the newest observation's serviceUrl wins, and
/// the capture time stays the first one's.
public struct ReferenceObservation: Sendable, Equatable {
    public var tenantId: String
    public var subjectId: String
    public var botId: String
    public var kind: ConversationReferenceRecord.Kind
    public var conversationId: String
    public var serviceUrl: String
    public var userId: String?
    public var channelId: String
    public var conversationType: String
    public var source: ConversationReferenceRecord.Source
    /// When the observed event happened (the activity's timestamp).
    public var observedAt: Date

    /// An observation.
    public init(tenantId: String, subjectId: String, botId: String, kind: ConversationReferenceRecord.Kind, conversationId: String, serviceUrl: String,
                userId: String?, channelId: String = "msteams", conversationType: String, source: ConversationReferenceRecord.Source = .activity, observedAt: Date) {
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
        self.observedAt = observedAt
    }
}

/// The key of a reference: (tenant, subject, bot).
public struct ReferenceKey: Sendable, Hashable {
    public var tenantId: String
    public var subjectId: String
    public var botId: String

    /// A key.
    public init(tenantId: String, subjectId: String, botId: String) {
        self.tenantId = tenantId
        self.subjectId = subjectId
        self.botId = botId
    }
}
