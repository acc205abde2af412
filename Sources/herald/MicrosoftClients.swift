import AsyncHTTPClient
import Auth
import BotConnector
import GraphAPI
import HeraldCore
import Logging
import Transport

/// Graph and the Bot Connector as the settings describe them (a real tenant, or `herald sim` through its env file):
/// one transport each, client-credentials tokens for each audience, and the tenant's budgets (scaled by
/// `HERALD_RATE_SCALE`, which `herald sim --speed N` writes).
struct MicrosoftClients {
    let appId: String
    let tenantId: String
    let graph: GraphClient
    let connector: ConnectorClient
    /// How much faster the service's clock runs (the simulator's `--speed`).
    let scale: Double
    /// Graph's installedApps limit, requests per second (before scaling).
    let installsPerSecond: Double

    init(settings: Settings, client: HTTPClient, clock: any HeraldClock, logger: Logger) throws {
        appId = try settings.required("MicrosoftAppId", "the bot's app id")
        tenantId = try settings.required("MicrosoftAppTenantId", "the tenant id")
        let botSecret = try settings.required("MicrosoftAppPassword", "the bot's client secret")
        let login = settings.value("HERALD_LOGIN_URL") ?? "https://login.microsoftonline.com"
        scale = Double(settings.value("HERALD_RATE_SCALE") ?? "") ?? 1
        installsPerSecond = Double(settings.value("HERALD_GRAPH_INSTALLS_PER_SECOND") ?? "") ?? 30
        // Back-off waits, like the limits, are on the service's clock: a simulator at --speed 10 gets a tenth of them,
        // but no less than 50 ms and 2 s (a stall of this machine or its network does not run faster).
        let backoff = Backoff(
            base: max(.milliseconds(50), .milliseconds(200) / max(scale, 0.001)), cap: max(.seconds(2), .seconds(20) / max(scale, 0.001)))
        let transport = Transport(
            executor: AsyncHTTPClientExecutor(client: client), clock: clock, configuration: .init(retry: RetryPolicy(backoff: backoff)),
            logger: logger)
        let graphTokens = ClientCredentialsTokenProvider(
            configuration: .init(
                loginURL: login, tenantId: tenantId, clientId: settings.value("HERALD_GRAPH_CLIENT_ID") ?? appId,
                clientSecret: ClientSecret(settings.value("HERALD_GRAPH_CLIENT_SECRET") ?? botSecret),
                scope: ClientCredentialsTokenProvider.Configuration.graphScope),
            transport: transport, clock: clock)
        graph = GraphClient(
            baseURL: settings.value("HERALD_GRAPH_URL") ?? "https://graph.microsoft.com/v1.0", transport: transport, tokens: graphTokens,
            budgets: GraphBudgets(installsPerSecond: installsPerSecond, scale: scale, clock: clock), clock: clock)
        let connectorTransport = Transport(
            executor: AsyncHTTPClientExecutor(client: client), clock: clock, configuration: .init(retry: .connector(backoff: backoff)),
            logger: logger)
        let botTokens = ClientCredentialsTokenProvider(
            configuration: .init(
                loginURL: login, tenantId: tenantId, clientId: appId, clientSecret: ClientSecret(botSecret),
                scope: ClientCredentialsTokenProvider.Configuration.botFrameworkScope),
            transport: connectorTransport, clock: clock)
        connector = ConnectorClient(
            transport: connectorTransport, tokens: botTokens,
            budget: RequestBudget(
                name: "connector", limit: (Double(settings.value("HERALD_CONNECTOR_PER_SECOND") ?? "") ?? 50) * scale,
                window: .seconds(1 / max(scale, 0.001)), headroom: Double(settings.value("HERALD_CONNECTOR_HEADROOM") ?? "") ?? 0.995, clock: clock),
            clock: clock)
    }
}
