import AsyncHTTPClient
import Auth
import Foundation
import Hummingbird
import Listener
import Logging
import NIOHTTP1
public import ReferenceStore
import ServiceLifecycle
public import TeamsSim

/// The simulator with a real listener behind it, in-process on loopback: the simulator's installs arrive at the
/// listener as signed activities and land in `store`, as they do with Teams and `herald listen`.
public enum ListeningSim {
    private actor Address {
        var base: String?
        func set(_ value: String) { base = value }
    }

    /// Starts a listener on `store`, then a simulator that posts its activities there; runs `body`; stops both.
    /// - Parameters:
    ///   - fixture: the tenant.
    ///   - configuration: the simulator's configuration (its bot endpoint is replaced by the listener's).
    ///   - store: where the listener keeps references.
    ///   - body: the test.
    public static func with<Value: Sendable>(
        fixture: TenantFixture, configuration: SimConfiguration, store: any Store, _ body: @escaping @Sendable (SimEndpoints) async throws -> Value
    ) async throws -> Value {
        let address = Address()
        let validator = ChannelTokenValidator(
            configuration: ChannelTokenConfiguration(
                appId: fixture.botAppId, openIDMetadataURL: URL(string: "http://sim.invalid/botframework/v1/.well-known/openidconfiguration")!)
        ) { url in
            let base = await address.base ?? ""
            let target = url.host == "sim.invalid" ? URL(string: base + url.path)! : url
            var request = HTTPClientRequest(url: target.absoluteString)
            request.method = .GET
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            return Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        }
        var quiet = Logger(label: "herald.listen.test")
        quiet.logLevel = .warning
        let listener = BotListener(configuration: .init(appId: fixture.botAppId), validator: validator, store: store, logger: quiet)
        let (ports, portSignal) = AsyncStream.makeStream(of: Int.self)
        let app = listener.application(port: 0) { port in
            portSignal.yield(port)
            portSignal.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: quiet))
        return try await withThrowingTaskGroup(of: Value?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            var port = 0
            for await value in ports { port = value }
            var configuration = configuration
            configuration.botEndpoint = URL(string: "http://127.0.0.1:\(port)/api/messages")!
            let value = try await SimLauncher.withSim(fixture: fixture, configuration: configuration) { endpoints in
                await address.set(endpoints.baseURL)
                return try await body(endpoints)
            }
            await group.triggerGracefulShutdown()
            for try await _ in tasks {}
            return value
        }
    }
}
