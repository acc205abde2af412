import Foundation
import HeraldCore
import HeraldTesting
import Testing

/// Graph responses written the way Graph writes them decode through Herald's Graph wire types.
@Suite("Graph response fixtures")
struct GraphFixtureTests {
    @Test("a users page has its context, its items and an absolute nextLink")
    func usersPage() throws {
        let page = try MicrosoftFixtures.decode(ODataPage<GraphUser>.self, "graph/users-page.json")
        #expect(page.context?.hasPrefix("https://graph.microsoft.com/v1.0/$metadata#users") == true)
        #expect(page.nextLink?.hasPrefix("https://graph.microsoft.com/v1.0/users?") == true)
        #expect(page.nextLink?.contains("$skiptoken=") == true)
        #expect(page.value.map(\.id) == ["e1a4b7c2-9d3f-4a6e-8b1c-5f2d7e9a0c38", "f6b2d8e4-3a9c-4e1f-b7d5-0c8a2e6f4b19"])
        #expect(page.value[1].mail == nil)
    }

    @Test("installed apps with teamsApp and teamsAppDefinition expanded, and a next page")
    func installedApps() throws {
        let page = try MicrosoftFixtures.decode(ODataPage<GraphTeamsAppInstallation>.self, "graph/installedApps-expanded.json")
        #expect(page.context?.hasSuffix("/teamwork/installedApps(teamsApp(),teamsAppDefinition())") == true)
        #expect(page.nextLink != nil)
        let installation = try #require(page.value.first)
        #expect(installation.id != installation.teamsApp?.id, "an installation id is not the app id")
        #expect(installation.teamsApp?.externalId == "3c7e1a9f-2b4d-4e6a-8c0f-5d9b1e3a7c24")
        #expect(installation.teamsApp?.distributionMethod == "organization")
        #expect(installation.teamsAppDefinition?.teamsAppId == installation.teamsApp?.id)
        #expect(installation.teamsAppDefinition?.version == "1.4.2")
    }

    @Test("a catalog lookup by externalId is a one-item last page")
    func catalog() throws {
        let page = try MicrosoftFixtures.decode(ODataPage<GraphTeamsApp>.self, "graph/appCatalogs-teamsApps-by-externalId.json")
        #expect(page.context == "https://graph.microsoft.com/v1.0/$metadata#appCatalogs/teamsApps")
        #expect(page.nextLink == nil)
        #expect(page.value.count == 1)
        #expect(page.value.first?.id != page.value.first?.externalId)
    }

    @Test("an installation's chat is a oneOnOne chat whose id is the personal conversation id")
    func chat() throws {
        let chat = try MicrosoftFixtures.decode(GraphChat.self, "graph/installedApp-chat.json")
        #expect(chat.context?.hasSuffix("#chats/$entity") == true)
        #expect(chat.id.hasPrefix("19:") && chat.id.hasSuffix("@unq.gbl.spaces"))
        #expect(chat.chatType == "oneOnOne")
        #expect(chat.tenantId == "4d6e2f0a-8c1b-4f3e-9a7d-2b5c8e1f0a63")
    }

    @Test(
        "error bodies carry code, message and innerError's request-id, date and client-request-id",
        arguments: [
            ("graph/error-429-TooManyRequests.json", "TooManyRequests", "5c0e9b72-3a1f-4d8e-b6c4-7f2a9d1e8b03"),
            ("graph/error-409-Conflict.json", "Conflict", "0f7b2e94-6d3c-4a15-8e9b-3c1a5d7f2e60"),
            ("graph/error-404-NotFound.json", "NotFound", "e4a19c3d-8b2f-4f76-a0d5-6e9c2b8f1a47"),
        ])
    func errors(_ path: String, _ code: String, _ requestId: String) throws {
        let body = try MicrosoftFixtures.decode(GraphErrorResponse.self, path)
        #expect(body.error.code == code)
        #expect(!body.error.message.isEmpty)
        #expect(body.error.innerError?.requestId == requestId)
        #expect(body.error.innerError?.clientRequestId != nil)
        #expect(body.error.innerError?.date?.count == 19, "yyyy-MM-ddTHH:mm:ss, no offset")
    }

    @Test("a batch response keeps each item's status, Retry-After and error body")
    func batch() throws {
        let batch = try MicrosoftFixtures.decode(GraphBatchResponse.self, "graph/batch-response.json")
        #expect(batch.responses.map(\.status) == [201, 409, 429, 200])
        let throttled = batch.responses[2]
        #expect(throttled.headers?["Retry-After"] == "7")
        let body = try JSONDecoder().decode(GraphErrorResponse.self, from: JSONEncoder().encode(try #require(throttled.body)))
        #expect(body.error.code == "TooManyRequests")
        #expect(body.error.innerError?.requestId == "4b8f2d61-0e7c-4a39-9d5b-8e3a1c6f0b24")
        #expect(batch.responses[0].body == nil, "a 201 install has no body")
        let chat = try JSONDecoder().decode(GraphChat.self, from: JSONEncoder().encode(try #require(batch.responses[3].body)))
        #expect(chat.chatType == "oneOnOne")
    }

    @Test("Graph's innerError date is written as Graph writes it, UTC without an offset")
    func innerErrorDate() {
        let inner = GraphErrorResponse.InnerError(at: Date(timeIntervalSince1970: 1_714_583_112), requestId: "r", clientRequestId: "c")
        #expect(inner.date == "2024-05-01T17:05:12")
    }
}
