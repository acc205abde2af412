public import Transport

extension ClientCredentialsTokenProvider {
    /// Sends the request `make` builds with a token, through `transport`: when the service answers 401, the token
    /// is dropped and the request is sent once more with a new one (a token revoked or rotated early).
    /// - Parameters:
    ///   - transport: the outbound path.
    ///   - budget: the rate limit the request spends, if any.
    ///   - prepaid: whether the caller already took the first try's place in the budget.
    ///   - make: the request, given a bearer token.
    /// - Returns: the answer (a second 401 comes back as an answer).
    public nonisolated func send(
        through transport: Transport, budget: RequestBudget?, prepaid: Bool = false, _ make: (_ token: String) -> OutboundRequest
    ) async throws -> OutboundResponse {
        var token = try await token()
        var response = try await transport.send(make(token), budget: budget, prepaid: prepaid)
        if response.status == 401 {
            await refused(token)
            token = try await self.token()
            response = try await transport.send(make(token), budget: budget)
        }
        return response
    }
}
