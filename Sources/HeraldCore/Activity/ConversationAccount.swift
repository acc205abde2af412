/// The conversation an activity belongs to.
public struct ConversationAccount: Codable, Sendable, Equatable, Hashable {
    /// The conversation id (`a:…` or `19:…@unq.gbl.spaces` for personal chats).
    public var id: String
    /// `personal`, `groupChat` or `channel`.
    public var conversationType: String?
    /// The tenant.
    public var tenantId: String?
    /// Whether more than two parties take part.
    public var isGroup: Bool?
    /// The channel or chat name.
    public var name: String?

    /// A conversation.
    public init(id: String, conversationType: String? = nil, tenantId: String? = nil, isGroup: Bool? = nil, name: String? = nil) {
        self.id = id
        self.conversationType = conversationType
        self.tenantId = tenantId
        self.isGroup = isGroup
        self.name = name
    }
}
