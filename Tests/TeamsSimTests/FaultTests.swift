import AsyncHTTPClient
import Foundation
import HTTPTypes
import HeraldCore
import HummingbirdTesting
import TeamsSim
import Testing

@Suite("TeamsSim faults")
struct FaultTests {
    private static func faulty(
        graph: Double = 0, connector: Double = 0, login: Double = 0, resets: Double = 0, slow: Double = 0, seed: UInt64 = 11
    ) -> SimHarness {
        SimHarness(
            configuration: SimConfiguration(
                port: 0, seed: seed,
                faults: .init(
                    login: .init(serverErrors: login),
                    graph: .init(serverErrors: graph, connectionResets: resets, slowRequests: slow, latency: .milliseconds(60)),
                    connector: .init(serverErrors: connector, connectionResets: resets))))
    }

    @Test("Graph faults answer 500/502/503/504 in Graph's error shape, and are counted")
    func graphFaults() async throws {
        try await Self.faulty(graph: 1).test { sim in
            var statuses = Set<Int>()
            for _ in 0..<40 {
                let reply = try await sim.graph(.get, "/users?$top=1")
                statuses.insert(reply.status)
                #expect(reply.json?["error"]?["code"] != nil)
            }
            #expect(statuses == [500, 502, 503, 504])
            guard case .object(let faults)? = try await sim.request(.get, "/_sim/counters").json?["faults"] else {
                Issue.record("no counters")
                return
            }
            var total = 0
            for value in faults.values { if case .number(let count) = value { total += Int(count) } }
            #expect(total == 40)
        }
    }

    @Test("Connector faults include 412, in the Connector's error shape")
    func connectorFaults() async throws {
        try await Self.faulty(connector: 1).test { sim in
            var statuses = Set<Int>()
            for _ in 0..<60 { statuses.insert(try await sim.connector(.get, "/conversations/x/members").status) }
            #expect(statuses == [500, 502, 503, 504, 412])
        }
    }

    @Test("the same seed injects the same faults in the same order")
    func reproducible() async throws {
        @Sendable func run(seed: UInt64) async throws -> [Int] {
            try await Self.faulty(graph: 0.5, seed: seed).test { sim in
                var statuses: [Int] = []
                for _ in 0..<30 { statuses.append(try await sim.graph(.get, "/users?$top=1").status) }
                return statuses
            }
        }
        let first = try await run(seed: 5), second = try await run(seed: 5), other = try await run(seed: 6)
        #expect(first == second)
        #expect(first != other)
        #expect(first.contains(200) && first.contains { $0 >= 500 })
    }

    @Test("login faults answer 500 or 503")
    func loginFaults() async throws {
        try await Self.faulty(login: 1).test { sim in
            let reply = try await sim.request(.post, "/login/\(sim.fixture.tenantId)/oauth2/v2.0/token", form: "grant_type=client_credentials")
            #expect([500, 503].contains(reply.status))
        }
    }

    @Test("a reset fault drops the connection without a complete answer")
    func resets() async throws {
        try await Self.faulty(resets: 1).test(.live) { sim in
            let token = try await sim.token(for: "https://graph.microsoft.com")
            await #expect(throws: (any Error).self) {
                let reply = try await sim.request(.get, "/graph/v1.0/users", token: token)
                Issue.record("expected a dropped connection, got \(reply.status)")
            }
        }
    }

    @Test("slow faults add the configured latency")
    func latency() async throws {
        try await Self.faulty(slow: 1).test { sim in
            let token = try await sim.token(for: "https://graph.microsoft.com")
            let clock = ContinuousClock()
            let started = clock.now
            #expect(try await sim.request(.get, "/graph/v1.0/users?$top=1", token: token).status == 200)
            #expect(clock.now - started >= .milliseconds(60))
        }
    }
}
