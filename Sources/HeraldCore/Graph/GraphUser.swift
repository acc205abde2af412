/// A user as `GET /users` returns one (the fields Herald selects).
public struct GraphUser: Codable, Sendable, Equatable {
    /// The Entra object id.
    public var id: String
    /// The display name.
    public var displayName: String?
    /// The sign-in name.
    public var userPrincipalName: String?
    /// The mail address.
    public var mail: String?
    /// The given name.
    public var givenName: String?
    /// The surname.
    public var surname: String?
    /// `Member` or `Guest` (when selected).
    public var userType: String?
    /// Whether the account can sign in (when selected).
    public var accountEnabled: Bool?

    /// A user.
    public init(
        id: String, displayName: String? = nil, userPrincipalName: String? = nil, mail: String? = nil, givenName: String? = nil,
        surname: String? = nil, userType: String? = nil, accountEnabled: Bool? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.userPrincipalName = userPrincipalName
        self.mail = mail
        self.givenName = givenName
        self.surname = surname
        self.userType = userType
        self.accountEnabled = accountEnabled
    }
}
