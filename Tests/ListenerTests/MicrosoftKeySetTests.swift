import Auth
import Foundation
import HeraldCore
import HeraldTesting
import Hummingbird
import HummingbirdTesting
import Listener
import ReferenceStore
import Testing

/// The listener accepts Teams' install activities, as Teams writes them, signed by a key published in
/// Bot Framework's format (no `alg`, `x5t`/`x5c`) next to an EC key and a malformed key, and keeps the reference.
@Suite("BotListener with Microsoft's key set and payloads")
struct MicrosoftKeySetListenerTests {
    static let now = Date(timeIntervalSince1970: 1_714_583_100)

    @Test(
        "each install activity fixture is accepted, its reference stored and one welcome enqueued (a team's names no installer: Teams sends none)",
        arguments: MicrosoftFixtures.installActivities)
    func acceptsInstall(_ path: String) async throws {
        let channel = try TestChannel()
        let keySet = try channel.microsoftKeySet(now: Self.now)
        let published = try JSONDecoder().decode(JWKSDocument.self, from: keySet)
        let x5t = try #require(published.keys.first { $0.kid == channel.endorsed.kid }?.x5t)
        #expect(published.keys.contains { $0.kty == "EC" } && published.keys.allSatisfy { $0.alg == nil })
        let body = try MicrosoftFixtures.data(path)
        let activity = try JSONDecoder().decode(Activity.self, from: body)
        let serviceUrl = try #require(activity.serviceUrl)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-ms-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        try await store.createWave(id: "hello", name: "hello", cardTemplate: "{}", at: Self.now)
        let validator = TestChannel.validator(serving: keySet, appId: MicrosoftFixtures.botAppId, now: Self.now)
        let listener = BotListener(
            configuration: .init(appId: MicrosoftFixtures.botAppId, welcomeWave: "hello"), validator: validator, store: store)
        let token = try await channel.genuine(at: Self.now, serviceUrl: serviceUrl, x5t: x5t, audience: MicrosoftFixtures.botAppId)
        try await Application(router: listener.router()).test(.router) { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.authorization] = token
            let status = try await client.execute(uri: "/api/messages", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { $0.status }
            #expect(status == .ok)
        }
        let records = try await store.references(tenantId: TenantID(MicrosoftFixtures.tenantId))
        #expect(records.count == 1)
        let record = try #require(records.first)
        let reference = record.reference
        #expect(reference.serviceURL == ServiceURL(serviceUrl))
        #expect(record.active)
        #expect(reference.bot == BotID(appId: MicrosoftFixtures.botAppId))
        let welcomes = try await store.deliveries(wave: "hello")
        #expect(welcomes.count == 1, "one welcome: \(welcomes.map(\.user.rawValue))")
        if let team = activity.channelData?.team {
            #expect(reference.subject == .team(TeamID(team.id)))
            #expect(welcomes.first?.user.rawValue == "channel:" + team.id)
            let data = try JSONDecoder().decode([String: AnyJSON].self, from: Data((welcomes.first?.data ?? "{}").utf8))
            #expect(data["installer"]?.stringValue == "A team owner", "Teams' team install names nobody in `from`")
            #expect(data["team"]?["name"]?.stringValue == team.name)
        } else {
            #expect(welcomes.first?.user.rawValue == MicrosoftFixtures.userObjectId)
            #expect(reference.subject == .user(AADObjectID(MicrosoftFixtures.userObjectId)))
            #expect(reference.conversationId.rawValue == activity.conversation?.id)
            #expect(reference.teamsUserId?.rawValue == activity.from?.id)
        }
    }
}
