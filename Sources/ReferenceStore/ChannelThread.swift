public import Foundation
public import HeraldCore

/// A conversation thread Herald started in a team's channel, kept under a name so later messages reply into it
/// (posting to the channel alone starts a thread whose id the bot never learns).
public struct ChannelThread: Sendable, Equatable {
    /// The name people use for it (`herald notify --thread NAME`).
    public let name: String
    /// The tenant.
    public let tenantId: TenantID
    /// The team.
    public let team: TeamID
    /// The thread's conversation id (`19:…@thread.tacv2;messageid=…`).
    public let conversationId: ConversationID
    /// The team's Connector.
    public let serviceURL: ServiceURL
    /// When it was started.
    public let createdAt: Date

    /// A thread.
    public init(name: String, tenantId: TenantID, team: TeamID, conversationId: ConversationID, serviceURL: ServiceURL, createdAt: Date) {
        self.name = name
        self.tenantId = tenantId
        self.team = team
        self.conversationId = conversationId
        self.serviceURL = serviceURL
        self.createdAt = createdAt
    }
}
