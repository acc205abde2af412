import Foundation
import Testing

/// `herald notify` as a user runs it, after `herald provision`, against `herald sim`.
@Suite("herald notify")
struct NotifyCommandTests {
    @Test("a notification from the sample card and data reaches everyone referenced once; a data file missing a bound field sends nothing")
    func notify() throws {
        try ProvisionCommandTests.withSimAndListener(users: 40) { folder, envFile, store in
            _ = try Herald.run(["provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate", "--batch", "b1"])
            let card = Herald.manifests.appendingPathComponent("notification-card.json").path
            let partial = folder.appendingPathComponent("partial.json")
            try #"{"title": "Approved", "actor": "Grace", "event": "approved"}"#.write(to: partial, atomically: true, encoding: .utf8)
            let missing = try Herald.run(
                ["notify", "--wave", "n0", "--batch", "b1", "--card", card, "--data", partial.path, "--env-file", envFile, "--store", store])
            #expect(missing.status == 2 && missing.output.contains("item") && missing.output.contains("nothing was sent"), "\(missing.output)")
            #expect(try WelcomeCommandTests.messagesByUser(envFile).isEmpty)

            let sent = try Herald.run(
                [
                    "notify", "--wave", "n1", "--batch", "b1", "--card", card, "--data",
                    Herald.manifests.appendingPathComponent("notification-data.json").path,
                    "--manifest", Herald.manifests.appendingPathComponent("manifest.json").path, "--env-file", envFile, "--store", store,
                ])
            #expect(sent.status == 0, "\(sent.output)")
            let messages = try WelcomeCommandTests.messagesByUser(envFile)
            #expect(messages.count > 25 && messages.values.allSatisfy { $0 == 1 }, "\(messages.count) people")
            let status = try Herald.run(["status", "--wave", "n1", "--json", "--store", store])
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
            #expect((summary["states"] as? [String: Int])?["sent"] == messages.count)
        }
    }
}
