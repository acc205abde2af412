import Foundation
import HeraldCore
import HeraldTesting
import Messenger
import ReferenceStore
import TeamsSim
import Testing

/// A notification wave (the sample card and data in manifests/) to 2,000 people with faults on: every deliverable
/// person notified exactly once, opted-out people never.
@Suite("Notification wave")
struct NotificationWaveTests {
    static let manifests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("manifests")

    @Test("2,000 people, faults on: each deliverable person notified once, opt-outs skipped and never sent to")
    func notification() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-notify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        let fixture = TenantFixture.generate(seed: 51, users: 2000)
        var configuration = SimConfiguration(speed: 20)
        configuration.faults = .init(connector: .init(serverErrors: 0.05, connectionResets: 0.005))
        configuration.appliedFaults = 0.01
        let reachable = fixture.users.filter { !$0.isGuest && !$0.installBlocked && $0.hasTeamsLicense && !$0.blockedBot }
        let card = try String(contentsOf: Self.manifests.appendingPathComponent("notification-card.json"), encoding: .utf8)
        let file = try String(contentsOf: Self.manifests.appendingPathComponent("notification-data.json"), encoding: .utf8)
        let data = String(file.trimmingCharacters(in: .whitespacesAndNewlines).dropLast()) + #", "app": {"name": "Herald"}, "givenName": "there"}"#
        try await ListeningSim.with(fixture: fixture, configuration: configuration, store: store) { endpoints in
            let people = reachable.map { AADObjectID($0.id) }
            try await WaveHarness.provision(endpoints, store: store, users: people, speed: 20)
            let tenant = TenantID(endpoints.tenantId)
            let optedOut = Set(people.prefix(25))
            for user in optedOut { try await store.recordOptOut(tenantId: tenant, user: user, at: Date()) }
            let before = try await WaveHarness.messagesByUser(endpoints)
            try await store.createWave(id: "notify", name: "notify", cardTemplate: card, at: Date())
            try await store.enqueueDeliveries(wave: "notify", tenantId: tenant, users: people, at: Date())
            let summary = try await WaveHarness.wave(endpoints, store: store, wave: "notify", speed: 20, card: card, baseData: data).run()
            #expect(summary.reasons["opted_out"] == optedOut.count, "\(summary)")

            let after = try await WaveHarness.messagesByUser(endpoints)
            let received = after.merging(before) { now, then in now - then }.filter { $0.value > 0 }
            #expect(received.values.allSatisfy { $0 == 1 }, "nobody notified twice")
            let faults = try await WaveHarness.counters(endpoints)["faults"] as? [String: Int] ?? [:]
            let ambiguous = faults.filter { $0.key.contains("reset") || $0.key.contains("504") || $0.key.contains("applied") }.values.reduce(0, +)
            #expect(summary.states["uncertain", default: 0] <= ambiguous)
            for delivery in try await store.deliveries(wave: "notify") {
                let got = received[delivery.user.rawValue, default: 0]
                if optedOut.contains(delivery.user) {
                    #expect(delivery.state == .skipped(.optedOut) && got == 0)
                    continue
                }
                switch delivery.state {
                case .sent: #expect(got == 1)
                case .uncertain: #expect(got <= 1)
                case .failed(let reason, _): #expect(reason == .serviceError && got == 0)
                default: Issue.record("\(delivery.user): \(delivery.state)")
                }
            }
            #expect(summary.states["sent", default: 0] > people.count * 9 / 10, "\(summary)")
        }
    }
}
