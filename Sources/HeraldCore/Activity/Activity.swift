/// A Bot Framework activity as Teams sends and bots post it (the fields Herald reads and writes).
public struct Activity: Codable, Sendable, Equatable {
    /// A card or file attached to a message.
    public struct Attachment: Codable, Sendable, Equatable {
        public var contentType: String
        public var content: AnyJSON?
        public var contentUrl: String?
        public var name: String?

        /// An attachment.
        public init(contentType: String, content: AnyJSON? = nil, contentUrl: String? = nil, name: String? = nil) {
            self.contentType = contentType
            self.content = content
            self.contentUrl = contentUrl
            self.name = name
        }
    }

    /// An entity (`clientInfo`, mentions…), kept as JSON.
    public typealias Entity = AnyJSON

    /// `message`, `conversationUpdate`, `installationUpdate`, `invoke`, …
    public var type: String
    public var id: String?
    public var timestamp: String?
    public var localTimestamp: String?
    public var serviceUrl: String?
    public var channelId: String?
    public var from: ChannelAccount?
    public var recipient: ChannelAccount?
    public var conversation: ConversationAccount?
    public var membersAdded: [ChannelAccount]?
    public var membersRemoved: [ChannelAccount]?
    /// `add`, `remove`, `add-upgrade`, `remove-upgrade` on `installationUpdate`.
    public var action: String?
    public var text: String?
    public var textFormat: String?
    public var locale: String?
    public var replyToId: String?
    public var attachments: [Attachment]?
    public var entities: [Entity]?
    public var channelData: TeamsChannelData?
    /// A card action's submitted data.
    public var value: AnyJSON?

    /// An activity of `type`.
    public init(type: String) { self.type = type }
}
