/// A conversation id: `a:…` or `19:…@unq.gbl.spaces` for a personal chat, `19:…@thread.tacv2` for a
/// channel (a team's General channel has the team's id), `19:…@thread.v2` for a group chat.
public struct ConversationID: Identifier {
    public let rawValue: String
    /// A conversation id.
    /// - Parameter rawValue: the id as written.
    public init(rawValue: String) { self.rawValue = rawValue }
}
