import AsyncHTTPClient
import Auth
import BotConnector
import Foundation
import GraphAPI
import HeraldCore
import HeraldTesting
import Logging
import ManifestKit
import Messenger
import NIOCore
import Provisioning
import ReferenceStore
import TeamsSim
import Testing
import Transport

/// A tenant provisioned against the simulator (so each person's reference comes from their install activity, as in
/// production), then waves sent to it.
enum WaveHarness {
    static func tokens(_ endpoints: SimEndpoints, _ scope: String, _ transport: Transport) -> ClientCredentialsTokenProvider {
        ClientCredentialsTokenProvider(
            configuration: .init(
                loginURL: endpoints.loginURL, tenantId: endpoints.tenantId, clientId: endpoints.botAppId,
                clientSecret: ClientSecret(endpoints.botAppSecret), scope: scope), transport: transport, clock: SystemClock())
    }

    static func connector(_ endpoints: SimEndpoints, speed: Double) -> ConnectorClient {
        let clock = SystemClock()
        let transport = Transport(
            executor: AsyncHTTPClientExecutor(client: .shared), clock: clock,
            configuration: .init(timeout: .seconds(10), retry: .connector(backoff: Backoff(base: .milliseconds(20), cap: .seconds(1)))))
        return ConnectorClient(
            transport: transport, tokens: tokens(endpoints, ClientCredentialsTokenProvider.Configuration.botFrameworkScope, transport),
            budget: RequestBudget(name: "connector", limit: 50 * speed, window: .seconds(1 / speed), clock: clock), clock: clock)
    }

    /// Installs the app for `users` and waits for their references.
    static func provision(_ endpoints: SimEndpoints, store: any HeraldStore, users: [AADObjectID], speed: Double) async throws {
        let clock = SystemClock()
        let transport = Transport(executor: AsyncHTTPClientExecutor(client: .shared), clock: clock)
        let graph = GraphClient(
            baseURL: endpoints.graphURL, transport: transport,
            tokens: tokens(endpoints, ClientCredentialsTokenProvider.Configuration.graphScope, transport),
            budgets: GraphBudgets(scale: speed, clock: clock), clock: clock)
        let provisioner = Provisioner(
            configuration: ProvisioningConfiguration(
                batch: "setup", worker: "setup", tenantId: TenantID(endpoints.tenantId), catalogAppId: endpoints.catalogAppId,
                bot: BotID(appId: endpoints.botAppId), defaultServiceURL: ServiceURL(endpoints.serviceURL), concurrency: 32,
                referenceTimeout: .seconds(10), referencePollInterval: .milliseconds(20)),
            store: store, graph: graph, connector: connector(endpoints, speed: speed), clock: clock)
        try await provisioner.enqueue(users)
        _ = try await provisioner.run()
    }

    static let card = """
        {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Welcome, ${name}, to ${app.name}!"}],
         "actions": [{"type": "Action.Submit", "title": "Stop messages", "data": {"herald": "opt-out"}}]}
        """

    static func wave(
        _ endpoints: SimEndpoints, store: any HeraldStore, wave: String, worker: String = "test", speed: Double, card: String = WaveHarness.card,
        baseData: String = #"{"app": {"name": "Herald"}, "name": "there"}"#,
        progress: @escaping @Sendable (Delivery, DeliveryState) -> Void = { _, _ in }
    ) throws -> Wave {
        Wave(
            configuration: WaveConfiguration(
                wave: wave, worker: worker, tenantId: TenantID(endpoints.tenantId), bot: BotID(appId: endpoints.botAppId),
                trustedHosts: TrustedServiceHosts([endpoints.baseURL.replacingOccurrences(of: "http://", with: "")]),
                defaultServiceURL: ServiceURL(endpoints.serviceURL), concurrency: 16, lease: .seconds(30)),
            store: store, connector: connector(endpoints, speed: speed), card: try CardTemplate(data: Data(card.utf8)),
            baseData: try JSONDocument(data: Data(baseData.utf8)).root,
            conversations: ConversationBudget(windows: ConversationBudget.teams(scale: speed), clock: SystemClock()), clock: SystemClock(),
            logger: Logger(label: "test.wave"), progress: progress)
    }

    /// `/_sim/messages`: the messages the sim recorded, by user.
    static func messagesByUser(_ endpoints: SimEndpoints) async throws -> [String: Int] {
        let body = try await HTTPClient.shared.execute(HTTPClientRequest(url: endpoints.inspectionURL + "/messages"), timeout: .seconds(30))
            .body.collect(upTo: 64 << 20)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
        var counts: [String: Int] = [:]
        for message in object["messages"] as? [[String: Any]] ?? [] {
            if let user = message["userId"] as? String { counts[user.lowercased(), default: 0] += 1 }
        }
        return counts
    }

    /// `/_sim/counters`.
    static func counters(_ endpoints: SimEndpoints) async throws -> [String: Any] {
        let body = try await HTTPClient.shared.execute(HTTPClientRequest(url: endpoints.inspectionURL + "/counters"), timeout: .seconds(10))
            .body.collect(upTo: 1 << 20)
        return try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }
}
