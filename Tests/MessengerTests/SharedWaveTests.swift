import Foundation
import HeraldCore
import HeraldTesting
import Messenger
import PostgresNIO
import ReferenceStore
import Synchronization
import TeamsSim
import Testing

/// Several workers on one PostgreSQL store share a wave: each person once, and together within the tenant's budget
/// (each takes its part of it through the heartbeats in the store), so Teams answers almost nothing with 429.
@Suite("A wave shared by workers on PostgreSQL")
struct SharedWaveTests {
    /// A migrated, empty PostgreSQL store on the test server, removed afterwards.
    static func withPostgres(_ body: @Sendable (any HeraldStore) async throws -> Void) async throws {
        guard let url = ProcessInfo.processInfo.environment["HERALD_TEST_POSTGRES_URL"], case .postgres(let admin) = try StoreLocation(url) else {
            Issue.record("HERALD_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a PostgreSQL cluster")
            return
        }
        let database = "herald_wave_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await PostgresStore.withStore(admin) { server in
            _ = try await server.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
        }
        var configuration = admin
        configuration.database = database
        do {
            try await PostgresStore.withStore(configuration) { store in
                try await store.migrate()
                try await body(store)
            }
        } catch {
            try? await PostgresStore.withStore(admin) { server in
                _ = try await server.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(database) WITH (FORCE)"))
            }
            throw error
        }
        try await PostgresStore.withStore(admin) { server in
            _ = try await server.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(database) WITH (FORCE)"))
        }
    }

    @Test("two, then four workers share a wave: nobody twice, everyone reached, under 1% of sends answered 429", arguments: [2, 4])
    func shared(_ workers: Int) async throws {
        try await Self.withPostgres { store in
            let fixture = TenantFixture.generate(seed: 40 + UInt64(workers), users: 1200)
            let members = fixture.users.filter { !$0.isGuest && !$0.installBlocked && $0.hasTeamsLicense && !$0.blockedBot }.map {
                AADObjectID($0.id)
            }
            try await ListeningSim.with(fixture: fixture, configuration: SimConfiguration(speed: 10), store: store) { endpoints in
                try await WaveHarness.provision(endpoints, store: store, users: members, speed: 10)
                let tenant = TenantID(endpoints.tenantId)
                try await store.createWave(id: "shared", name: "shared", cardTemplate: WaveHarness.card, at: Date())
                try await store.enqueueDeliveries(wave: "shared", tenantId: tenant, users: members, at: Date())
                let before = try await WaveHarness.counters(endpoints)
                let handled = try await withThrowingTaskGroup(of: [AADObjectID].self) { group in
                    for index in 0..<workers {
                        group.addTask {
                            let mine = MineCollector()
                            _ = try await WaveHarness.wave(
                                endpoints, store: store, wave: "shared", worker: "worker-\(index)", speed: 10,
                                progress: { delivery, _ in mine.add(delivery.user) }
                            ).run()
                            return mine.users
                        }
                    }
                    return try await group.reduce(into: [[AADObjectID]]()) { $0.append($1) }
                }
                #expect(handled.allSatisfy { !$0.isEmpty }, "every worker sent: \(handled.map(\.count))")
                #expect(Set(handled.joined()).count == handled.joined().count, "no delivery handled by two workers")
                let messages = try await WaveHarness.messagesByUser(endpoints)
                #expect(messages.values.allSatisfy { $0 == 1 }, "nobody twice")
                let deliveries = try await store.deliveries(wave: "shared")
                #expect(deliveries.allSatisfy { $0.state.name == .sent }, "\(WaveSummary(wave: "shared", deliveries: deliveries))")
                let after = try await WaveHarness.counters(endpoints)
                let throttled =
                    ((after["throttled"] as? [String: Int])?["connector"] ?? 0) - ((before["throttled"] as? [String: Int])?["connector"] ?? 0)
                let route = "POST /v3/conversations/{id}/activities"
                let sends = ((after["routes"] as? [String: Int])?[route] ?? 0) - ((before["routes"] as? [String: Int])?[route] ?? 0)
                print("\(workers) workers: \(sends) sends, \(throttled) answered 429, per worker \(handled.map(\.count))")
                #expect(Double(throttled) < Double(sends) * 0.01, "\(throttled) of \(sends) sends answered 429")
            }
        }
    }
}

/// The deliveries one worker handled.
final class MineCollector: Sendable {
    private let list = Mutex<[AADObjectID]>([])
    func add(_ user: AADObjectID) { list.withLock { $0.append(user) } }
    var users: [AADObjectID] { list.withLock { $0 } }
}
