/// A user or bot in a conversation (`from`, `recipient`, `membersAdded[]`).
public struct ChannelAccount: Codable, Sendable, Equatable, Hashable {
    /// `29:…` for a user (unique per bot), `28:<app id>` for a bot.
    public var id: String
    /// The display name.
    public var name: String?
    /// The user's Entra object id.
    public var aadObjectId: String?
    /// `user` or `bot`.
    public var role: String?

    /// An account.
    public init(id: String, name: String? = nil, aadObjectId: String? = nil, role: String? = nil) {
        self.id = id
        self.name = name
        self.aadObjectId = aadObjectId
        self.role = role
    }
}

/// A Teams roster entry as the Connector's members calls return it (both `objectId` and `aadObjectId`).
public struct TeamsChannelAccount: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var aadObjectId: String?
    public var objectId: String?
    public var givenName: String?
    public var surname: String?
    public var email: String?
    public var userPrincipalName: String?
    public var tenantId: String?
    public var userRole: String?

    /// A roster entry.
    public init(
        id: String, name: String?, aadObjectId: String?, givenName: String?, surname: String?, email: String?, userPrincipalName: String?,
        tenantId: String?, userRole: String? = "user"
    ) {
        self.id = id
        self.name = name
        self.aadObjectId = aadObjectId
        self.objectId = aadObjectId
        self.givenName = givenName
        self.surname = surname
        self.email = email
        self.userPrincipalName = userPrincipalName
        self.tenantId = tenantId
        self.userRole = userRole
    }
}
