import Foundation
public import HeraldCore
public import Transport

/// Access tokens for an app registration by the client-credentials grant
/// (`POST {login}/{tenant}/oauth2/v2.0/token`): cached, refreshed before they expire, one request shared by
/// every caller that needs a token at the same time, and a token a service refused (401) replaced once.
public actor ClientCredentialsTokenProvider {
    /// The app registration and the scope.
    public struct Configuration: Sendable {
        /// The identity platform's authority host (`https://login.microsoftonline.com`; the simulator's `/login`).
        public var loginURL: String
        /// The tenant (or `botframework.com` for a multi-tenant bot's Connector token).
        public var tenantId: String
        /// The app's client id.
        public var clientId: String
        /// The app's secret.
        public var clientSecret: ClientSecret
        /// The scope (`https://graph.microsoft.com/.default`).
        public var scope: String
        /// How long before expiry a token is replaced.
        public var refreshMargin: Duration

        /// A configuration.
        /// - Parameters:
        ///   - loginURL: the authority host.
        ///   - tenantId: the tenant.
        ///   - clientId: the client id.
        ///   - clientSecret: the secret.
        ///   - scope: the scope.
        ///   - refreshMargin: how long before expiry a token is replaced.
        public init(
            loginURL: String, tenantId: String, clientId: String, clientSecret: ClientSecret, scope: String, refreshMargin: Duration = .seconds(300)
        ) {
            self.loginURL = loginURL
            self.tenantId = tenantId
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.scope = scope
            self.refreshMargin = refreshMargin
        }

        /// Microsoft Graph's scope.
        public static let graphScope = "https://graph.microsoft.com/.default"
        /// The Bot Connector's scope.
        public static let botFrameworkScope = "https://api.botframework.com/.default"
    }

    private struct Cached {
        let token: String
        let expiresAt: WallInstant
    }

    private let configuration: Configuration
    private let transport: Transport
    private let clock: any HeraldClock
    private var cached: Cached?
    private var pending: Task<Cached, any Error>?
    /// How many tokens were requested from the identity platform (tests read it).
    public private(set) var requests = 0

    /// A provider.
    /// - Parameters:
    ///   - configuration: the registration and scope.
    ///   - transport: the outbound path.
    ///   - clock: the clock expiry is read from.
    public init(configuration: Configuration, transport: Transport, clock: any HeraldClock) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
    }

    /// A token valid for at least the refresh margin.
    /// - Throws: ``TokenRequestError`` when the identity platform refuses, `TransportError` when it cannot be reached.
    public func token() async throws -> String {
        if let cached, clock.now.advanced(by: configuration.refreshMargin) < cached.expiresAt { return cached.token }
        if let pending { return try await pending.value.token }
        let task = Task { [configuration, transport, clock] in try await Self.request(configuration, transport, clock) }
        pending = task
        defer { pending = nil }
        requests += 1
        let fresh = try await task.value
        cached = fresh
        return fresh.token
    }

    /// A service refused `token` (401): it is dropped, so the next ``token()`` asks for a new one. A token that
    /// was already replaced is left alone, so many callers refused at once cause one refresh.
    /// - Parameter token: the refused token.
    public func refused(_ token: String) {
        if cached?.token == token { cached = nil }
    }

    private struct Answer: Decodable {
        let access_token: String
        let expires_in: Double
    }

    private struct Refusal: Decodable {
        let error: String?
        let error_description: String?
    }

    /// `application/x-www-form-urlencoded`: everything but unreserved characters percent-encoded (a secret may
    /// hold `+`, `&` or `=`).
    static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    private static func request(_ configuration: Configuration, _ transport: Transport, _ clock: any HeraldClock) async throws -> Cached {
        let fields = [
            ("grant_type", "client_credentials"), ("client_id", configuration.clientId), ("client_secret", configuration.clientSecret.value),
            ("scope", configuration.scope),
        ]
        let body = Data(fields.map { "\($0.0)=\(formEncoded($0.1))" }.joined(separator: "&").utf8)
        let base = configuration.loginURL.hasSuffix("/") ? String(configuration.loginURL.dropLast()) : configuration.loginURL
        let request = OutboundRequest(
            method: "POST", url: "\(base)/\(configuration.tenantId)/oauth2/v2.0/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body, idempotent: true, operation: "login.token")
        let startedAt = clock.now
        let response = try await transport.send(request)
        guard response.status == 200, let answer = try? JSONDecoder().decode(Answer.self, from: response.body) else {
            let refusal = try? JSONDecoder().decode(Refusal.self, from: response.body)
            throw TokenRequestError(
                serviceErrorCode: refusal?.error, detail: refusal?.error_description ?? "HTTP \(response.status)", httpStatus: response.status,
                scope: configuration.scope)
        }
        return Cached(token: answer.access_token, expiresAt: startedAt.advanced(by: .seconds(answer.expires_in)))
    }
}
