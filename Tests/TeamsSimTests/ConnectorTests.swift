import Foundation
import HTTPTypes
import HeraldCore
import TeamsSim
import Testing

@Suite("TeamsSim Bot Connector")
struct ConnectorTests {
    private func installed(_ sim: SimClient, _ user: TenantFixture.User) async throws -> String {
        #expect(try await sim.install(user.id).status == 201)
        return sim.chatId(user)
    }

    @Test("the Connector refuses requests without a Bot Framework token")
    func needsToken() async throws {
        try await SimHarness().test { sim in
            let reply = try await sim.request(.post, "/teams/amer/v3/conversations", json: "{}")
            #expect(reply.status == 401)
            let graphToken = try await sim.token(for: "https://graph.microsoft.com")
            #expect(try await sim.request(.post, "/teams/amer/v3/conversations", token: graphToken, json: "{}").status == 401)
        }
    }

    @Test("create conversation answers 201 with the personal chat; before install it is 403; several members are 400")
    func createConversation() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            let body =
                #"{"isGroup": false, "bot": {"id": "28:\#(sim.fixture.botAppId)"}, "members": [{"id": "29:1\#(user.id.replacingOccurrences(of: "-", with: ""))"}], "tenantId": "\#(sim.fixture.tenantId)"}"#
            let before = try await sim.connector(.post, "/conversations", json: body)
            #expect(before.status == 403)
            #expect(before.errorCode == "ForbiddenOperationException")
            let chat = try await installed(sim, user)
            let created = try await sim.connector(.post, "/conversations", json: body)
            #expect(created.status == 201)
            #expect(created.json?["id"] == .string(chat))
            let two = #"{"members": [{"id": "29:1a"}, {"id": "29:1b"}], "tenantId": "\#(sim.fixture.tenantId)"}"#
            let refused = try await sim.connector(.post, "/conversations", json: two)
            #expect(refused.status == 400)
            #expect(refused.errorCode == "BadArgument")
        }
    }

    @Test("sending answers 201 with an activity id, and /_sim/messages shows what arrived")
    func send() async throws {
        try await SimHarness().test { sim in
            let chat = try await installed(sim, sim.ordinaryUser)
            let sent = try await sim.connector(.post, "/conversations/\(chat)/activities", json: #"{"type": "message", "text": "Welcome!"}"#)
            #expect(sent.status == 201)
            let id = try #require(sent.json?["id"]?.stringValue)
            let reply = try await sim.connector(.post, "/conversations/\(chat)/activities/\(id)", json: #"{"type": "message", "text": "And more"}"#)
            #expect(reply.status == 201)
            let messages = try await sim.request(
                .get, "/_sim/messages?conversationId=\(chat.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            ).json
            guard case .array(let delivered)? = messages?["messages"] else {
                Issue.record("no messages")
                return
            }
            #expect(delivered.count == 2)
            #expect(delivered[0]["activity"]?["text"] == .string("Welcome!"))
            #expect(delivered[0]["userId"] == .string(sim.ordinaryUser.id))
            #expect(delivered[1]["activity"]?["replyToId"] == .string(id))
            _ = try await sim.request(.post, "/_sim/reset")
            #expect(try await sim.request(.get, "/_sim/messages").json?["messages"] == .array([]))
        }
    }

    @Test(
        "Teams' refusals: deleted chat 404 ConversationNotFound, blocked bot 403 ConversationBlockedByUser, 413 MessageSizeTooBig, unknown conversation 404"
    )
    func refusals() async throws {
        try await SimHarness().test { sim in
            let deleted = try await installed(sim, sim.userWhoDeletedTheChat)
            let gone = try await sim.connector(.post, "/conversations/\(deleted)/activities", json: #"{"type": "message", "text": "hi"}"#)
            #expect(gone.status == 404)
            #expect(gone.errorCode == "ConversationNotFound")
            let blocked = try await installed(sim, sim.userWhoBlockedTheBot)
            let refused = try await sim.connector(.post, "/conversations/\(blocked)/activities", json: #"{"type": "message", "text": "hi"}"#)
            #expect(refused.status == 403)
            #expect(refused.errorCode == "ConversationBlockedByUser")
            let chat = try await installed(sim, sim.ordinaryUser)
            let huge = #"{"type": "message", "text": "\#(String(repeating: "x", count: 110_000))"}"#
            let tooBig = try await sim.connector(.post, "/conversations/\(chat)/activities", json: huge)
            #expect(tooBig.status == 413)
            #expect(tooBig.errorCode == "MessageSizeTooBig")
            #expect(
                try await sim.connector(.post, "/conversations/a:nope/activities", json: #"{"type": "message"}"#).errorCode == "ConversationNotFound")
        }
    }

    @Test("per conversation: 7 sends in a second, the 8th is 429 Throttled with Retry-After")
    func perConversationLimit() async throws {
        try await SimHarness(configuration: SimConfiguration(port: 0, speed: 0.05)).test { sim in
            let chat = try await installed(sim, sim.ordinaryUser)
            let token = try await sim.token(for: "https://api.botframework.com")
            let path = "/teams/amer/v3/conversations/\(chat)/activities"
            for _ in 0..<7 { #expect(try await sim.request(.post, path, token: token, json: #"{"type": "message"}"#).status == 201) }
            let throttled = try await sim.request(.post, path, token: token, json: #"{"type": "message"}"#)
            #expect(throttled.status == 429)
            #expect(throttled.errorCode == "Throttled")
            #expect(throttled.headers[.init("Retry-After")!] != nil)
            let other = try await installed(sim, sim.fixture.users[4])
            #expect(
                try await sim.request(.post, "/teams/amer/v3/conversations/\(other)/activities", token: token, json: #"{"type": "message"}"#).status
                    == 201, "another conversation is not limited")
        }
    }

    @Test("per bot: 50 sends per second across conversations, then 429")
    func perBotLimit() async throws {
        // A hundred times slower than Teams: the whole loop (eleven installs, fifty-five sends) stays inside one window of
        // the bot's limit even on a loaded machine.
        try await SimHarness(users: 60, configuration: SimConfiguration(port: 0, speed: 0.01)).test { sim in
            let token = try await sim.token(for: "https://api.botframework.com")
            var statuses: [Int] = []
            for user in sim.fixture.users[4..<15] {
                let chat = try await installed(sim, user)
                for _ in 0..<5 {
                    statuses.append(
                        try await sim.request(.post, "/teams/amer/v3/conversations/\(chat)/activities", token: token, json: #"{"type": "message"}"#)
                            .status)
                }
            }
            #expect(statuses.filter { $0 == 201 }.count == 50)
            #expect(statuses.filter { $0 == 429 }.count == 5)
        }
    }

    @Test("members, one member, and paged members with continuation tokens")
    func members() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            let chat = try await installed(sim, user)
            guard case .array(let all)? = try await sim.connector(.get, "/conversations/\(chat)/members").json else {
                Issue.record("no members")
                return
            }
            #expect(all.count == 1)
            #expect(all[0]["aadObjectId"] == .string(user.id))
            #expect(all[0]["objectId"] == .string(user.id))
            let memberId = try #require(all[0]["id"]?.stringValue)
            #expect(
                try await sim.connector(.get, "/conversations/\(chat)/members/\(memberId)").json?["userPrincipalName"]
                    == .string(user.userPrincipalName))
            #expect(try await sim.connector(.get, "/conversations/\(chat)/members/29:other").status == 404)
            let paged = try await sim.connector(.get, "/conversations/\(chat)/pagedmembers?pageSize=10").json
            guard case .array(let page)? = paged?["members"] else {
                Issue.record("no page")
                return
            }
            #expect(page.count == 1)
            #expect(paged?["continuationToken"] == nil)
        }
    }
}

@Suite("TeamsSim teams")
struct TeamRouteTests {
    @Test("each group is a team: details, its General channel, and a roster that pages by continuation token")
    func teams() async throws {
        try await SimHarness(users: 130).test { sim in
            let group = sim.fixture.groups[1]
            let teamId = "19:\(group.id.replacingOccurrences(of: "-", with: ""))@thread.tacv2"
            let encoded = teamId.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let details = try await sim.connector(.get, "/teams/\(encoded)").json
            #expect(details?["aadGroupId"] == .string(group.id))
            #expect(details?["name"] == .string(group.displayName))
            let channels = try await sim.connector(.get, "/teams/\(encoded)/conversations").json
            #expect(channels?["conversations"] == .array([.object(["id": .string(teamId), "name": .string("General")])]))
            var seen = 0
            var token: String? = nil
            var pages = 0
            repeat {
                let query = "pageSize=50" + (token.map { "&continuationToken=\($0)" } ?? "")
                let page = try await sim.connector(.get, "/conversations/\(encoded)/pagedmembers?\(query)").json
                guard case .array(let members)? = page?["members"] else {
                    Issue.record("no members")
                    return
                }
                seen += members.count
                pages += 1
                token = page?["continuationToken"]?.stringValue
            } while token != nil
            #expect(seen == group.members.count)
            #expect(pages == 2)
            #expect(try await sim.connector(.get, "/teams/19%3Anope").status == 404)
        }
    }
}
