import Foundation
import HTTPTypes
import HeraldCore
import TeamsSim
import Testing

@Suite("TeamsSim Graph")
struct GraphTests {
    @Test("Graph refuses requests without a Graph token")
    func needsToken() async throws {
        try await SimHarness().test { sim in
            #expect(try await sim.request(.get, "/graph/v1.0/users").status == 401)
            let connectorToken = try await sim.token(for: "https://api.botframework.com")
            let wrongAudience = try await sim.request(.get, "/graph/v1.0/users", token: connectorToken)
            #expect(wrongAudience.status == 401)
            #expect(wrongAudience.errorCode == "InvalidAuthenticationToken")
        }
    }

    @Test("users page with $top and @odata.nextLink until every user is seen; $select trims fields")
    func usersPaging() async throws {
        try await SimHarness(users: 250).test { sim in
            var seen: [String] = []
            var next: String? = "/users?$top=100&$select=id,displayName"
            while let path = next {
                let page = try await sim.graph(.get, path)
                #expect(page.status == 200)
                guard case .array(let users)? = page.json?["value"] else {
                    Issue.record("no value")
                    return
                }
                for user in users {
                    seen.append(user["id"]?.stringValue ?? "")
                    #expect(user["userPrincipalName"] == nil)
                    #expect(user["displayName"] != nil)
                }
                next = page.json?["@odata.nextLink"]?.stringValue.map { link in String(link[link.range(of: "/graph/v1.0")!.upperBound...]) }
            }
            #expect(seen == sim.fixture.users.map(\.id))
            #expect(try await sim.graph(.get, "/users?$top=1000").status == 400)
        }
    }

    @Test("a user by id or by UPN; an unknown one is 404 Request_ResourceNotFound")
    func singleUser() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            #expect(try await sim.graph(.get, "/users/\(user.id)").json?["userPrincipalName"] == .string(user.userPrincipalName))
            #expect(try await sim.graph(.get, "/users/\(user.userPrincipalName)").json?["id"] == .string(user.id))
            let unknown = try await sim.graph(.get, "/users/nobody@contoso.example")
            #expect(unknown.errorCode == "Request_ResourceNotFound")
        }
    }

    @Test("group transitive members are typed users and page")
    func groups() async throws {
        try await SimHarness(users: 120).test { sim in
            let group = sim.fixture.groups[1]
            let page = try await sim.graph(.get, "/groups/\(group.id)/transitiveMembers?$top=999")
            guard case .array(let members)? = page.json?["value"] else {
                Issue.record("no value")
                return
            }
            #expect(members.count == group.members.count)
            #expect(members.first?["@odata.type"] == .string("#microsoft.graph.user"))
        }
    }

    @Test("the org catalog filters on externalId and distributionMethod")
    func catalog() async throws {
        try await SimHarness().test { sim in
            let byExternal = try await sim.graph(.get, "/appCatalogs/teamsApps?$filter=externalId%20eq%20'\(sim.fixture.app.externalId)'")
            guard case .array(let apps)? = byExternal.json?["value"] else {
                Issue.record("no value")
                return
            }
            #expect(apps.map { $0["id"] } == [.string(sim.fixture.app.id)])
            guard
                case .array(let org)? = try await sim.graph(.get, "/appCatalogs/teamsApps?$filter=distributionMethod%20eq%20'organization'").json?[
                    "value"]
            else {
                Issue.record("no value")
                return
            }
            #expect(org.count == sim.fixture.catalog.count)
            #expect(try await sim.graph(.get, "/appCatalogs/teamsApps?$filter=startswith(displayName,'H')").status == 400)
        }
    }

    @Test("install: 201 with an empty body, then 409; 404 for an app not in the catalog; 403 when a policy blocks")
    func install() async throws {
        try await SimHarness().test { sim in
            let first = try await sim.install(sim.ordinaryUser.id)
            #expect(first.status == 201)
            #expect(first.body.isEmpty)
            #expect(try await sim.install(sim.ordinaryUser.id).status == 409)
            let missing = try await sim.install(sim.ordinaryUser.id, app: "00000000-0000-0000-0000-000000000000")
            #expect(missing.status == 404)
            #expect(missing.json?["error"]?["innerError"]?["request-id"] != nil, "Graph's error body carries a request id")
            #expect(try await sim.install(sim.policyBlockedUser.id).status == 403)
            #expect(try await sim.graph(.post, "/users/\(sim.ordinaryUser.id)/teamwork/installedApps", json: "{}").status == 400)
        }
    }

    @Test("installedApps lists with $filter and $expand, and the installation's chat is the personal conversation")
    func installedAppsAndChat() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            let empty = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps?$filter=teamsApp/id%20eq%20'\(sim.fixture.app.id)'")
            #expect(empty.json?["value"] == .array([]))
            _ = try await sim.install(user.id)
            let listed = try await sim.graph(
                .get, "/users/\(user.id)/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id%20eq%20'\(sim.fixture.app.id)'")
            guard case .array(let items)? = listed.json?["value"], let installation = items.first else {
                Issue.record("no installation")
                return
            }
            #expect(installation["teamsApp"]?["externalId"] == .string(sim.fixture.app.externalId))
            let id = try #require(installation["id"]?.stringValue)
            let chat = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps/\(id)/chat")
            #expect(chat.json?["id"] == .string(sim.chatId(user)))
            let created = try await sim.connector(
                .post, "/conversations",
                json:
                    #"{"bot": {"id": "28:\#(sim.fixture.botAppId)"}, "members": [{"id": "\#(user.id)"}], "channelData": {"tenant": {"id": "\#(sim.fixture.tenantId)"}}}"#
            )
            #expect(created.json?["id"] == chat.json?["id"])
        }
    }

    @Test("installedApps allows 30 GETs per second; the 31st gets 429 with Retry-After, and so does an early retry; POSTs have their own 30")
    func installedAppsLimit() async throws {
        try await SimHarness(configuration: SimConfiguration(port: 0, speed: 0.05)).test { sim in
            let token = try await sim.token(for: "https://graph.microsoft.com")
            let path = "/graph/v1.0/users/\(sim.ordinaryUser.id)/teamwork/installedApps"
            for _ in 0..<30 { #expect(try await sim.request(.get, path, token: token).status == 200) }
            let throttled = try await sim.request(.get, path, token: token)
            #expect(throttled.status == 429)
            #expect(throttled.errorCode == "TooManyRequests")
            let retryAfter = try #require(throttled.headers[.init("Retry-After")!].flatMap(Double.init))
            #expect(retryAfter > 0)
            #expect(try await sim.request(.get, path, token: token).status == 429, "retrying before Retry-After has passed is throttled again")
            #expect(
                try await sim.request(.get, "/graph/v1.0/users/\(sim.ordinaryUser.id)", token: token).status == 200,
                "other Graph calls are not limited")
            let install = #"{"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/\#(sim.fixture.app.id)"}"#
            #expect(
                [201, 409].contains(try await sim.request(.post, path, token: token, json: install).status),
                "installs are limited apart from reads (Graph lists GET and POST installedApps as two 30 rps limits)")
            let counters = try await sim.request(.get, "/_sim/counters").json
            #expect(counters?["throttled"]?["graph"] == .number(2))
        }
    }

    @Test("$batch: at most 20 unique ids; items answered with their own status; a failed dependency gives 424")
    func batch() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            let install =
                #"{"id": "1", "method": "POST", "url": "/users/\#(user.id)/teamwork/installedApps", "headers": {"Content-Type": "application/json"}, "body": {"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/\#(sim.fixture.app.id)"}}"#
            let again =
                #"{"id": "2", "method": "POST", "url": "/users/\#(user.id)/teamwork/installedApps", "headers": {"Content-Type": "application/json"}, "body": {"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/\#(sim.fixture.app.id)"}}"#
            let dependent = #"{"id": "3", "method": "GET", "url": "/users/\#(user.id)", "dependsOn": ["2"]}"#
            let reply = try await sim.graph(.post, "/$batch", json: #"{"requests": [\#(install), \#(again), \#(dependent)]}"#)
            #expect(reply.status == 200)
            guard case .array(let responses)? = reply.json?["responses"] else {
                Issue.record("no responses")
                return
            }
            let statuses = Dictionary(uniqueKeysWithValues: responses.map { ($0["id"]?.stringValue ?? "", $0["status"]) })
            #expect(statuses == ["1": .number(201), "2": .number(409), "3": .number(424)])
            let tooMany = (1...21).map { #"{"id": "\#($0)", "method": "GET", "url": "/users"}"# }.joined(separator: ",")
            #expect(try await sim.graph(.post, "/$batch", json: #"{"requests": [\#(tooMany)]}"#).status == 400)
            #expect(
                try await sim.graph(
                    .post, "/$batch",
                    json: #"{"requests": [{"id": "1", "method": "GET", "url": "/users"}, {"id": "1", "method": "GET", "url": "/users"}]}"#
                ).status == 400)
        }
    }

    @Test("$batch items are throttled one by one with 429 and Retry-After in the item's headers")
    func batchThrottling() async throws {
        try await SimHarness(configuration: SimConfiguration(port: 0, speed: 0.05)).test { sim in
            let items = (1...20).map { #"{"id": "\#($0)", "method": "GET", "url": "/users/\#(sim.ordinaryUser.id)/teamwork/installedApps"}"# }.joined(
                separator: ",")
            let first = try await sim.graph(.post, "/$batch", json: #"{"requests": [\#(items)]}"#)
            let second = try await sim.graph(.post, "/$batch", json: #"{"requests": [\#(items)]}"#)
            guard case .array(let a)? = first.json?["responses"], case .array(let b)? = second.json?["responses"] else {
                Issue.record("no responses")
                return
            }
            let statuses = (a + b).compactMap { $0["status"] }
            #expect(statuses.filter { $0 == .number(200) }.count == 30)
            let throttled = (a + b).filter { $0["status"] == .number(429) }
            #expect(throttled.count == 10)
            #expect(throttled.allSatisfy { $0["headers"]?["Retry-After"] != nil })
        }
    }

    @Test("uninstalling blocks writes to the chat with Teams' MessageWritesBlocked shape")
    func uninstall() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            _ = try await sim.install(user.id)
            guard case .array(let items)? = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps").json?["value"],
                let id = items.first?["id"]?.stringValue
            else {
                Issue.record("no installation")
                return
            }
            #expect(try await sim.graph(.delete, "/users/\(user.id)/teamwork/installedApps/\(id)").status == 204)
            let send = try await sim.connector(.post, "/conversations/\(sim.chatId(user))/activities", json: #"{"type": "message", "text": "hi"}"#)
            #expect(send.status == 403)
            #expect(send.json?["errorCode"] == .number(209))
        }
    }
}
