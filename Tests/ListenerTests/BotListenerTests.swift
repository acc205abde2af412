import Foundation
import HeraldCore
import HeraldTesting
import Hummingbird
import HummingbirdTesting
import Listener
import ReferenceStore
import Testing

/// The listener in-process: verified activities kept, forged ones refused with nothing stored.
@Suite("BotListener")
struct BotListenerTests {
    static let now = Date()

    struct Harness: Sendable {
        let channel: TestChannel
        let store: SQLiteStore
        let folder: URL

        init() throws {
            channel = try TestChannel()
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-listener-\(UUID().uuidString)")
            store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        }

        func test(maximumBodyBytes: Int = 256 * 1024, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            defer { try? FileManager.default.removeItem(at: folder) }
            try await store.migrate()
            let listener = BotListener(
                configuration: .init(appId: TestChannel.appId, maximumBodyBytes: maximumBodyBytes),
                validator: channel.validator(now: BotListenerTests.now), store: store)
            try await Application(router: listener.router()).test(.router) { client in try await body(client) }
        }
    }

    static func installActivity(
        type: String = "conversationUpdate", action: String? = nil, user: String = "aad-user", at offset: TimeInterval = 0
    ) -> String {
        let stamp = ISO8601DateFormatter().string(from: now.addingTimeInterval(offset))
        let members =
            type == "conversationUpdate" ? #","membersAdded":[{"id":"28:\#(TestChannel.appId)"},{"id":"29:\#(user)","aadObjectId":"\#(user)"}]"# : ""
        let actionField = action.map { #","action":"\#($0)""# } ?? ""
        return """
            {"type":"\(type)"\(actionField),"id":"f:\(UUID().uuidString)","timestamp":"\(stamp)","channelId":"msteams","serviceUrl":"\(TestChannel.serviceUrl)",
             "from":{"id":"29:\(user)","aadObjectId":"\(user)"},"recipient":{"id":"28:\(TestChannel.appId)"},
             "conversation":{"conversationType":"personal","tenantId":"tenant","id":"a:\(user)"}\(members),"channelData":{"tenant":{"id":"tenant"}}}
            """
    }

    static func post(_ client: any TestClientProtocol, _ body: String, authorization: String?) async throws -> Int {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let authorization { headers[.authorization] = authorization }
        return try await client.execute(uri: "/api/messages", method: .post, headers: headers, body: ByteBuffer(string: body)) { Int($0.status.code) }
    }

    @Test("a verified install is kept; duplicates and reordering change nothing")
    func keepsInstalls() async throws {
        let harness = try Harness()
        try await harness.test { client in
            let token = try await harness.channel.genuine(at: Self.now)
            #expect(try await Self.post(client, Self.installActivity(type: "installationUpdate", action: "add", at: 1), authorization: token) == 200)
            #expect(try await Self.post(client, Self.installActivity(), authorization: token) == 200)
            #expect(try await Self.post(client, Self.installActivity(), authorization: token) == 200)
            let references = try await harness.store.references(tenantId: "tenant")
            #expect(references.count == 1)
            #expect(references.first?.reference.conversationId == "a:aad-user")
            #expect(references.first?.active == true)
            #expect(try await harness.store.serviceURL(tenantId: "tenant")?.rawValue == TestChannel.serviceUrl)
            #expect(
                try await Self.post(client, Self.installActivity(type: "installationUpdate", action: "remove", at: 5), authorization: token) == 200)
            #expect(try await Self.post(client, Self.installActivity(at: 2), authorization: token) == 200, "a late duplicate of the install")
            #expect(try await harness.store.references(tenantId: "tenant").first?.active == false)
        }
    }

    @Test("forged requests are answered 401 or 403 and store nothing", arguments: TestChannel.Forgery.allCases)
    func forged(_ forgery: TestChannel.Forgery) async throws {
        let harness = try Harness()
        try await harness.test { client in
            let status = try await Self.post(
                client, Self.installActivity(), authorization: try await harness.channel.authorization(forgery, at: Self.now))
            #expect(status == forgery.expectedStatus)
            #expect(try await harness.store.references(tenantId: nil).isEmpty)
        }
    }

    @Test("oversized bodies get 413, malformed ones 400, unknown types 200 and nothing stored; the server stays up")
    func badInput() async throws {
        let harness = try Harness()
        try await harness.test(maximumBodyBytes: 4_096) { client in
            let token = try await harness.channel.genuine(at: Self.now)
            #expect(try await Self.post(client, String(repeating: " ", count: 5_000) + Self.installActivity(), authorization: token) == 413)
            #expect(try await Self.post(client, "{\"type\": ", authorization: token) == 400)
            #expect(try await Self.post(client, "[1, 2]", authorization: token) == 400)
            #expect(try await Self.post(client, Self.installActivity(type: "typing"), authorization: token) == 200)
            #expect(try await harness.store.references(tenantId: nil).isEmpty)
            #expect(try await Self.post(client, Self.installActivity(), authorization: token) == 200, "still serving")
        }
    }

    @Test("an opt-out message is recorded")
    func optOut() async throws {
        let harness = try Harness()
        try await harness.test { client in
            let message = Self.installActivity(type: "message").replacingOccurrences(
                of: #""type":"message""#, with: #""type":"message","text":"stop""#)
            let token = try await harness.channel.genuine(at: Self.now)
            let status = try await Self.post(client, message, authorization: token)
            #expect(status == 200)
            let optedOut = try await harness.store.hasOptedOut(tenantId: "tenant", user: "aad-user")
            #expect(optedOut)
        }
    }

    @Test("healthz answers ok; metrics counts outcomes in Prometheus text")
    func healthAndMetrics() async throws {
        let harness = try Harness()
        try await harness.test { client in
            #expect(try await client.execute(uri: "/healthz", method: .get) { $0.status } == .ok)
            _ = try await Self.post(client, Self.installActivity(), authorization: nil)
            _ = try await Self.post(client, Self.installActivity(), authorization: try await harness.channel.genuine(at: Self.now))
            let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(metrics.contains(#"herald_listener_requests_total{outcome="unauthorized"} 1"#))
            #expect(metrics.contains(#"herald_listener_requests_total{outcome="accepted"} 1"#))
            #expect(metrics.contains(#"herald_listener_activities_total{type="conversationUpdate"} 1"#))
        }
    }

    @Test("with a welcome wave, a personal install enqueues the person's welcome and a team install one channel welcome saying who added the app")
    func welcomeOnInstall() async throws {
        let channel = try TestChannel()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-listener-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        try await store.createWave(id: "hello", name: "hello", cardTemplate: "{}", at: Self.now)
        let listener = BotListener(
            configuration: .init(appId: TestChannel.appId, welcomeWave: "hello"), validator: channel.validator(now: Self.now), store: store)
        let team = "19:abc@thread.tacv2"
        let teamInstall = """
            {"type":"conversationUpdate","id":"f:1","timestamp":"\(ISO8601DateFormatter().string(from: Self.now))","channelId":"msteams",
             "serviceUrl":"\(TestChannel.serviceUrl)","from":{"id":"29:owner","aadObjectId":"owner","name":"Grace Hopper"},
             "recipient":{"id":"28:\(TestChannel.appId)"},"conversation":{"conversationType":"channel","tenantId":"tenant","id":"\(team)","isGroup":true},
             "membersAdded":[{"id":"28:\(TestChannel.appId)"}],
             "channelData":{"tenant":{"id":"tenant"},"team":{"id":"\(team)","name":"Sales"},"eventType":"teamMemberAdded"}}
            """
        try await Application(router: listener.router()).test(.router) { client in
            let token = try await channel.genuine(at: Self.now)
            #expect(try await Self.post(client, Self.installActivity(type: "installationUpdate", action: "add"), authorization: token) == 200)
            #expect(try await Self.post(client, Self.installActivity(), authorization: token) == 200, "a duplicate install")
            #expect(try await Self.post(client, teamInstall, authorization: token) == 200)
            #expect(try await Self.post(client, teamInstall, authorization: token) == 200, "a replayed team install")
        }
        let deliveries = try await store.deliveries(wave: "hello")
        #expect(deliveries.map(\.user.rawValue).sorted() == ["aad-user", "channel:" + team])
        let teamWelcome = try #require(deliveries.first { $0.user.rawValue.hasPrefix("channel:") })
        #expect(teamWelcome.data?.contains("Grace Hopper") == true && teamWelcome.data?.contains("Sales") == true, "\(teamWelcome.data ?? "-")")
    }
}
