import AsyncHTTPClient
import Auth
import BotConnector
import Foundation
import GraphAPI
import HeraldCore
import HeraldTesting
import Logging
import Provisioning
import ReferenceStore
import TeamsSim
import Testing
import Transport

/// A batch against the simulator with a real listener behind it: one Graph call per installed person, the
/// reference taken from the install activity, and a terminal state for everyone.
@Suite("Provisioner with TeamsSim")
struct ProvisionerTests {
    static func provisioner(
        _ endpoints: SimEndpoints, store: any HeraldStore, batch: String, referenceTimeout: Duration = .seconds(10), speed: Double
    )
        -> Provisioner
    {
        let clock = SystemClock()
        let transport = Transport(
            executor: AsyncHTTPClientExecutor(client: .shared), clock: clock,
            configuration: .init(
                timeout: .seconds(10), retry: RetryPolicy(maximumAttempts: 4, backoff: Backoff(base: .milliseconds(20), cap: .seconds(1)))))
        func tokens(_ scope: String) -> ClientCredentialsTokenProvider {
            ClientCredentialsTokenProvider(
                configuration: .init(
                    loginURL: endpoints.loginURL, tenantId: endpoints.tenantId, clientId: endpoints.botAppId,
                    clientSecret: ClientSecret(endpoints.botAppSecret),
                    scope: scope), transport: transport, clock: clock)
        }
        let graph = GraphClient(
            baseURL: endpoints.graphURL, transport: transport, tokens: tokens(ClientCredentialsTokenProvider.Configuration.graphScope),
            budgets: GraphBudgets(scale: speed, clock: clock), clock: clock)
        let connector = ConnectorClient(
            transport: Transport(executor: AsyncHTTPClientExecutor(client: .shared), clock: clock, configuration: .init(retry: .connector())),
            tokens: tokens(ClientCredentialsTokenProvider.Configuration.botFrameworkScope),
            budget: RequestBudget(name: "connector", limit: 50 * speed, window: .seconds(1 / speed), clock: clock), clock: clock)
        return Provisioner(
            configuration: ProvisioningConfiguration(
                batch: batch, worker: "test-\(UUID().uuidString.prefix(8))", tenantId: TenantID(endpoints.tenantId),
                catalogAppId: endpoints.catalogAppId,
                bot: BotID(appId: endpoints.botAppId), defaultServiceURL: ServiceURL(endpoints.serviceURL), concurrency: 16,
                referenceTimeout: referenceTimeout, referencePollInterval: .milliseconds(20)),
            store: store, graph: graph, connector: connector, clock: clock, logger: Logger(label: "test.provision"))
    }

    @Test("every person ends referenced or failed with a reason; installs take one Graph call each; a rerun changes nothing")
    func batch() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-provision-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        let fixture = TenantFixture.generate(seed: 11, users: 40)
        let blocked = Set(fixture.users.filter(\.installBlocked).map(\.id))
        try await ListeningSim.with(fixture: fixture, configuration: SimConfiguration(speed: 10), store: store) { endpoints in
            let provisioner = Self.provisioner(endpoints, store: store, batch: "b1", speed: 10)
            try await provisioner.enqueue(fixture.users.map { AADObjectID($0.id) })
            let summary = try await provisioner.run()
            #expect(summary.total == 40)
            #expect(summary.finished, "\(summary)")
            #expect(summary.states["referenced"] == 40 - blocked.count, "\(summary)")
            #expect(summary.states["failed", default: 0] == blocked.count)
            let targets = try await store.targets(batch: "b1")
            for target in targets where blocked.contains(target.user.rawValue) {
                #expect(target.state == .failed(.blockedByPolicy, status: 403), "\(target)")
            }
            for target in targets where !blocked.contains(target.user.rawValue) {
                let reference = try await store.reference(
                    ReferenceKey(tenantId: TenantID(endpoints.tenantId), subject: .user(target.user), bot: BotID(appId: endpoints.botAppId)))
                #expect(reference?.active == true, "\(target.user) has a reference")
                #expect(reference?.reference.conversationId.rawValue == "19:\(target.user.rawValue)_\(endpoints.botAppId)@unq.gbl.spaces")
            }
            let again = try await Self.provisioner(endpoints, store: store, batch: "b1", speed: 10).run()
            #expect(again == summary, "a rerun of a finished batch changes nothing")
        }
    }

    @Test("an unlicensed person fails with no_teams_license; a person who had the app already (409, no activity) is reached through the Connector")
    func tenantQuirks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-provision-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        var fixture = TenantFixture.generate(seed: 13, users: 8)
        for index in fixture.users.indices {
            fixture.users[index].installBlocked = false
            fixture.users[index].hasTeamsLicense = true
            fixture.users[index].preinstalled = false
            fixture.users[index].preinstalledReferenced = false
        }
        fixture.users[0].hasTeamsLicense = false
        fixture.users[1].preinstalled = true
        let unlicensed = AADObjectID(fixture.users[0].id), preinstalled = AADObjectID(fixture.users[1].id)
        let everyone = fixture.users.map { AADObjectID($0.id) }
        try await ListeningSim.with(fixture: fixture, configuration: SimConfiguration(speed: 10), store: store) { endpoints in
            let provisioner = Self.provisioner(endpoints, store: store, batch: "b3", referenceTimeout: .seconds(5), speed: 10)
            try await provisioner.enqueue(everyone)
            let summary = try await provisioner.run()
            #expect(summary.finished)
            let targets = try await store.targets(batch: "b3")
            #expect(targets.first { $0.user == unlicensed }?.state == .failed(.noTeamsLicense, status: 403))
            let reached = try #require(targets.first { $0.user == preinstalled })
            #expect(reached.state.name == .referenced, "\(reached)")
            #expect(summary.states["referenced"] == 7, "\(summary)")
            let reference = try await store.reference(
                ReferenceKey(tenantId: TenantID(endpoints.tenantId), subject: .user(preinstalled), bot: BotID(appId: endpoints.botAppId)))
            #expect(reference?.reference.source == .graph, "stored from the Connector's answer, not an activity")
        }
    }

    @Test("a person whose install activity never comes is reached through a fallback and stored from Graph")
    func fallback() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-provision-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        let fixture = TenantFixture.generate(seed: 12, users: 6)
        var configuration = SimConfiguration(speed: 10)
        configuration.dropRate = 1
        try await ListeningSim.with(fixture: fixture, configuration: configuration, store: store) { endpoints in
            let provisioner = Self.provisioner(endpoints, store: store, batch: "b2", referenceTimeout: .milliseconds(200), speed: 10)
            try await provisioner.enqueue(fixture.users.filter { !$0.installBlocked }.map { AADObjectID($0.id) })
            let summary = try await provisioner.run()
            #expect(summary.finished)
            #expect(summary.states["referenced"] == summary.total, "\(summary)")
            let references = try await store.references(tenantId: TenantID(endpoints.tenantId))
            #expect(references.allSatisfy { $0.reference.source == .graph })
        }
    }
}
