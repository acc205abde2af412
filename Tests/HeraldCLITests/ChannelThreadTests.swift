import Foundation
import HeraldCore
import ReferenceStore
import Testing

/// `--team` starts a thread in a team's General channel and keeps it under a name; `--thread` replies into it.
@Suite("channel threads")
struct ChannelThreadTests {
    @Test(
        "a thread started in a channel, then replied to twice: three messages in the same thread; a rerun adds none; unknown names are usage errors")
    func thread() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-thread-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let envFile = folder.appendingPathComponent("sim.env").path
        let path = folder.appendingPathComponent("herald.db").path
        let (sim, _) = try Herald.start(
            ["sim", "--port", "0", "--users", "150", "--speed", "10", "--env-out", envFile, "--bot-endpoint", "http://127.0.0.1:9/none"],
            readingUntil: "env file")
        defer {
            sim.terminate()
            sim.waitUntilExit()
        }
        let teams = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: try WelcomeCommandTests.simURL(envFile, "/_sim/teams"))) as? [String: Any])?[
                "teams"]
                as? [[String: Any]])
        let teamId = try #require(teams.first { $0["name"] as? String != "All staff" }?["id"] as? String)
        let store = "sqlite:" + path
        let common = ["--env-file", envFile, "--store", store, "--manifest", Herald.manifests.appendingPathComponent("manifest.json").path]
        let unknownTeam = try Herald.run(["welcome", "--wave", "t0", "--team", teamId, "--thread", "news"] + common)
        #expect(unknownTeam.status == 2 && unknownTeam.output.contains("never seen this team"), "\(unknownTeam.output)")

        let env = try String(contentsOfFile: envFile, encoding: .utf8)
        let value = { (name: String) in
            env.split(separator: "\n").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) } ?? ""
        }
        let database = try SQLiteStore(path: path)
        try await database.migrate()
        try await database.observe(
            ConversationReference(
                tenantId: TenantID(value("MicrosoftAppTenantId")), subject: .team(TeamID(rawValue: teamId)),
                bot: BotID(appId: value("MicrosoftAppId")),
                conversationId: ConversationID(rawValue: teamId), serviceURL: ServiceURL(rawValue: value("HERALD_SERVICE_URL")), source: .activity,
                observedAt: Date()))

        let data = Herald.manifests.appendingPathComponent("notification-data.json").path
        let noThread = try Herald.run(["notify", "--wave", "r0", "--thread", "nope", "--data", data] + common)
        #expect(noThread.status == 2 && noThread.output.contains("no thread of that name"), "\(noThread.output)")

        let started = try Herald.run(["welcome", "--wave", "t1", "--team", teamId, "--thread", "news"] + common)
        #expect(started.status == 0, "\(started.output)")
        let thread = try #require(try await database.thread(named: "news"))
        #expect(thread.conversationId.rawValue.hasPrefix(teamId + ";messageid="))
        for wave in ["r1", "r2", "r1"] {
            let reply = try Herald.run(["notify", "--wave", wave, "--thread", "news", "--data", data] + common)
            #expect(reply.status == 0, "\(reply.output)")
        }
        let query = thread.conversationId.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let messages = try #require(
            (try JSONSerialization.jsonObject(
                with: Data(contentsOf: try WelcomeCommandTests.simURL(envFile, "/_sim/messages?conversationId=\(query)")))
                as? [String: Any])?["messages"] as? [[String: Any]])
        #expect(messages.count == 3, "the first message and two replies, the rerun of r1 adding none: \(messages.count)")
        #expect(messages.allSatisfy { $0["conversationId"] as? String == thread.conversationId.rawValue })
    }
}
