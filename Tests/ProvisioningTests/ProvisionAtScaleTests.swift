import AsyncHTTPClient
import Foundation
import HeraldCore
import HeraldTesting
import NIOCore
import NIOHTTP1
import Provisioning
import ReferenceStore
import TeamsSim
import Testing

/// Ten thousand people with faults on: every person in exactly one terminal state with the right reason, every
/// installed person with a stored reference, and at most 1.1 Graph calls per installed person, counted by the sim.
@Suite("Provisioning at scale")
struct ProvisionAtScaleTests {
    @Test("10,000 people, 5% Graph 5xx, resets, 5% dropped install activities, blocked, unlicensed, unknown, preinstalled and guest users")
    func tenThousand() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-scale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        let fixture = TenantFixture.generate(seed: 2024, users: 10_000)
        let unknown = (0..<20).map { _ in AADObjectID(UUID().uuidString.lowercased()) }
        var configuration = SimConfiguration(speed: 20)
        configuration.faults = .init(graph: .init(serverErrors: 0.05, connectionResets: 0.005))
        configuration.dropRate = 0.05
        let guests = fixture.users.filter(\.isGuest).map { AADObjectID($0.id) }
        let members = fixture.users.filter { !$0.isGuest }.map { AADObjectID($0.id) }
        try await ListeningSim.with(fixture: fixture, configuration: configuration, store: store) { endpoints in
            let provisioner = ProvisionerTests.provisioner(endpoints, store: store, batch: "scale", referenceTimeout: .seconds(1), speed: 20)
            try await provisioner.enqueue(members + unknown, skipped: guests.map { ($0, .guest) })
            let summary = try await provisioner.run()
            #expect(summary.total == 10_000 + unknown.count)
            #expect(summary.finished, "\(summary)")

            let byUser = Dictionary(uniqueKeysWithValues: try await store.targets(batch: "scale").map { ($0.user, $0) })
            var installed = 0
            for user in fixture.users {
                let target = try #require(byUser[AADObjectID(user.id)])
                if user.isGuest {
                    #expect(target.state == .skipped(.guest))
                } else if user.installBlocked {
                    #expect(target.state == .failed(.blockedByPolicy, status: 403), "\(user.id): \(target.state)")
                } else if !user.hasTeamsLicense {
                    #expect(target.state == .failed(.noTeamsLicense, status: 403), "\(user.id): \(target.state)")
                } else {
                    #expect(target.state.name == .referenced, "\(user.id): \(target.state)")
                    installed += 1
                }
            }
            for user in unknown { #expect(byUser[user]?.state == .failed(.userNotFound, status: 404)) }
            let references = try await store.references(tenantId: TenantID(endpoints.tenantId))
            #expect(references.filter(\.active).count >= installed, "every installed person has a stored reference")

            var request = HTTPClientRequest(url: endpoints.inspectionURL + "/counters")
            request.method = .GET
            let body = try await HTTPClient.shared.execute(request, timeout: .seconds(10)).body.collect(upTo: 1 << 20)
            let counters = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
            let routes = try #require(counters["routes"] as? [String: Int])
            let graphCalls = routes.filter { key, _ in
                ["/users", "/appCatalogs", "/groups", "/$batch"].contains { key.contains(" " + $0) }
            }.values.reduce(0, +)
            let perPerson = Double(graphCalls) / Double(installed)
            let throttled = (counters["throttled"] as? [String: Int])?["graph"] ?? 0
            print(
                "provisioning at scale: \(installed) installed, \(graphCalls) Graph calls (\(throttled) answered 429), \(String(format: "%.3f", perPerson)) per installed person"
            )
            #expect(perPerson <= 1.1, "\(graphCalls) Graph calls for \(installed) installed people: \(perPerson) (\(routes))")
        }
    }
}
