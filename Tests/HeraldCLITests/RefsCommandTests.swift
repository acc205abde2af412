import Foundation
import HeraldCore
import ReferenceStore
import Testing

@Suite("herald refs")
struct RefsCommandTests {
    @Test("lists what the store holds, as a table and as JSON; an empty store says how references arrive", arguments: TestDatabases.Kind.allCases)
    func lists(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.with(kind) { url in try await lists(url) }
    }

    private func lists(_ url: String) async throws {
        let empty = try Herald.run(["refs", "--store", url])
        #expect(empty.status == 0)
        #expect(empty.output.contains("herald listen"))
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let reference = ConversationReference(
            tenantId: "t1", subject: .user("u1"), bot: BotID(appId: "b"), conversationId: "a:1",
            serviceURL: "https://smba.trafficmanager.net/amer/", teamsUserId: "29:1", observedAt: at)
        try await StoreLocation(url).withStore { store in
            try await store.observe(reference)
            try await store.deactivate(reference.key, at: at.addingTimeInterval(1))
        }
        let table = try Herald.run(["refs", "--store", url])
        #expect(table.output.contains("u1"))
        #expect(table.output.contains("inactive"))
        #expect(table.output.contains("1 reference, 0 active"))
        let json = try Herald.run(["refs", "--json"], environment: ["HERALD_STORE": url])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        #expect(decoded?.first?["conversationId"] as? String == "a:1")
        #expect(decoded?.first?["capturedAt"] as? String == "2023-11-14T22:13:20Z")
        #expect(decoded?.first?["teamsUserId"] as? String == "29:1")
        #expect((decoded?.first?["subject"] as? [String: String]) == ["kind": "personal", "id": "u1"])
    }

    @Test("a malformed store URL is a usage error that does not echo a password")
    func badURL() throws {
        let result = try Herald.run(["refs", "--store", "mysql://user:secret@host/db"])
        #expect(result.status == 2)
        #expect(!result.output.contains("secret"))
    }
}
