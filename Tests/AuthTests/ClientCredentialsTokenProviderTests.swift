import AsyncHTTPClient
import Auth
import Foundation
import HeraldCore
import HeraldTesting
import Logging
import TeamsSim
import Testing
import Transport

/// The outbound token provider against the simulator's identity endpoint on loopback.
@Suite("ClientCredentialsTokenProvider")
struct ClientCredentialsTokenProviderTests {
    private static func provider(
        _ endpoints: SimEndpoints, secret: String, clock: any HeraldClock, logs: LogCapture? = nil
    ) -> ClientCredentialsTokenProvider {
        let transport = Transport(
            executor: AsyncHTTPClientExecutor(client: .shared), clock: clock,
            configuration: .init(timeout: .seconds(5), retry: RetryPolicy(maximumAttempts: 2)), logger: logs?.logger ?? Logger(label: "test"))
        return ClientCredentialsTokenProvider(
            configuration: .init(
                loginURL: endpoints.loginURL, tenantId: endpoints.tenantId, clientId: endpoints.botAppId, clientSecret: ClientSecret(secret),
                scope: ClientCredentialsTokenProvider.Configuration.graphScope),
            transport: transport, clock: clock)
    }

    @Test("a token is fetched once, shared by concurrent callers, cached, and replaced before it expires or once a service refused it")
    func caching() async throws {
        let fixture = TenantFixture.generate(seed: 5, users: 3)
        try await SimLauncher.withSim(fixture: fixture, configuration: SimConfiguration()) { endpoints in
            let clock = ManualClock(Date())
            let provider = Self.provider(endpoints, secret: endpoints.botAppSecret, clock: clock)
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<16 { group.addTask { try await provider.token() } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens.count == 1)
            #expect(await provider.requests == 1)
            let first = try #require(tokens.first)
            #expect(first.split(separator: ".").count == 3, "a JWT")
            clock.advance(by: 3_000)
            #expect(try await provider.token() == first, "still 10 minutes from expiry")
            clock.advance(by: 400)
            _ = try await provider.token()
            #expect(await provider.requests == 2, "inside the five-minute margin it is replaced")
            let current = try await provider.token()
            await provider.refused("an older token")
            #expect(try await provider.token() == current)
            await provider.refused(current)
            _ = try await provider.token()
            #expect(await provider.requests == 3)
        }
    }

    @Test("a wrong secret is a clear error that never shows the secret, in its message or in the logs")
    func wrongSecret() async throws {
        let fixture = TenantFixture.generate(seed: 5, users: 3)
        try await SimLauncher.withSim(fixture: fixture, configuration: SimConfiguration()) { endpoints in
            let secret = "Wr0ng+Secret&With=Specials~" + UUID().uuidString
            let logs = LogCapture()
            let provider = Self.provider(endpoints, secret: secret, clock: SystemClock(), logs: logs)
            do {
                _ = try await provider.token()
                Issue.record("no error")
            } catch let error as TokenRequestError {
                #expect(error.serviceErrorCode == "invalid_client")
                #expect(error.httpStatus == 401)
                #expect(error.hint?.contains("MicrosoftAppPassword") == true)
                #expect(!String(describing: error).contains(secret))
                #expect(!String(reflecting: error).contains(secret))
            }
            #expect(!logs.records.contains { "\($0.message) \($0.metadata)".contains(secret) })
            #expect(String(describing: ClientSecret(secret)) == "***")
        }
    }
}
