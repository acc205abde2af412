public import HeraldCore

/// A conversation the simulator knows: a user's personal chat with the bot, or one a bot created.
public struct SimConversation: Sendable, Equatable {
    /// The conversation id (for a personal chat, also the Graph chat id of the installation).
    public let id: String
    /// The user (Entra object id) for a personal chat.
    public let userId: String?
    /// Its members as the roster calls return them.
    public let members: [TeamsChannelAccount]
}

/// A message a bot delivered, as `/_sim/messages` reports it.
public struct DeliveredMessage: Codable, Sendable, Equatable {
    /// The id the Connector answered with.
    public let activityId: String
    /// The conversation it went to.
    public let conversationId: String
    /// The user it reached, when a personal chat.
    public let userId: String?
    /// The activity as posted.
    public let activity: Activity
    /// Seconds since the simulator started.
    public let at: Double
}

/// An app installed for a user.
public struct SimInstallation: Sendable, Equatable {
    /// The installation id (not the app id).
    public let id: String
    /// The catalog app id.
    public let teamsAppId: String
    /// The user.
    public let userId: String
    /// The personal chat's id.
    public let chatId: String
}
