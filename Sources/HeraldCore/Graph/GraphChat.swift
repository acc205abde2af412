/// The chat of an installation (`GET users/{id}/teamwork/installedApps/{id}/chat`): its id is the
/// conversation id a bot sends to.
public struct GraphChat: Codable, Sendable, Equatable {
    /// `https://graph.microsoft.com/v1.0/$metadata#chats/$entity`.
    public var context: String?
    /// The chat id (`19:…@unq.gbl.spaces` for a personal chat with a bot).
    public var id: String
    /// `oneOnOne`, `group` or `meeting`.
    public var chatType: String?
    /// The tenant.
    public var tenantId: String?
    /// When it was created (ISO 8601, up to 7 fractional digits).
    public var createdDateTime: String?

    private enum CodingKeys: String, CodingKey {
        case context = "@odata.context"
        case id, chatType, tenantId, createdDateTime
    }

    /// A chat.
    public init(context: String? = nil, id: String, chatType: String? = nil, tenantId: String? = nil, createdDateTime: String? = nil) {
        self.context = context
        self.id = id
        self.chatType = chatType
        self.tenantId = tenantId
        self.createdDateTime = createdDateTime
    }
}
