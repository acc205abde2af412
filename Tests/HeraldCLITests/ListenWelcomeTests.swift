import Foundation
import HeraldCore
import ReferenceStore
import Testing

/// `herald listen --welcome-card`: each person whose install the listener captures is welcomed once, soon after.
@Suite("herald listen --welcome-card")
struct ListenWelcomeTests {
    @Test("the sim installs 1,000 people with duplicate activities on: one welcome each, none twice")
    func welcomeOnInstall() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-listen-welcome-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let envFile = folder.appendingPathComponent("sim.env").path
        let path = folder.appendingPathComponent("herald.db").path
        let port = try ProvisionCommandTests.freePort()
        let (sim, _) = try Herald.start(
            [
                "sim", "--port", "0", "--users", "1100", "--speed", "10", "--env-out", envFile, "--duplicate-rate", "0.1", "--bot-endpoint",
                "http://127.0.0.1:\(port)/api/messages",
            ],
            readingUntil: "env file")
        defer {
            sim.terminate()
            sim.waitUntilExit()
        }
        let (listener, _) = try Herald.start(
            [
                "listen", "--port", String(port), "--env-file", envFile, "--store", "sqlite:" + path, "--welcome-card",
                Herald.manifests.appendingPathComponent("welcome-card.json").path, "--manifest",
                Herald.manifests.appendingPathComponent("manifest.json").path,
            ],
            readingUntil: "/api/messages")
        defer {
            listener.terminate()
            listener.waitUntilExit()
        }
        let provision = try Herald.run(
            [
                "provision", "--all-users", "--env-file", envFile, "--store", "sqlite:" + path, "--no-validate", "--batch", "b",
                "--reference-timeout", "10",
            ])
        #expect([0, 1].contains(provision.status), "\(provision.output)")

        let store = try SQLiteStore(path: path)
        // The listener's worker sends as the activities land; wait (bounded) for the last welcomes to leave.
        var deliveries: [Delivery] = []
        for _ in 0..<60 {
            deliveries = try await store.deliveries(wave: "welcome-on-install")
            if !deliveries.isEmpty, deliveries.allSatisfy({ $0.state.name != .pending && $0.state.name != .sending }) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        let messages = try WelcomeCommandTests.messagesByUser(envFile)
        #expect(deliveries.count >= 1000, "welcomes enqueued: \(deliveries.count)")
        #expect(messages.values.allSatisfy { $0 == 1 }, "duplicate install activities never welcome twice")
        #expect(messages.count == deliveries.filter { $0.state.name == .sent }.count)
        #expect(
            deliveries.allSatisfy { $0.state.name == .sent || $0.state == .skipped(.blocked) },
            "everyone is welcomed but those who blocked the bot: \(WaveSummaryCounts(deliveries))")

        // How soon after the install each welcome left is a speed target: bench/listen-welcome.py measures it.
    }
}

/// A delivery list's states, for messages.
struct WaveSummaryCounts: CustomStringConvertible {
    let counts: [String: Int]
    init(_ deliveries: [Delivery]) { counts = Dictionary(grouping: deliveries, by: { $0.state.name.rawValue }).mapValues(\.count) }
    var description: String { counts.description }
}
