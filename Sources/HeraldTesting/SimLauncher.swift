import AsyncHTTPClient
import Logging
import ServiceLifecycle
public import TeamsSim

/// Runs `herald sim` in-process on a free loopback port for the duration of a test.
public enum SimLauncher {
    /// Starts a simulator, runs `body` with its endpoints, then stops it.
    /// - Parameters:
    ///   - fixture: the tenant.
    ///   - configuration: the simulator's configuration (its port is replaced by a free one).
    ///   - body: the test.
    public static func withSim<Value: Sendable>(
        fixture: TenantFixture, configuration: SimConfiguration,
        _ body: @escaping @Sendable (SimEndpoints) async throws -> Value
    ) async throws -> Value {
        var configuration = configuration
        configuration.port = 0
        let (started, signal) = AsyncStream.makeStream(of: SimEndpoints.self)
        let app = try await TeamsSim(fixture: fixture, configuration: configuration).application(httpClient: .shared) { endpoints in
            signal.yield(endpoints)
            signal.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "herald.sim.test")))
        return try await withThrowingTaskGroup(of: Value?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            var endpoints: SimEndpoints?
            for await value in started { endpoints = value }
            guard let endpoints else { throw CancellationError() }
            let value = try await body(endpoints)
            await group.triggerGracefulShutdown()
            for try await _ in tasks {}
            return value
        }
    }
}
