import Foundation
import HTTPTypes
import HeraldCore
import TeamsSim
import Testing

@Suite("TeamsSim: create conversation by Entra object id")
struct CreateConversationByObjectIdTests {
    private static func body(_ memberId: String, _ sim: SimClient) -> String {
        #"{"isGroup": false, "bot": {"id": "28:\#(sim.fixture.botAppId)"}, "members": [{"id": "\#(memberId)"}], "channelData": {"tenant": {"id": "\#(sim.fixture.tenantId)"}}}"#
    }

    @Test("the object id, 8:orgid:<id> and the 29: id all answer 201 with the Graph installation's chat id")
    func objectIdAnswersTheChat() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            #expect(try await sim.install(user.id).status == 201)
            let listed = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps")
            let installation = try #require(listed.json?["value"]?.arrayValue?.first?["id"]?.stringValue)
            let chat = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps/\(installation)/chat").json?["id"]
            let botScoped = "29:1" + user.id.replacingOccurrences(of: "-", with: "")
            for memberId in [user.id, user.id.uppercased(), "8:orgid:\(user.id)", botScoped] {
                let created = try await sim.connector(.post, "/conversations", json: Self.body(memberId, sim))
                #expect(created.status == 201, "member id \(memberId)")
                #expect(created.json?["id"] == chat, "member id \(memberId)")
            }
        }
    }

    @Test("Teams' refusals stay: not installed 403, uninstalled 403, a UPN or an unknown id 400")
    func refusals() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            let before = try await sim.connector(.post, "/conversations", json: Self.body(user.id, sim))
            #expect(before.status == 403)
            #expect(before.errorCode == "ForbiddenOperationException")
            #expect(try await sim.install(user.id).status == 201)
            let byName = try await sim.connector(.post, "/conversations", json: Self.body(user.userPrincipalName, sim))
            #expect(byName.status == 400)
            #expect(byName.errorCode == "BadArgument")
            let unknown = try await sim.connector(.post, "/conversations", json: Self.body(UUID().uuidString.lowercased(), sim))
            #expect(unknown.status == 400)
            let listed = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps")
            let installation = try #require(listed.json?["value"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await sim.graph(.delete, "/users/\(user.id)/teamwork/installedApps/\(installation)").status == 204)
            let after = try await sim.connector(.post, "/conversations", json: Self.body(user.id, sim))
            #expect(after.status == 403, "an uninstalled app has no personal scope to create in")
            #expect(after.errorCode == "ForbiddenOperationException")
        }
    }

    @Test("a preinstalled user's conversation exists from the start, by object id, with no install call")
    func preinstalled() async throws {
        let harness = SimHarness { $0.users[4].preinstalled = true }
        try await harness.test { sim in
            let user = sim.fixture.users[4]
            let created = try await sim.connector(.post, "/conversations", json: Self.body(user.id, sim))
            #expect(created.status == 201)
            #expect(created.json?["id"] == .string(sim.chatId(user)))
        }
    }
}
