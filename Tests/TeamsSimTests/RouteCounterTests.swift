import Foundation
import HTTPTypes
import HeraldCore
import TeamsSim
import Testing

@Suite("TeamsSim: per-route counters")
struct RouteCounterTests {
    static func batchInstall(_ id: String, _ userId: String, _ sim: SimClient) -> String {
        #"{"id": "\#(id)", "method": "POST", "url": "/users/\#(userId)/teamwork/installedApps", "headers": {"Content-Type": "application/json"}, "body": {"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/\#(sim.fixture.app.id)"}}"#
    }

    @Test("requests count under method and templated path, batch items under their own routes too; the old keys stay")
    func routes() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser, other = sim.fixture.users[5]
            #expect(try await sim.install(user.id).status == 201)
            let listed = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps")
            let installation = try #require(listed.json?["value"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps/\(installation)/chat").status == 200)
            #expect(try await sim.graph(.get, "/users?$select=id&$top=5").status == 200)
            let items = [
                Self.batchInstall("1", other.id, sim), #"{"id": "2", "method": "GET", "url": "/users/\#(other.id)"}"#,
                #"{"id": "3", "method": "GET", "url": "users?$top=2"}"#,
            ]
            #expect(try await sim.graph(.post, "/$batch", json: #"{"requests": [\#(items.joined(separator: ","))]}"#).status == 200)
            let chat = sim.chatId(user)
            #expect(try await sim.connector(.post, "/conversations", json: #"{"members": [{"id": "\#(user.id)"}]}"#).status == 201)
            let encoded = chat.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await sim.connector(.post, "/conversations/\(encoded)/activities", json: #"{"type": "message", "text": "hi"}"#).status == 201)
            #expect(try await sim.connector(.get, "/conversations/\(encoded)/members").status == 200)
            #expect(try await sim.graph(.get, "/nothing/here").status == 400)
            _ = try await sim.request(.get, "/botframework/v1/.well-known/openidconfiguration")

            let counters = try #require(try await sim.request(.get, "/_sim/counters").json)
            let routes = try #require(counters["routes"])
            let expected: [String: Int] = [
                "POST /users/{id}/teamwork/installedApps": 2,
                "GET /users/{id}/teamwork/installedApps": 1,
                "GET /users/{id}/teamwork/installedApps/{id}/chat": 1,
                "GET /users": 2,
                "GET /users/{id}": 1,
                "POST /$batch": 1,
                "POST /v3/conversations": 1,
                "POST /v3/conversations/{id}/activities": 1,
                "GET /v3/conversations/{id}/members": 1,
                "GET (no Graph route)": 1,
                "GET /v1/.well-known/openidconfiguration": 1,
                "POST /{id}/oauth2/v2.0/token": 9,
            ]
            for (key, count) in expected { #expect(routes[key]?.intValue == count, "\(key): \(String(describing: routes[key]))") }
            #expect(Set(routes.objectKeys) == Set(expected.keys), "no other routes: \(routes.objectKeys.sorted())")
            #expect(counters["requests"]?["graph"]?.intValue == 6, "the batch is one Graph request, as before")
            #expect(counters["requests"]?["connector"]?.intValue == 3)
            for key in ["throttled", "faults", "activities"] { #expect(counters[key] != nil, "\(key) is still there") }
            _ = try await sim.request(.post, "/_sim/reset")
            #expect(try await sim.request(.get, "/_sim/counters").json?["routes"] == .object([:]))
        }
    }

    @Test("the timeline: the first and the last install answered 201 and message delivered, on the sim's clock; a 409 moves nothing")
    func timeline() async throws {
        try await SimHarness().test { sim in
            func timeline() async throws -> SimTimeline {
                try JSONDecoder().decode(SimCounters.self, from: try await sim.request(.get, "/_sim/counters").body).timeline
            }
            #expect(try await timeline() == SimTimeline(), "nothing yet")
            let user = sim.ordinaryUser, other = sim.fixture.users[5]
            #expect(try await sim.install(user.id).status == 201)
            let first = try await timeline()
            let firstInstall = try #require(first.firstInstall)
            #expect(first.lastInstall == firstInstall)
            #expect(first.firstMessage == nil && first.lastMessage == nil)
            #expect(try await sim.install(other.id).status == 201)
            let second = try await timeline()
            #expect(second.firstInstall == firstInstall)
            let lastInstall = try #require(second.lastInstall)
            #expect(lastInstall > firstInstall)
            #expect(try await sim.install(user.id).status == 409)
            #expect(try await timeline().lastInstall == lastInstall, "a 409 is not an install")
            let encoded = sim.chatId(user).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for _ in 0..<2 {
                #expect(
                    try await sim.connector(.post, "/conversations/\(encoded)/activities", json: #"{"type": "message", "text": "hi"}"#).status == 201)
            }
            let sent = try await timeline()
            let firstMessage = try #require(sent.firstMessage), lastMessage = try #require(sent.lastMessage)
            #expect(firstMessage > lastInstall && lastMessage > firstMessage)
            _ = try await sim.request(.post, "/_sim/reset")
            #expect(try await timeline() == SimTimeline(), "a reset clears it")
        }
    }
}
