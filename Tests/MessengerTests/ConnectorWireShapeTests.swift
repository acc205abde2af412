import Auth
import BotConnector
import Foundation
import HeraldCore
import HeraldTesting
import Synchronization
import Testing
import Transport

/// The Connector answers Herald reads on the send path, written the way the Bot Connector swagger and Teams' pages
/// give them (`Fixtures/Microsoft/connector/`), not only the simulator's: a send's `ResourceResponse`, a channel
/// thread's and a 1:1 chat's `ConversationResourceResponse`, and a team's `PagedMembersResult` pages.
@Suite("Connector answers, Microsoft's shapes")
struct ConnectorWireShapeTests {
    /// Answers the token request, then the given bodies in order; notes each request's URL and body.
    final class Scripted: HTTPExecutor {
        let answers: Mutex<[OutboundResponse]>
        let requests = Mutex<[(url: String, body: Data?)]>([])
        init(_ answers: [OutboundResponse]) { self.answers = Mutex(answers) }
        func execute(_ request: OutboundRequest, timeout: Duration) async throws(TransportFailure) -> OutboundResponse {
            if request.url.contains("/oauth2/v2.0/token") {
                return OutboundResponse(
                    status: 200, body: Data(#"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0.e30.c2ln"}"#.utf8))
            }
            requests.withLock { $0.append((request.url, request.body)) }
            return answers.withLock { $0.isEmpty ? OutboundResponse(status: 500) : $0.removeFirst() }
        }
    }

    static func connector(_ executor: Scripted) -> ConnectorClient {
        // The system clock: the budget paces a roster's second page a millisecond after the first.
        let clock = SystemClock()
        let transport = Transport(executor: executor, clock: clock, configuration: .init(retry: .connector(maximumAttempts: 1)))
        let tokens = ClientCredentialsTokenProvider(
            configuration: .init(
                loginURL: "https://login.microsoftonline.com", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", clientId: "bot",
                clientSecret: ClientSecret("s"), scope: ClientCredentialsTokenProvider.Configuration.botFrameworkScope),
            transport: transport, clock: clock)
        return ConnectorClient(
            transport: transport, tokens: tokens, budget: RequestBudget(name: "connector", limit: 1000, clock: clock), clock: clock)
    }

    static func fixture(_ status: Int, _ path: String) throws -> OutboundResponse {
        OutboundResponse(status: status, headers: ["Content-Type": "application/json"], body: try MicrosoftFixtures.data(path))
    }

    static let serviceURL = ServiceURL(rawValue: "https://smba.trafficmanager.net/amer/")

    @Test("a send answered with a ResourceResponse is sent, with the activity id Teams gave")
    func send() async throws {
        let executor = Scripted([try Self.fixture(201, "connector/send-activity-201.json")])
        let (event, _) = try await Self.connector(executor).sendActivity(
            Data(#"{"type":"message","text":"hi"}"#.utf8), to: "a:1Xk9QWQzdMZ4y7RuHgL6u2CZ0cVbE5pNqI3sTjwYfA8oKhD1mBvG", serviceURL: Self.serviceURL)
        #expect(try DeliveryState.sending.on(event).state == .sent(activityId: "1:1QnV8kq3fZr0mYc4L2sX9tWb7hJd5pE6aGu"))
        #expect(
            executor.requests.withLock { $0.first?.url }
                == "https://smba.trafficmanager.net/amer/v3/conversations/a:1Xk9QWQzdMZ4y7RuHgL6u2CZ0cVbE5pNqI3sTjwYfA8oKhD1mBvG/activities")
    }

    @Test("a 404 ConversationNotFound in Microsoft's ErrorResponse is read with its code")
    func notFound() async throws {
        let executor = Scripted([try Self.fixture(404, "connector/error-404-ConversationNotFound.json")])
        let (event, _) = try await Self.connector(executor).sendActivity(Data(#"{"type":"message"}"#.utf8), to: "a:1", serviceURL: Self.serviceURL)
        #expect(event == .answered(ServiceAnswer(status: 404, errorCode: "ConversationNotFound", message: "Conversation not found.")))
    }

    @Test(
        "a 1:1 conversation's ConversationResourceResponse (only an `a:` id, as Teams documents it) gives the conversation id; the request names the bot, the person by object id and the tenant"
    )
    func personalConversation() async throws {
        let executor = Scripted([try Self.fixture(201, "connector/create-personal-conversation-201.json")])
        let conversation = try await Self.connector(executor).createConversation(
            serviceURL: Self.serviceURL, bot: BotID(appId: "bot"), user: "0f2c6a4e-8b1d-4e3f-9a7c-5d6e8f0a1b2c",
            tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47")
        #expect(conversation.rawValue == "a:1Zq3nVb8Xc5Lw2Ke7Rt4Yp9Mu6Hs1Dj0Fg3Ak8Ol5Ei2Wn7Qc4Tv9Bx6Rz1Um3Sy8Pd0Gh5Jf2Lk7")
        let request = try #require(executor.requests.withLock { $0.first })
        #expect(request.url == "https://smba.trafficmanager.net/amer/v3/conversations")
        let body = try #require(request.body)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(object["isGroup"] as? Bool == false)
        #expect((object["bot"] as? [String: Any])?["id"] as? String == "28:bot")
        #expect((object["members"] as? [[String: Any]])?.map { $0["id"] as? String } == ["0f2c6a4e-8b1d-4e3f-9a7c-5d6e8f0a1b2c"])
        #expect(
            ((object["channelData"] as? [String: Any])?["tenant"] as? [String: Any])?["id"] as? String == "72f988bf-86f1-41af-91ab-2d7cd011db47")
    }

    @Test(
        "a channel thread's ConversationResourceResponse gives the thread's conversation id; the request carries isGroup, the channel and the activity"
    )
    func thread() async throws {
        let executor = Scripted([try Self.fixture(201, "connector/create-channel-thread-201.json")])
        let (event, _) = try await Self.connector(executor).createThread(
            Data(#"{"type":"message","text":"hello, team"}"#.utf8), in: "19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2",
            serviceURL: Self.serviceURL,
            tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", bot: BotID(appId: "bot"))
        #expect(
            try DeliveryState.sending.on(event).state == .sent(activityId: "19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2;messageid=1732960800123")
        )
        let body = try #require(executor.requests.withLock { $0.first?.body })
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(object["isGroup"] as? Bool == true)
        #expect(
            ((object["channelData"] as? [String: Any])?["channel"] as? [String: Any])?["id"] as? String
                == "19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2")
        #expect((object["activity"] as? [String: Any])?["text"] as? String == "hello, team")
    }

    @Test("a team's roster is read page by page until a page has no continuation token, with the Entra object ids")
    func roster() async throws {
        let executor = Scripted([
            try Self.fixture(200, "connector/pagedmembers-page-1.json"), try Self.fixture(200, "connector/pagedmembers-page-2.json"),
        ])
        let members = try await Self.connector(executor).teamMembers("19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2", serviceURL: Self.serviceURL)
        #expect(
            members.map(\.aadObjectId) == [
                "6b3f1a2e-8c4d-4f5e-9a6b-7c8d9e0f1a2b", "0f1e2d3c-4b5a-6978-8a9b-acbdcedf0123", "9a8b7c6d-5e4f-4321-8fed-cba987654321",
            ])
        #expect(members.map(\.name) == ["Ada Lovelace", "Grace Hopper", "Katherine Johnson"])
        let urls = executor.requests.withLock { $0.map(\.url) }
        #expect(urls.count == 2)
        #expect(urls[1].contains("continuationToken=a%3A1bF7vdXpJ6k%2D9QyRzGs%5F2uVnM4cWtE0aL8oHiK3xYmT5DqP"), "\(urls[1])")
    }
}
