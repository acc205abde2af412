/// A user's Entra object id (a GUID): `aadObjectId` in activities, `id` of a Graph user. The same
/// for every app in the tenant, unlike the bot-scoped ``TeamsUserID``.
public struct AADObjectID: Identifier {
    public let rawValue: String
    /// An Entra object id.
    /// - Parameter rawValue: the GUID as written.
    public init(rawValue: String) { self.rawValue = rawValue }
}
