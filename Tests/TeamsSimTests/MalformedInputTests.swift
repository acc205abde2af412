import AsyncHTTPClient
import Foundation
import HeraldCore
import Hummingbird
import HummingbirdTesting
import TeamsSim
import Testing

/// The simulator never traps on input: every route that reads a body answers a malformed one with a 4xx
/// and an error body in its family's shape, odd URLs and queries included, and keeps serving.
@Suite("TeamsSim malformed input")
struct MalformedInputTests {
    /// Bodies no route accepts: empty, not JSON, truncated, the wrong JSON type, a huge number, an empty string.
    static let garbage = ["", "not json", "{\"a\":", "[1, 2]", "null", "123456789012345678901234567890", "1e999", "\"\"", "{\"x\": [}", "\u{0}\u{1}"]

    static func expectRefused(_ reply: SimClient.Reply, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect((400..<500).contains(reply.status), "\(what) answered \(reply.status)", sourceLocation: sourceLocation)
        #expect(
            reply.json?["error"] != nil, "\(what) has no error body: \(String(decoding: reply.body, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    @Test("Graph: $batch, install and query parameters refuse malformed input with a Graph error body")
    func graph() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser.id
            let batchBodies =
                Self.garbage + [
                    "{}", #"{"requests": "x"}"#, #"{"requests": [{"id": 1, "method": "GET", "url": "/users"}]}"#,
                    #"{"requests": [{"id": "1", "method": "GET"}]}"#,
                    #"{"requests": [{"id": "", "method": "", "url": ""}, {"id": "", "method": "GET", "url": "/users"}]}"#,
                    #"{"requests": [\#((1...21).map { #"{"id": "\#($0)", "method": "GET", "url": "/users"}"# }.joined(separator: ","))]}"#,
                ]
            for body in batchBodies {
                Self.expectRefused(try await sim.graph(.post, "/$batch", json: body), "$batch \(body.prefix(40))")
            }
            let installBodies =
                Self.garbage + ["{}", #"{"teamsApp@odata.bind": 5}"#, #"{"teamsApp@odata.bind": ""}"#, #"{"teamsApp@odata.bind": "/"}"#]
            for body in installBodies {
                Self.expectRefused(try await sim.graph(.post, "/users/\(user)/teamwork/installedApps", json: body), "install \(body.prefix(40))")
            }
            for query in [
                "$top=0", "$top=-1", "$top=99999999999999999999", "$top=", "$skiptoken=-1", "$skiptoken=9223372036854775807", "$skiptoken=x",
            ] {
                Self.expectRefused(try await sim.graph(.get, "/users?\(query)"), "users?\(query)")
            }
            for filter in ["eq", "externalId eq", "externalId eq 'x", "'' eq ''", " and "] {
                let encoded = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                Self.expectRefused(try await sim.graph(.get, "/appCatalogs/teamsApps?$filter=\(encoded)"), "filter \(filter)")
            }
            Self.expectRefused(try await sim.graph(.post, "/users/\(user)/teamwork/installedApps/x/chat", json: "{}"), "POST to a GET resource")
            let body = try JSONDecoder().decode(GraphErrorResponse.self, from: try await sim.graph(.get, "/users?$top=0").body)
            #expect(body.error.code == "BadRequest")
            #expect(body.error.innerError?.requestId != nil && body.error.innerError?.date != nil)
        }
    }

    @Test("$batch items with empty or odd URLs each get their own 400 in a 200 batch")
    func oddBatchURLs() async throws {
        try await SimHarness().test { sim in
            let urls = [
                "", "?", "?=", "=", "&&", "/?a=1&=2&b", "%", "/%ZZ", "//", "/users/", "users?$top=1e9", "/" + String(repeating: "a/", count: 500),
            ]
            let items = urls.enumerated().map { index, url in
                GraphBatchRequest.Item(id: "\(index)", method: index.isMultiple(of: 2) ? "GET" : "", url: url)
            }
            let batch = String(decoding: try JSONEncoder().encode(GraphBatchRequest(requests: items)), as: UTF8.self)
            let reply = try await sim.graph(.post, "/$batch", json: batch)
            #expect(reply.status == 200)
            let answers = try JSONDecoder().decode(GraphBatchResponse.self, from: reply.body).responses
            #expect(answers.count == urls.count)
            for answer in answers where answer.status != 200 {
                #expect((400..<500).contains(answer.status), "item \(answer.id) answered \(answer.status)")
                let error = try JSONDecoder().decode(GraphErrorResponse.self, from: JSONEncoder().encode(try #require(answer.body)))
                #expect(!error.error.code.isEmpty)
            }
        }
    }

    @Test("Connector: create conversation, send and paged members refuse malformed input with an ErrorResponse")
    func connector() async throws {
        try await SimHarness().test { sim in
            let user = sim.ordinaryUser
            #expect(try await sim.install(user.id).status == 201)
            let chat = sim.chatId(user)
            let createBodies =
                Self.garbage + [
                    #"{"members": "x"}"#, #"{"members": [{"id": 5}]}"#, #"{"members": [{"id": ""}]}"#, #"{"members": []}"#, #"{"tenantId": 7}"#,
                ]
            for body in createBodies {
                Self.expectRefused(try await sim.connector(.post, "/conversations", json: body), "create \(body.prefix(40))")
            }
            let sendBodies =
                Self.garbage + [
                    "{}", #"{"type": ""}"#, #"{"type": 5}"#, #"{"type": "message", "attachments": "x"}"#, #"{"type": "message", "from": {"id": 1}}"#,
                ]
            for body in sendBodies {
                Self.expectRefused(try await sim.connector(.post, "/conversations/\(chat)/activities", json: body), "send \(body.prefix(40))")
                Self.expectRefused(try await sim.connector(.post, "/conversations/\(chat)/activities/1:1", json: body), "reply \(body.prefix(40))")
            }
            for token in ["-1", "x", "9223372036854775807", "99999999999999999999999"] {
                Self.expectRefused(
                    try await sim.connector(.get, "/conversations/\(chat)/pagedmembers?continuationToken=\(token)"), "pagedmembers \(token)")
            }
            Self.expectRefused(try await sim.connector(.put, "/conversations/\(chat)/activities/1:1", json: "not json"), "PUT")
            #expect(try await sim.connector(.get, "/").status == 404, "no route at the Connector root")
        }
    }

    @Test("the token endpoint and the test hooks refuse malformed forms and bodies")
    func loginAndHooks() async throws {
        try await SimHarness().test { sim in
            let forms = [
                "", "=", "==", "&", "=&=", "%", "grant_type", "grant_type=client_credentials&client_id=&client_secret=&scope=",
                String(repeating: "a=b&", count: 2_000),
            ]
            for form in forms {
                Self.expectRefused(
                    try await sim.request(.post, "/login/\(sim.fixture.tenantId)/oauth2/v2.0/token", form: form), "form \(form.prefix(30))")
            }
            Self.expectRefused(try await sim.request(.post, "/login/%20/oauth2/v2.0/token", form: "grant_type=client_credentials"), "blank tenant")
            for body in ["", "not json", "[1]", "null", "\"\"", "123456789012345678901234567890"] {
                Self.expectRefused(try await sim.request(.post, "/_sim/tokens", json: body), "_sim/tokens \(body.prefix(30))")
            }
        }
    }

    @Test("after all of it the simulator still serves")
    func stillServes() async throws {
        try await SimHarness().test { sim in
            _ = try await sim.graph(.post, "/$batch", json: #"{"requests": [{"id": "1", "method": "GET", "url": ""}]}"#)
            _ = try await sim.request(.post, "/login/\(sim.fixture.tenantId)/oauth2/v2.0/token", form: "=")
            #expect(try await sim.graph(.get, "/users?$top=1").status == 200)
            #expect(try await sim.request(.get, "/botframework/v1/.well-known/keys").status == 200)
        }
    }

    @Test("a fixture with an empty catalog, or a speed of zero, is a startup error, not a trap")
    func startupErrors() async throws {
        var empty = TenantFixture.generate(seed: 1, users: 3)
        empty.catalog = []
        #expect(throws: SimStartupError.self) { try empty.validate() }
        await #expect(throws: SimStartupError.self) { _ = try await TeamsSim(fixture: empty).application(httpClient: .shared) }
        var blankRegion = TenantFixture.generate(seed: 1, users: 3)
        blankRegion.users[0].region = ""
        #expect(throws: SimStartupError.self) { try blankRegion.validate() }
        let stopped = SimConfiguration(port: 0, speed: 0)
        await #expect(throws: SimStartupError.self) {
            _ = try await TeamsSim(fixture: .generate(seed: 1, users: 3), configuration: stopped).application(httpClient: .shared)
        }
        for speed in [Double.nan, .infinity, -1, 1e-300] {
            #expect(throws: SimStartupError.self) { try SimConfiguration(port: 0, speed: speed).validate() }
        }
        #expect(throws: SimStartupError.self) { try SimConfiguration(port: 0, dropRate: 0.8, duplicateRate: 0.5).validate() }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-empty-catalog-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try JSONEncoder().encode(empty).write(to: url)
        #expect(throws: SimStartupError.self) { _ = try TenantFixture(contentsOf: url) }
        #expect(TenantFixture.generate(seed: 1, users: -5).users.isEmpty, "a negative size is an empty directory, not a trap")
    }
}
