import Foundation
import Testing

/// `herald welcome` and `herald status --wave` as a user runs them, after `herald provision`, against `herald sim`.
@Suite("herald welcome")
struct WelcomeCommandTests {
    static func simURL(_ envFile: String, _ path: String) throws -> URL {
        let env = try String(contentsOfFile: envFile, encoding: .utf8)
        let graph = try #require(env.split(separator: "\n").first { $0.hasPrefix("HERALD_GRAPH_URL=") }).dropFirst("HERALD_GRAPH_URL=".count)
        return try #require(URL(string: graph.replacingOccurrences(of: "/graph/v1.0", with: path)))
    }

    static func messagesByUser(_ envFile: String) throws -> [String: Int] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: try simURL(envFile, "/_sim/messages"))) as? [String: Any]
        var counts: [String: Int] = [:]
        for message in object?["messages"] as? [[String: Any]] ?? [] {
            if let user = message["userId"] as? String { counts[user, default: 0] += 1 }
        }
        return counts
    }

    @Test("a wave after a batch: everyone referenced gets the card once, a rerun sends nothing, and status --wave gives the exact JSON")
    func wave() throws {
        try ProvisionCommandTests.withSimAndListener(users: 60) { _, envFile, store in
            let provision = try Herald.run(
                ["provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate", "--batch", "b1"])
            #expect([0, 1].contains(provision.status), "\(provision.output)")
            let arguments = [
                "welcome", "--wave", "hello", "--batch", "b1", "--env-file", envFile, "--store", store, "--card",
                Herald.manifests.appendingPathComponent("welcome-card.json").path, "--manifest",
                Herald.manifests.appendingPathComponent("manifest.json").path, "--json",
            ]
            let first = try Herald.run(arguments)
            #expect(first.status == 0, "\(first.output)")
            let status = try Herald.run(["status", "--wave", "hello", "--json", "--store", store])
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
            #expect(Set(summary.keys) == ["wave", "total", "states", "reasons"])
            let states = try #require(summary["states"] as? [String: Int])
            let messages = try Self.messagesByUser(envFile)
            #expect(messages.values.allSatisfy { $0 == 1 }, "nobody twice")
            #expect(states["sent"] == messages.count && messages.count > 40, "\(states), \(messages.count) messages")
            let again = try Herald.run(arguments)
            #expect(again.status == 0)
            #expect(try Self.messagesByUser(envFile) == messages, "a rerun sends nothing")
            let line = try #require(first.output.split(separator: "\n").first { $0.contains("\"state\":\"sent\"") })
            #expect(line.contains("\"user\":"), "one JSON line per person")
        }
    }

    @Test("bad input is a usage error naming what and where, and nothing is sent")
    func badInput() throws {
        try ProvisionCommandTests.withSimAndListener(users: 20) { folder, envFile, store in
            _ = try Herald.run(["provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate", "--batch", "b1"])
            func welcome(_ card: String, _ extra: [String] = ["--batch", "b1"], wave: String = "w") throws -> Herald.Result {
                let path = folder.appendingPathComponent("card-\(UUID().uuidString).json")
                try card.write(to: path, atomically: true, encoding: .utf8)
                return try Herald.run(["welcome", "--wave", wave, "--card", path.path, "--env-file", envFile, "--store", store] + extra)
            }
            let syntax = try welcome(
                "{\"type\": \"AdaptiveCard\", \"version\": \"1.5\",\n \"body\": [{\"type\": \"TextBlock\", \"text\": \"${name +}\"}]}")
            #expect(syntax.status == 2 && syntax.output.contains("line 2, column"), "\(syntax.output)")
            let missing = try welcome(#"{"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "${favouriteColour}"}]}"#)
            #expect(
                missing.status == 2 && missing.output.contains("favouriteColour") && missing.output.contains("nothing was sent"), "\(missing.output)")
            let huge = String(repeating: "x", count: 120_000)
            let big = try welcome(#"{"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "\#(huge)"}]}"#)
            #expect(big.status == 2 && big.output.contains("MessageSizeTooBig"), "\(big.output.prefix(300))")
            let csv = folder.appendingPathComponent("people.csv")
            try "userPrincipalName,team\nnot a person,Sales\n".write(to: csv, atomically: true, encoding: .utf8)
            let broken = try welcome(#"{"type": "AdaptiveCard", "version": "1.5", "body": []}"#, ["--targets", csv.path])
            #expect(broken.status == 2 && broken.output.contains("people.csv:2:"), "\(broken.output)")
            #expect(try Self.messagesByUser(envFile).isEmpty, "nothing was sent")
            let first = try welcome(#"{"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Hi"}]}"#, wave: "once")
            #expect(first.status == 0, "\(first.output)")
            let reused = try welcome(#"{"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Hello"}]}"#, wave: "once")
            #expect(reused.status == 2 && reused.output.contains("another card"), "\(reused.output)")
        }
    }

    @Test("--follow welcomes people as provisioning references them, and stops when the batch has ended")
    func follow() throws {
        try ProvisionCommandTests.withSimAndListener(users: 300) { _, envFile, store in
            let provision = Process()
            provision.executableURL = Herald.binary
            provision.arguments = ["provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate", "--batch", "live"]
            provision.standardOutput = FileHandle.nullDevice
            provision.standardError = FileHandle.nullDevice
            try provision.run()
            // The wave starts beside the batch (and waits for it to appear in the store).
            let welcome = try Herald.run(
                [
                    "welcome", "--wave", "live", "--batch", "live", "--follow", "--env-file", envFile, "--store", store, "--card",
                    Herald.manifests.appendingPathComponent("welcome-card.json").path, "--manifest",
                    Herald.manifests.appendingPathComponent("manifest.json").path,
                ])
            provision.waitUntilExit()
            #expect([0, 1].contains(welcome.status), "\(welcome.output)")
            let batch = try Herald.run(["status", "live", "--json", "--store", store])
            let referenced = try #require(
                ((try JSONSerialization.jsonObject(with: Data(batch.output.utf8)) as? [String: Any])?["states"] as? [String: Int])?[
                    "referenced"])
            let status = try Herald.run(["status", "--wave", "live", "--json", "--store", store])
            let states = try #require(
                (try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])?["states"] as? [String: Int])
            let messages = try Self.messagesByUser(envFile)
            #expect(messages.values.allSatisfy { $0 == 1 }, "nobody twice")
            #expect(states.values.reduce(0, +) == referenced, "everyone referenced is in the wave: \(states), \(referenced) referenced")
            #expect(states["pending", default: 0] + states["sending", default: 0] == 0, "and in a final state: \(states)")
            #expect(states["sent"] == messages.count && messages.count > referenced - 10, "\(states), \(messages.count) messages")
        }
    }
}
