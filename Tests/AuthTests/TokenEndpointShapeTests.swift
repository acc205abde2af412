import Auth
import Foundation
import HeraldCore
import HeraldTesting
import Synchronization
import Testing
import Transport

/// The token provider against answers written the way the Microsoft identity platform documents them (the
/// client-credentials success body, and its error body with `error_codes`, `trace_id` and `correlation_id`),
/// not only against the simulator; and the one retry with a fresh token after a 401.
@Suite("Token endpoint, Microsoft's shapes")
struct TokenEndpointShapeTests {
    final class Scripted: HTTPExecutor {
        let answers: Mutex<[OutboundResponse]>
        let authorizations = Mutex<[String]>([])
        init(_ answers: [OutboundResponse]) { self.answers = Mutex(answers) }
        func execute(_ request: OutboundRequest, timeout: Duration) async throws(TransportFailure) -> OutboundResponse {
            if let header = request.headers.first(where: { $0.name == "Authorization" }) { authorizations.withLock { $0.append(header.value) } }
            return answers.withLock { $0.isEmpty ? OutboundResponse(status: 500) : $0.removeFirst() }
        }
    }

    static let success =
        #"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}"#
    static let refusal = """
        {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\\r\\nTrace ID: 0a4bd9e2-5e0c-4d3b-9f61-4f2e6a2c1d00\\r\\nCorrelation ID: 7b1f3c2a-9d84-4e6f-8a0b-2c3d4e5f6a7b\\r\\nTimestamp: 2024-05-01 10:00:00Z","error_codes":[7000215],"timestamp":"2024-05-01 10:00:00Z","trace_id":"0a4bd9e2-5e0c-4d3b-9f61-4f2e6a2c1d00","correlation_id":"7b1f3c2a-9d84-4e6f-8a0b-2c3d4e5f6a7b","error_uri":"https://login.microsoftonline.com/error?code=7000215"}
        """

    static func provider(_ executor: Scripted) -> (ClientCredentialsTokenProvider, Transport) {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_700_000_000))
        let transport = Transport(executor: executor, clock: clock, configuration: .init(retry: RetryPolicy(maximumAttempts: 1)))
        let provider = ClientCredentialsTokenProvider(
            configuration: .init(
                loginURL: "https://login.microsoftonline.com", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", clientId: "app",
                clientSecret: ClientSecret("s"),
                scope: ClientCredentialsTokenProvider.Configuration.graphScope), transport: transport, clock: clock)
        return (provider, transport)
    }

    @Test("the documented success body gives the token; the documented error body gives its code and AADSTS description")
    func shapes() async throws {
        let (ok, _) = Self.provider(Scripted([OutboundResponse(status: 200, body: Data(Self.success.utf8))]))
        #expect(try await ok.token() == "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln")
        let (refused, _) = Self.provider(Scripted([OutboundResponse(status: 401, body: Data(Self.refusal.utf8))]))
        do {
            _ = try await refused.token()
            Issue.record("no error")
        } catch let error as TokenRequestError {
            #expect(error.serviceErrorCode == "invalid_client")
            #expect(error.detail.hasPrefix("AADSTS7000215"))
        }
    }

    @Test("a 401 from the service drops the token and sends once more with a new one; a second 401 comes back")
    func refreshOnce() async throws {
        let second = #"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"second"}"#
        let executor = Scripted([
            OutboundResponse(status: 200, body: Data(Self.success.utf8)), OutboundResponse(status: 401),
            OutboundResponse(status: 200, body: Data(second.utf8)), OutboundResponse(status: 401),
        ])
        let (provider, transport) = Self.provider(executor)
        let response = try await provider.send(through: transport, budget: nil) { token in
            OutboundRequest(
                method: "GET", url: "https://graph.microsoft.com/v1.0/users", headers: [("Authorization", "Bearer \(token)")], idempotent: true,
                operation: "graph.users")
        }
        #expect(response.status == 401)
        #expect(executor.authorizations.withLock { $0 } == ["Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln", "Bearer second"])
        #expect(await provider.requests == 2)
    }
}
