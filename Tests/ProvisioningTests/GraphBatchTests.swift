import AsyncHTTPClient
import Auth
import Foundation
import GraphAPI
import HeraldCore
import HeraldTesting
import NIOCore
import Provisioning
import TeamsSim
import Testing
import Transport

/// JSON batching against the simulator: user principal names resolved twenty to a `POST /$batch`, and throttled
/// items sent again on their own, counted by the sim.
@Suite("Graph $batch")
struct GraphBatchTests {
    static func graph(_ endpoints: SimEndpoints, budgets: GraphBudgets) -> GraphClient {
        let clock = SystemClock()
        let transport = Transport(
            executor: AsyncHTTPClientExecutor(client: .shared), clock: clock,
            configuration: .init(timeout: .seconds(10), retry: RetryPolicy(maximumAttempts: 8, backoff: Backoff(base: .milliseconds(20)))))
        let tokens = ClientCredentialsTokenProvider(
            configuration: .init(
                loginURL: endpoints.loginURL, tenantId: endpoints.tenantId, clientId: endpoints.botAppId,
                clientSecret: ClientSecret(endpoints.botAppSecret), scope: ClientCredentialsTokenProvider.Configuration.graphScope),
            transport: transport, clock: clock)
        return GraphClient(baseURL: endpoints.graphURL, transport: transport, tokens: tokens, budgets: budgets, clock: clock)
    }

    static func routes(_ endpoints: SimEndpoints) async throws -> [String: Int] {
        let body = try await HTTPClient.shared.execute(HTTPClientRequest(url: endpoints.inspectionURL + "/counters"), timeout: .seconds(10))
            .body.collect(upTo: 1 << 20)
        let counters = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
        return try #require(counters["routes"] as? [String: Int])
    }

    @Test("a CSV's user principal names are resolved twenty to a batch; guests are skipped, unknown names reported")
    func principalNames() async throws {
        let fixture = TenantFixture.generate(seed: 5, users: 50)
        try await SimLauncher.withSim(fixture: fixture, configuration: SimConfiguration(speed: 10)) { endpoints in
            let clock = SystemClock()
            let graph = Self.graph(endpoints, budgets: GraphBudgets(scale: 10, clock: clock))
            let unknown = ["nobody.at.all@contoso.example", "o'brien.missing@contoso.example"]
            let csv = "userPrincipalName\n" + (fixture.users.map(\.userPrincipalName) + unknown).joined(separator: "\n")
            let targets = try await ProvisionTargets(.userList(UserList(csv: csv)), graph: graph)

            let guests = fixture.users.filter(\.isGuest)
            #expect(!guests.isEmpty, "the fixture has guests, whose names hold #EXT#")
            #expect(Set(targets.people) == Set(fixture.users.filter { !$0.isGuest }.map { AADObjectID($0.id) }))
            #expect(Set(targets.skipped.map(\.0)) == Set(guests.map { AADObjectID($0.id) }))
            #expect(targets.skipped.allSatisfy { $0.1 == .guest })
            #expect(targets.unknown == unknown)
            let routes = try await Self.routes(endpoints)
            #expect(routes["POST /$batch"] == 3, "52 names in batches of 20: \(routes)")
            #expect(routes["GET /users/{id}"] == 52, "each item counts under its own route: \(routes)")
        }
    }

    @Test("items throttled inside a batch pause the budget and are sent again on their own until every one is answered")
    func throttledItems() async throws {
        let fixture = TenantFixture.generate(seed: 6, users: 120)
        // At the sim's own speed its installedApps window is a second long, so the second batch of twenty items is
        // always inside the first one's window, however loaded the machine is.
        try await SimLauncher.withSim(fixture: fixture, configuration: SimConfiguration(speed: 1)) { endpoints in
            let clock = SystemClock()
            // A budget forty times the sim's installedApps limit, so the sim answers some items 429.
            let budget = RequestBudget(name: "too-fast", limit: 1200, window: .seconds(1), clock: clock)
            let graph = Self.graph(endpoints, budgets: GraphBudgets(scale: 1, clock: clock))
            let paths = fixture.users.map { "/users/\($0.id)/teamwork/installedApps?$expand=teamsAppDefinition" }
            let answers = try await graph.batchGet(paths, budget: budget, operation: "test.installations")

            #expect(answers.count == paths.count)
            #expect(answers.allSatisfy { $0.status == 200 || $0.status == 403 }, "\(Set(answers.map(\.status)))")
            let throttles = await budget.throttles
            #expect(throttles > 0, "the sim throttled some items")
            let routes = try await Self.routes(endpoints)
            let reads = routes["GET /users/{id}/teamwork/installedApps", default: 0]
            #expect(reads > paths.count, "throttled items were sent again: \(reads) reads for \(paths.count) people")
            #expect(reads == paths.count + throttles, "only throttled items were sent again: \(reads) reads, \(throttles) throttles")
        }
    }
}
