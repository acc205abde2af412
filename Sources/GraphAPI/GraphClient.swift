public import Auth
import Foundation
public import HeraldCore
public import Transport

/// Typed Microsoft Graph calls for provisioning, over ``Transport``: every call carries a token from the
/// client-credentials provider (a 401 replaces it once), spends its budget, and turns an error answer into
/// a ``TransportError`` with Graph's code and request id.
public struct GraphClient: Sendable {
    /// Graph's base (`https://graph.microsoft.com/v1.0`; the simulator's `/graph/v1.0`).
    public let baseURL: String
    let transport: Transport
    let tokens: ClientCredentialsTokenProvider
    let clock: any HeraldClock
    /// The tenant's budgets.
    public let budgets: GraphBudgets

    /// A client.
    /// - Parameters:
    ///   - baseURL: Graph's base.
    ///   - transport: the outbound path.
    ///   - tokens: Graph tokens.
    ///   - budgets: the tenant's budgets.
    ///   - clock: the clock.
    public init(baseURL: String, transport: Transport, tokens: ClientCredentialsTokenProvider, budgets: GraphBudgets, clock: any HeraldClock) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.transport = transport
        self.tokens = tokens
        self.budgets = budgets
        self.clock = clock
    }

    /// Sends a request to `path` (relative to the base, or an absolute `@odata.nextLink`) with a token.
    func send(
        _ method: String, _ path: String, body: Data? = nil, idempotent: Bool, operation: String, budget: RequestBudget?, cost: Int = 1
    ) async throws -> OutboundResponse {
        let url = path.hasPrefix("http") ? path : baseURL + path
        return try await tokens.send(through: transport, budget: budget) { token in
            var headers = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            return OutboundRequest(method: method, url: url, headers: headers, body: body, idempotent: idempotent, operation: operation, cost: cost)
        }
    }

    /// Decodes a successful answer, or throws what the error answer says.
    func decode<T: Decodable>(_ type: T.Type, _ response: OutboundResponse, operation: String) throws -> T {
        guard (200..<300).contains(response.status) else { throw TransportError(response, operation: operation, now: clock.date) }
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw TransportError(
                reason: .refused, operation: operation, detail: "the answer is not what Graph documents: \(error)", httpStatus: response.status)
        }
    }

    /// `value` quoted for an OData string literal (`'` doubled) and percent-encoded for a query.
    static func odataString(_ value: String) -> String {
        let quoted = "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        return quoted.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&+=#"))) ?? quoted
    }

    /// A path segment percent-encoded.
    static func segment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? value
    }
}
