import Foundation
import HeraldCore
import ReferenceStore
import Testing

/// `herald welcome --roster TEAM_ID`: every member of a team the bot is in, from the team's paged roster, reached
/// once through a 1:1 conversation made for them.
@Suite("herald welcome --roster")
struct RosterWaveTests {
    @Test("a 1,000-member team whose members never installed the app: each member welcomed once; an unknown team is a usage error")
    func roster() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let envFile = folder.appendingPathComponent("sim.env").path
        let path = folder.appendingPathComponent("herald.db").path
        let (sim, _) = try Herald.start(
            [
                "sim", "--port", "0", "--users", "1000", "--speed", "10", "--bot-in-teams", "--env-out", envFile, "--bot-endpoint",
                "http://127.0.0.1:9/none",
            ],
            readingUntil: "env file")
        defer {
            sim.terminate()
            sim.waitUntilExit()
        }
        let teams = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: try WelcomeCommandTests.simURL(envFile, "/_sim/teams"))) as? [String: Any])?[
                "teams"]
                as? [[String: Any]])
        let everyone = try #require(teams.first { $0["members"] as? Int == 1000 })
        let teamId = try #require(everyone["id"] as? String)
        let unknown = try Herald.run(["welcome", "--wave", "r0", "--roster", teamId, "--env-file", envFile, "--store", "sqlite:" + path])
        #expect(unknown.status == 2 && unknown.output.contains("never seen this team"), "\(unknown.output)")

        // What herald listen keeps when the app is added to the team (its serviceUrl is the team's Connector).
        let env = try String(contentsOfFile: envFile, encoding: .utf8)
        let value = { (name: String) in
            env.split(separator: "\n").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) } ?? ""
        }
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        try await store.observe(
            ConversationReference(
                tenantId: TenantID(value("MicrosoftAppTenantId")), subject: .team(TeamID(rawValue: teamId)),
                bot: BotID(appId: value("MicrosoftAppId")),
                conversationId: ConversationID(rawValue: teamId), serviceURL: ServiceURL(rawValue: value("HERALD_SERVICE_URL")), source: .activity,
                observedAt: Date()))

        let wave = try Herald.run([
            "welcome", "--wave", "r1", "--roster", teamId, "--env-file", envFile, "--store", "sqlite:" + path, "--manifest",
            Herald.manifests.appendingPathComponent("manifest.json").path, "--card",
            Herald.manifests.appendingPathComponent("welcome-card.json").path,
        ])
        #expect(wave.status == 0, "\(wave.output.suffix(400))")
        let deliveries = try await store.deliveries(wave: "r1")
        #expect(deliveries.count == 1000)
        let messages = try WelcomeCommandTests.messagesByUser(envFile)
        #expect(messages.values.allSatisfy { $0 == 1 }, "nobody twice")
        let sent = deliveries.filter { $0.state.name == .sent }.count
        #expect(sent == messages.count && sent > 940, "\(sent) sent; \(wave.output.suffix(400))")
        #expect(
            deliveries.allSatisfy { [.sent, .skipped].contains($0.state.name) },
            "the rest are unlicensed, blocked by policy or blocked the bot: \(WaveSummaryCounts(deliveries))")
    }
}
