/// One version of a Teams app's definition (`teamsAppDefinition`).
public struct GraphTeamsAppDefinition: Codable, Sendable, Equatable {
    /// The definition's id.
    public var id: String
    /// The catalog app it belongs to.
    public var teamsAppId: String?
    /// The name in this version.
    public var displayName: String?
    /// The manifest version.
    public var version: String?

    /// A definition.
    public init(id: String, teamsAppId: String?, displayName: String?, version: String?) {
        self.id = id
        self.teamsAppId = teamsAppId
        self.displayName = displayName
        self.version = version
    }
}
