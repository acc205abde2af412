/// A Teams app in the organization's catalog (`appCatalogs/teamsApps`), or expanded on an installation.
public struct GraphTeamsApp: Codable, Sendable, Equatable {
    /// The catalog id (server-generated; not the manifest id).
    public var id: String
    /// The manifest id.
    public var externalId: String?
    /// The app's name.
    public var displayName: String?
    /// `organization`, `store` or `sideloaded`.
    public var distributionMethod: String?

    /// An app.
    public init(id: String, externalId: String?, displayName: String?, distributionMethod: String?) {
        self.id = id
        self.externalId = externalId
        self.displayName = displayName
        self.distributionMethod = distributionMethod
    }
}
