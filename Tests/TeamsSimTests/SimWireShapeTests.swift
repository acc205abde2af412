import Foundation
import HTTPTypes
import HeraldCore
import HeraldTesting
import TeamsSim
import Testing

/// What the sim emits decodes through the same HeraldCore wire types as Microsoft's own payloads (the
/// fixtures), and every date it writes comes from its one clock.
@Suite("TeamsSim wire shapes and clock")
struct SimWireShapeTests {
    static let fixed = Date(timeIntervalSince1970: 1_714_583_112.5)

    @Test("pages have an absolute $metadata context and nextLink, and decode as ODataPage like Graph's")
    func pages() async throws {
        try await SimHarness(users: 30).test { sim in
            let reply = try await sim.graph(.get, "/users?$top=10&$select=id,displayName,userPrincipalName,mail")
            let page = try JSONDecoder().decode(ODataPage<GraphUser>.self, from: reply.body)
            #expect(page.context?.hasSuffix("/graph/v1.0/$metadata#users") == true)
            #expect(page.context?.hasPrefix("http://") == true)
            #expect(page.nextLink?.contains("/graph/v1.0/users?") == true)
            #expect(page.value.count == 10)
            let catalog = try JSONDecoder().decode(ODataPage<GraphTeamsApp>.self, from: try await sim.graph(.get, "/appCatalogs/teamsApps").body)
            #expect(catalog.context?.hasSuffix("$metadata#appCatalogs/teamsApps") == true)
            #expect(catalog.value.first?.id == sim.fixture.app.id)
        }
    }

    @Test("installedApps with $expand and the installation's chat decode as Graph's do")
    func installations() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            #expect(try await sim.install(user.id).status == 201)
            let reply = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps?$expand=teamsApp,teamsAppDefinition")
            let page = try JSONDecoder().decode(ODataPage<GraphTeamsAppInstallation>.self, from: reply.body)
            #expect(page.context?.hasSuffix("/teamwork/installedApps(teamsApp(),teamsAppDefinition())") == true)
            let installation = try #require(page.value.first)
            #expect(installation.teamsApp?.externalId == sim.fixture.app.externalId)
            #expect(installation.teamsAppDefinition?.teamsAppId == sim.fixture.app.id)
            let chat = try JSONDecoder().decode(
                GraphChat.self, from: try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps/\(installation.id)/chat").body)
            #expect(chat.id == sim.chatId(user))
            #expect(chat.chatType == "oneOnOne")
            #expect(chat.context?.hasSuffix("#chats/$entity") == true)
        }
    }

    @Test("error bodies, and error bodies inside a batch, decode as GraphErrorResponse with the request id")
    func errors() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            _ = try await sim.install(user.id)
            let conflict = try await sim.install(user.id)
            #expect(conflict.status == 409)
            let body = try JSONDecoder().decode(GraphErrorResponse.self, from: conflict.body)
            #expect(body.error.code == "Conflict")
            #expect(body.error.innerError?.requestId == conflict.headers[.init("request-id")!])
            let batch = try await sim.graph(.post, "/$batch", json: #"{"requests": [{"id": "a", "method": "GET", "url": "/users/nobody"}]}"#)
            let item = try #require(try JSONDecoder().decode(GraphBatchResponse.self, from: batch.body).responses.first)
            #expect(item.status == 404)
            let inner = try JSONDecoder().decode(GraphErrorResponse.self, from: JSONEncoder().encode(try #require(item.body)))
            #expect(inner.error.code == "Request_ResourceNotFound")
        }
    }

    @Test("Connector errors decode as the swagger's ErrorResponse")
    func connectorErrors() async throws {
        try await SimHarness().test { sim in
            let reply = try await sim.connector(
                .post, "/conversations/19:nobody@unq.gbl.spaces/activities", json: #"{"type": "message", "text": "hi"}"#)
            #expect(reply.status == 404)
            let body = try JSONDecoder().decode(ConnectorErrorResponse.self, from: reply.body)
            #expect(body.error.code == "ConversationNotFound")
        }
    }

    @Test("an injected clock is the one the sim reads: error dates and token times follow it")
    func oneClock() async throws {
        try await SimHarness(clock: SimClock(wall: { Self.fixed })).test { sim in
            let reply = try await sim.graph(.get, "/users/nobody")
            let body = try JSONDecoder().decode(GraphErrorResponse.self, from: reply.body)
            #expect(body.error.innerError?.date == "2024-05-01T17:05:12")
            let token = try await sim.token(for: "https://graph.microsoft.com")
            let payload = try #require(Data(base64URL: String(token.split(separator: ".")[1])))
            let claims = try JSONDecoder().decode([String: AnyJSON].self, from: payload)
            #expect(claims["iat"] == .number(Self.fixed.timeIntervalSince1970.rounded(.down)))
        }
    }
}
