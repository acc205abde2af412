/// A team's thread id (`19:…@thread.tacv2`, `channelData.team.id`), which is also its General channel's
/// conversation id. Not the team's Entra group id (`aadGroupId`).
public struct TeamID: Identifier {
    public let rawValue: String
    /// A team id.
    /// - Parameter rawValue: the id as written.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The General channel's conversation, whose id is the team's.
    public var generalChannel: ConversationID { ConversationID(rawValue: rawValue) }
}
