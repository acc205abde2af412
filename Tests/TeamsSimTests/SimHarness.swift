import AsyncHTTPClient
import Foundation
import HeraldCore
import Hummingbird
import HummingbirdTesting
import TeamsSim
import Testing

/// Runs a simulator for one test, with helpers that speak its wire protocols.
struct SimHarness {
    let fixture: TenantFixture
    let configuration: SimConfiguration
    let clock: SimClock

    /// A tenant of `users` people in which user 1 is blocked by policy, user 2 blocked the bot and
    /// user 3 deleted the chat; everyone else is an ordinary licensed member without the app, unless
    /// `adjust` says otherwise.
    init(
        users: Int = 30, seed: UInt64 = 7, configuration: SimConfiguration = SimConfiguration(port: 0), clock: SimClock = .system,
        adjust: (inout TenantFixture) -> Void = { _ in }
    ) {
        let generated = TenantFixture.generate(seed: seed, users: users)
        var fixture = generated
        for index in fixture.users.indices {
            var user = TenantFixture.User(
                id: generated.users[index].id, userPrincipalName: generated.users[index].userPrincipalName,
                displayName: generated.users[index].displayName, region: generated.users[index].region)
            user.userPrincipalName = user.userPrincipalName.replacingOccurrences(of: "_fabrikam.example#EXT#", with: "")
            user.installBlocked = index == 1
            user.blockedBot = index == 2
            user.deletedChat = index == 3
            fixture.users[index] = user
        }
        adjust(&fixture)
        self.fixture = fixture
        self.configuration = configuration
        self.clock = clock
    }

    /// Runs `body` against the simulator in-process (no sockets).
    func test<Value: Sendable>(_ setup: TestingSetup = .router, _ body: @escaping @Sendable (SimClient) async throws -> Value) async throws -> Value {
        let app = try await TeamsSim(fixture: fixture, configuration: configuration, clock: clock).application(httpClient: .shared)
        let fixture = fixture
        return try await app.test(setup) { client in
            try await body(SimClient(client: client, fixture: fixture))
        }
    }
}

/// A client of a running simulator.
struct SimClient: Sendable {
    let client: any TestClientProtocol
    let fixture: TenantFixture

    struct Reply: Sendable {
        let status: Int
        let headers: HTTPFields
        let body: Data

        var json: AnyJSON? { try? JSONDecoder().decode(AnyJSON.self, from: body) }
        var errorCode: String? { json?["error"]?["code"]?.stringValue }
    }

    func request(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, form: String? = nil) async throws -> Reply {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let body = (json ?? form).map { ByteBuffer(string: $0) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Reply(status: Int(response.status.code), headers: response.headers, body: Data(response.body.readableBytesView))
        }
    }

    /// A client-credentials token for `resource` (`https://graph.microsoft.com` or `https://api.botframework.com`).
    func token(for resource: String) async throws -> String {
        let scope = (resource + "/.default").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let reply = try await request(
            .post, "/login/\(fixture.tenantId)/oauth2/v2.0/token",
            form: "grant_type=client_credentials&client_id=\(fixture.botAppId)&client_secret=\(fixture.botAppSecret)&scope=\(scope)")
        return try #require(reply.json?["access_token"]?.stringValue, "token request failed: \(String(decoding: reply.body, as: UTF8.self))")
    }

    func graph(_ method: HTTPRequest.Method, _ path: String, json: String? = nil) async throws -> Reply {
        try await request(method, "/graph/v1.0" + path, token: try await token(for: "https://graph.microsoft.com"), json: json)
    }

    func install(_ userId: String, app: String? = nil) async throws -> Reply {
        try await graph(
            .post, "/users/\(userId)/teamwork/installedApps",
            json: #"{"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/\#(app ?? fixture.app.id)"}"#)
    }

    func connector(_ method: HTTPRequest.Method, _ path: String, json: String? = nil, region: String = "amer") async throws -> Reply {
        try await request(method, "/teams/\(region)/v3" + path, token: try await token(for: "https://api.botframework.com"), json: json)
    }

    /// The personal chat id of a user (what Graph's installation chat and the Connector both use).
    func chatId(_ user: TenantFixture.User) -> String { "19:\(user.id)_\(fixture.botAppId)@unq.gbl.spaces" }

    /// A user without any special fixture flags.
    var ordinaryUser: TenantFixture.User { fixture.users[0] }
    var policyBlockedUser: TenantFixture.User { fixture.users[1] }
    var userWhoBlockedTheBot: TenantFixture.User { fixture.users[2] }
    var userWhoDeletedTheChat: TenantFixture.User { fixture.users[3] }
}

extension AnyJSON {
    /// The elements, if this is an array.
    var arrayValue: [AnyJSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The number as an integer, if this is one.
    var intValue: Int? {
        if case .number(let value) = self { return Int(value) }
        return nil
    }
}
