/// Who a conversation reference reaches.
public enum ReferenceSubject: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A user's personal chat with the bot, by the user's Entra object id.
    case user(AADObjectID)
    /// A team's General channel.
    case team(TeamID)

    /// What kind of subject this is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A user's personal chat.
        case personal
        /// A team's General channel.
        case team
    }

    /// The kind.
    public var kind: Kind {
        switch self {
        case .user: .personal
        case .team: .team
        }
    }

    /// The id as stored: the Entra object id or the team id.
    public var rawValue: String {
        switch self {
        case .user(let id): id.rawValue
        case .team(let id): id.rawValue
        }
    }

    /// A subject from its kind and stored id.
    /// - Parameters:
    ///   - kind: personal or team.
    ///   - rawValue: the stored id.
    public init(kind: Kind, rawValue: String) {
        switch kind {
        case .personal: self = .user(AADObjectID(rawValue: rawValue))
        case .team: self = .team(TeamID(rawValue: rawValue))
        }
    }

    public var description: String { "\(kind.rawValue) \(rawValue)" }

    private enum CodingKeys: String, CodingKey { case kind, id }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try container.decode(Kind.self, forKey: .kind), rawValue: try container.decode(String.self, forKey: .id))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(rawValue, forKey: .id)
    }
}
