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

    /// A user.
    public init(
        id: String, displayName: String? = nil, userPrincipalName: String? = nil, mail: String? = nil, givenName: String? = nil,
        surname: String? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.userPrincipalName = userPrincipalName
        self.mail = mail
        self.givenName = givenName
        self.surname = surname
    }
}
