/// An app installed in a user's personal scope (`users/{id}/teamwork/installedApps`), with the app and
/// its definition when `$expand`ed.
public struct GraphTeamsAppInstallation: Codable, Sendable, Equatable {
    /// The installation id (not the app id).
    public var id: String
    /// The app, when expanded.
    public var teamsApp: GraphTeamsApp?
    /// The installed definition, when expanded.
    public var teamsAppDefinition: GraphTeamsAppDefinition?

    /// An installation.
    public init(id: String, teamsApp: GraphTeamsApp? = nil, teamsAppDefinition: GraphTeamsAppDefinition? = nil) {
        self.id = id
        self.teamsApp = teamsApp
        self.teamsAppDefinition = teamsAppDefinition
    }
}
