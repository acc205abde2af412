public import AsyncHTTPClient
import Foundation
public import Hummingbird
public import Logging

/// A local stand-in for Teams, Microsoft Graph and the Microsoft login endpoints, on loopback, with
/// the real wire protocols, limits and injectable faults.
///
/// Routes: `/login/{tenant}/oauth2/v2.0/token`, `/botframework/v1/.well-known/…`, `/graph/v1.0/…`,
/// `/teams/{region}/v3/…` (Bot Connector serviceUrls) and `/_sim/…` (inspection and test hooks).
public struct TeamsSim: Sendable {
    /// The tenant served.
    public let fixture: TenantFixture
    /// Port, speed, faults.
    public let configuration: SimConfiguration
    /// Where the simulator reads time.
    public let clock: SimClock

    /// A simulator.
    /// - Parameters:
    ///   - fixture: the tenant.
    ///   - configuration: port, speed, faults.
    ///   - clock: where time is read (the system's clocks by default).
    public init(fixture: TenantFixture, configuration: SimConfiguration = SimConfiguration(), clock: SimClock = .system) {
        self.fixture = fixture
        self.configuration = configuration
        self.clock = clock
    }

    /// Builds the Hummingbird application (for `.router` tests and for ``run(httpClient:logger:onStart:)``).
    /// - Parameters:
    ///   - httpClient: the client that posts install activities to the bot.
    ///   - logger: where the simulator logs.
    ///   - onStart: called with the endpoints once the server listens.
    /// - Throws: ``SimStartupError`` when the fixture or configuration cannot be served.
    public func application(
        httpClient: HTTPClient, logger: Logger = Logger(label: "herald.sim"),
        onStart: @escaping @Sendable (SimEndpoints) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        try fixture.validate()
        try configuration.validate()
        let state = SimState(fixture: fixture, configuration: configuration, clock: clock)
        let keys = try await SimKeys(clock: clock)
        let deliveries = ActivityDeliveries(state: state, keys: keys, httpClient: httpClient, configuration: configuration, logger: logger)
        let context = SimContext(state: state, keys: keys, configuration: configuration, deliveries: deliveries)
        let router = Router()
        context.addLoginRoutes(to: router)
        context.addBotFrameworkRoutes(to: router)
        context.addGraphRoutes(to: router)
        context.addConnectorRoutes(to: router)
        context.addInspectionRoutes(to: router)
        let fixture = fixture
        return Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "herald-sim"),
            services: [deliveries],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let base = "http://127.0.0.1:\(port)"
                await state.setBaseURL(base)
                var endpoints = SimEndpoints(
                    baseURL: base, tenantId: fixture.tenantId, botAppId: fixture.botAppId, botAppSecret: fixture.botAppSecret,
                    catalogAppId: fixture.app.id, teamsAppId: fixture.app.externalId)
                endpoints.rateScale = configuration.speed > 0 ? configuration.speed : 1
                await onStart(endpoints)
            },
            logger: logger
        )
    }
}
