/// A user's id as one bot sees it (`29:…`): `from.id` of the user's activities. Another bot sees the
/// same person under another id; the Entra object id (``AADObjectID``) is the stable one.
public struct TeamsUserID: Identifier {
    public let rawValue: String
    /// A bot-scoped user id.
    /// - Parameter rawValue: the `29:…` id as written.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Whether the id has the `29:` prefix Teams gives user accounts.
    public var isWellFormed: Bool { rawValue.hasPrefix("29:") && rawValue.count > 3 }
}
