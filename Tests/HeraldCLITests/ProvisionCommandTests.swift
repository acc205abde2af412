import Foundation
import Testing

/// `herald provision` and `herald status` as a user runs them: against `herald sim` with `herald listen` beside it.
@Suite("herald provision")
struct ProvisionCommandTests {
    /// A listener, then a simulator posting to it, in a temporary folder; stops both afterwards.
    static func withSimAndListener(users: Int = 30, _ body: (_ folder: URL, _ envFile: String, _ store: String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-provision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let envFile = folder.appendingPathComponent("sim.env").path
        let store = "sqlite:" + folder.appendingPathComponent("herald.db").path
        // The listener reads the sim's env file for the bot id and the metadata URL: write a first one by hand.
        let (sim, _) = try Herald.start(
            ["sim", "--port", "0", "--users", String(users), "--speed", "10", "--env-out", envFile, "--bot-endpoint", "http://127.0.0.1:9/none"],
            readingUntil: "env file")
        defer {
            sim.terminate()
            sim.waitUntilExit()
        }
        let (listener, banner) = try Herald.start(["listen", "--port", "0", "--env-file", envFile, "--store", store], readingUntil: "/api/messages")
        defer {
            listener.terminate()
            listener.waitUntilExit()
        }
        let endpoint = try #require(banner.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
        sim.terminate()
        sim.waitUntilExit()
        let (second, _) = try Herald.start(
            ["sim", "--port", "0", "--users", String(users), "--speed", "10", "--env-out", envFile, "--bot-endpoint", endpoint],
            readingUntil: "env file")
        defer {
            second.terminate()
            second.waitUntilExit()
        }
        try body(folder, envFile, store)
    }

    @Test("a batch provisions everyone the tenant allows, says so, and herald status gives the exact JSON summary")
    func batch() throws {
        try Self.withSimAndListener { _, envFile, store in
            let result = try Herald.run(
                ["provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate", "--batch", "b1", "--reference-timeout", "5"],
                environment: ["HERALD_RATE_SCALE": "10"])
            let status = try Herald.run(["status", "b1", "--json", "--store", store])
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
            #expect(Set(summary.keys) == ["batch", "total", "states", "reasons"])
            #expect(summary["batch"] as? String == "b1")
            #expect(summary["total"] as? Int == 30)
            let states = try #require(summary["states"] as? [String: Int])
            #expect(states.values.reduce(0, +) == 30)
            #expect(Set(states.keys).isSubset(of: ["referenced", "failed", "skipped"]), "everyone ends in a terminal state: \(states)")
            #expect(result.status == (states["failed", default: 0] > 0 ? 1 : 0), "\(result.output)")
            #expect(result.output.contains("referenced"))
        }
    }

    @Test("bad input is a clear usage error naming what and where, and never shows the secret")
    func badInput() throws {
        try Self.withSimAndListener(users: 5) { folder, envFile, store in
            let csv = folder.appendingPathComponent("people.csv")
            try "userPrincipalName\nnot a user\n".write(to: csv, atomically: true, encoding: .utf8)
            let broken = try Herald.run(["provision", "--users", csv.path, "--env-file", envFile, "--store", store, "--no-validate", "--dry-run"])
            #expect(broken.output.contains("people.csv:2:"), "\(broken.output)")
            let group = try Herald.run(["provision", "--group", "no-such-group", "--env-file", envFile, "--store", store, "--no-validate"])
            #expect(group.status == 2)
            #expect(group.output.contains("no-such-group"), "\(group.output)")
            let secret = "Not-The-Secret-" + UUID().uuidString
            let wrong = try Herald.run(
                ["provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate"], environment: ["MicrosoftAppPassword": secret])
            // The env file wins over the environment; a flag-less override goes through a second env file.
            let override = folder.appendingPathComponent("wrong.env")
            var lines = try String(contentsOfFile: envFile, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("MicrosoftAppPassword=") }
            lines.append("MicrosoftAppPassword=\(secret)")
            try lines.joined(separator: "\n").write(to: override, atomically: true, encoding: .utf8)
            let refused = try Herald.run(["provision", "--all-users", "--env-file", override.path, "--store", store, "--no-validate"])
            #expect(refused.status == 2, "\(refused.output)")
            #expect(refused.output.contains("invalid_client") || refused.output.contains("MicrosoftAppPassword"), "\(refused.output)")
            #expect(!refused.output.contains(secret) && !wrong.output.contains(secret))
            let offline = folder.appendingPathComponent("offline.env")
            try String(contentsOfFile: envFile, encoding: .utf8).split(separator: "\n")
                .map { $0.hasPrefix("HERALD_GRAPH_URL=") ? "HERALD_GRAPH_URL=http://127.0.0.1:9/graph/v1.0" : String($0) }.joined(separator: "\n")
                .write(to: offline, atomically: true, encoding: .utf8)
            let unreachable = try Herald.run(["provision", "--all-users", "--env-file", offline.path, "--store", store, "--no-validate"])
            #expect(unreachable.status == 2, "\(unreachable.output)")
            #expect(unreachable.output.contains("http://127.0.0.1:9/graph/v1.0/appCatalogs/teamsApps"), "\(unreachable.output)")
            let noStore = try Herald.run([
                "provision", "--all-users", "--env-file", envFile, "--store", "postgres://herald@127.0.0.1:9/none", "--no-validate",
            ])
            #expect(noStore.status == 2, "\(noStore.output)")
            #expect(noStore.output.contains("postgres://herald@127.0.0.1:9/none"))
            let none = try Herald.run(["provision", "--env-file", envFile])
            #expect(none.status == 2)
            #expect(none.output.contains("--users FILE.csv, --group ID or --all-users"))
        }
    }
}
