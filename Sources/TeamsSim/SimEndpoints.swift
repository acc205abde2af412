import Foundation

/// Where a running simulator answers, and the credentials it accepts: what `herald sim` prints and
/// writes as an env file in the variable names Herald's other commands read.
public struct SimEndpoints: Sendable, Equatable {
    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    /// The tenant.
    public let tenantId: String
    /// The bot's app id (`MicrosoftAppId`).
    public let botAppId: String
    /// The bot's secret (`MicrosoftAppPassword`); a simulator secret, never a real one.
    public let botAppSecret: String
    /// Herald's app in the org catalog: its catalog id and its manifest id.
    public let catalogAppId: String
    public let teamsAppId: String
    /// How much faster the simulator's clock runs (`--speed`): its limits count in windows this much shorter.
    public var rateScale: Double = 1

    public var loginURL: String { baseURL + "/login" }
    public var graphURL: String { baseURL + "/graph/v1.0" }
    public var openIDMetadataURL: String { baseURL + "/botframework/v1/.well-known/openidconfiguration" }
    public var serviceURL: String { baseURL + "/teams/amer/" }
    public var inspectionURL: String { baseURL + "/_sim" }

    /// The env file `herald sim --env-out` writes (DESIGN.md's configuration names).
    public var envFile: String {
        let host = baseURL.replacingOccurrences(of: "http://", with: "")
        return [
            "# Written by `herald sim`: Herald's commands pointed at the local Teams simulator.",
            "MicrosoftAppId=\(botAppId)",
            "MicrosoftAppPassword=\(botAppSecret)",
            "MicrosoftAppTenantId=\(tenantId)",
            "HERALD_TEAMS_APP_ID=\(teamsAppId)",
            "HERALD_CATALOG_APP_ID=\(catalogAppId)",
            "HERALD_GRAPH_URL=\(graphURL)",
            "HERALD_LOGIN_URL=\(loginURL)",
            "HERALD_OPENID_METADATA_URL=\(openIDMetadataURL)",
            "HERALD_TRUSTED_SERVICE_HOSTS=\(host)",
            "HERALD_SERVICE_URL=\(serviceURL)",
            "HERALD_RATE_SCALE=\(rateScale)",
            "",
        ].joined(separator: "\n")
    }
}
