import AsyncHTTPClient
import Foundation
import HeraldCore
import HeraldTesting
import Messenger
import NIOCore
import ReferenceStore
import TeamsSim
import Testing

/// The bot added to a team: one welcome in a new thread of the team's General channel, saying who added the app.
@Suite("Team welcome")
struct TeamWelcomeTests {
    @Test("a team install's welcome is one message in a new thread of the General channel, naming who added the app; a rerun adds none")
    func teamWelcome() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-team-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        let fixture = TenantFixture.generate(seed: 61, users: 120)
        let card = try String(contentsOf: NotificationWaveTests.manifests.appendingPathComponent("welcome-card.json"), encoding: .utf8)
        let base =
            #"{"app": {"name": "Herald", "description": "Welcomes people."}, "tenant": {"name": "Contoso"}, "installer": "your IT team", "team": null, "givenName": "there"}"#
        try await ListeningSim.with(fixture: fixture, configuration: SimConfiguration(speed: 20), store: store) { endpoints in
            let team = TeamID(rawValue: SimStateTeamId.of(fixture.groups[1]))
            let tenant = TenantID(endpoints.tenantId)
            try await store.createWave(id: "on-install", name: "on-install", cardTemplate: card, at: Date())
            let reference = ConversationReference(
                tenantId: tenant, subject: .team(team), bot: BotID(appId: endpoints.botAppId),
                conversationId: ConversationID(rawValue: team.rawValue),
                serviceURL: ServiceURL(rawValue: endpoints.serviceURL), source: .activity, observedAt: Date())
            let data = #"{"installer": "Grace Hopper", "team": {"id": "\#(team.rawValue)", "name": "Sales"}}"#
            try await store.observeInstall(reference, welcomeWave: "on-install", data: data)
            try await store.observeInstall(reference, welcomeWave: "on-install", data: data)
            let summary = try await WaveHarness.wave(endpoints, store: store, wave: "on-install", speed: 20, card: card, baseData: base).run()
            #expect(summary.states == ["sent": 1], "\(summary)")
            _ = try await WaveHarness.wave(endpoints, store: store, wave: "on-install", speed: 20, card: card, baseData: base).run()
            let thread = try #require(try await store.thread(named: "on-install:\(team.rawValue)"))
            #expect(thread.conversationId.rawValue.hasPrefix(team.rawValue + ";messageid="))
            let body = try await HTTPClient.shared.execute(HTTPClientRequest(url: endpoints.inspectionURL + "/messages"), timeout: .seconds(10))
                .body.collect(upTo: 1 << 22)
            let messages =
                try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])["messages"] as? [[String: Any]]
            let inThread = (messages ?? []).filter { ($0["conversationId"] as? String)?.hasPrefix(team.rawValue) == true }
            #expect(inThread.count == 1, "one welcome for the team, not one per member")
            let text = String(decoding: try JSONSerialization.data(withJSONObject: inThread.first ?? [:]), as: UTF8.self)
            #expect(text.contains("Grace Hopper") && text.contains("Sales"), "it says who added the app, and where")
        }
    }
}

extension TeamWelcomeTests {
    @Test("a welcome enqueued on install is not sent once the person's reference is inactive (the app was removed first)")
    func inactive() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-inactive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        let fixture = TenantFixture.generate(seed: 62, users: 20)
        let person = try #require(fixture.users.first { !$0.preinstalled && !$0.isGuest })
        try await ListeningSim.with(fixture: fixture, configuration: SimConfiguration(speed: 20), store: store) { endpoints in
            let tenant = TenantID(endpoints.tenantId)
            let key = ReferenceKey(tenantId: tenant, subject: .user(AADObjectID(person.id)), bot: BotID(appId: endpoints.botAppId))
            try await store.createWave(id: "on-install", name: "on-install", cardTemplate: WaveHarness.card, at: Date())
            try await store.observeInstall(
                ConversationReference(
                    tenantId: tenant, subject: key.subject, bot: key.bot,
                    conversationId: ConversationID(rawValue: "19:\(person.id)_\(endpoints.botAppId)@unq.gbl.spaces"),
                    serviceURL: ServiceURL(rawValue: endpoints.serviceURL), source: .activity, observedAt: Date()),
                welcomeWave: "on-install", data: nil)
            #expect(try await store.deactivate(key, at: Date().addingTimeInterval(1)))
            let summary = try await WaveHarness.wave(endpoints, store: store, wave: "on-install", speed: 20).run()
            #expect(summary.states == ["skipped": 1] && summary.reasons == ["no_reference": 1], "\(summary)")
            #expect(try await WaveHarness.messagesByUser(endpoints).isEmpty)
        }
    }
}

/// The simulator's team id for a group (its General channel's conversation id), as `GET /_sim/teams` lists it.
enum SimStateTeamId {
    static func of(_ group: TenantFixture.Group) -> String { "19:\(group.id.replacingOccurrences(of: "-", with: ""))@thread.tacv2" }
}
