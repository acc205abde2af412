public import Foundation

/// The tenant the simulator serves: its people, groups, org app catalog and the bot's registration.
///
/// Made from a seed and a size (`TenantFixture.generate(seed:users:)`) or read from a JSON file.
public struct TenantFixture: Codable, Sendable, Equatable {
    /// A group and its members (user ids).
    public struct Group: Codable, Sendable, Equatable {
        public var id: String
        public var displayName: String
        public var members: [String]
    }

    /// An app in the org catalog.
    public struct CatalogApp: Codable, Sendable, Equatable {
        /// An app.
        public init(id: String, externalId: String, displayName: String, distributionMethod: String) {
            self.id = id
            self.externalId = externalId
            self.displayName = displayName
            self.distributionMethod = distributionMethod
        }

        /// The catalog id (server-generated, not the manifest id).
        public var id: String
        /// The manifest id.
        public var externalId: String
        public var displayName: String
        public var distributionMethod: String
    }

    /// The tenant id.
    public var tenantId: String
    /// The bot's Entra app id (`MicrosoftAppId`).
    public var botAppId: String
    /// The bot's client secret (`MicrosoftAppPassword`).
    public var botAppSecret: String
    /// The org catalog; the first app is Herald's.
    public var catalog: [CatalogApp]
    /// The directory.
    public var users: [User]
    /// Groups.
    public var groups: [Group]

    /// Reads a fixture from a JSON file and checks the simulator can serve it.
    /// - Parameter url: the file.
    /// - Throws: read or decode errors, or ``SimStartupError`` (an empty catalog, …).
    public init(contentsOf url: URL) throws {
        self = try JSONDecoder().decode(TenantFixture.self, from: Data(contentsOf: url))
        try validate()
    }

    /// A fixture from its parts.
    public init(tenantId: String, botAppId: String, botAppSecret: String, catalog: [CatalogApp], users: [User], groups: [Group]) {
        self.tenantId = tenantId
        self.botAppId = botAppId
        self.botAppSecret = botAppSecret
        self.catalog = catalog
        self.users = users
        self.groups = groups
    }

    /// Herald's app in the catalog: the first one (an app with empty ids when the catalog is empty,
    /// which ``validate()`` refuses before the simulator starts).
    public var app: CatalogApp { catalog.first ?? CatalogApp(id: "", externalId: "", displayName: "", distributionMethod: "organization") }
}
