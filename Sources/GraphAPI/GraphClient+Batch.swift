import Foundation
public import HeraldCore
public import Transport

extension GraphClient {
    /// The most requests Graph accepts in one JSON batch.
    public static let batchLimit = 20

    /// Sends GET requests as JSON batches (`POST /$batch`, at most 20 each) and returns each one's final answer,
    /// in the order of `paths`.
    ///
    /// Every item counts against `budget` as a request of its own. Graph's SDKs do not retry an item of a batch;
    /// this does, because the items are reads: an item answered 429 pauses the budget for its Retry-After and is
    /// sent again in a later batch, and so is one answered 408 or 5xx, after a back-off, until the transport's
    /// retry policy gives up; its last answer is then returned as it is.
    /// - Parameters:
    ///   - paths: the requests' URLs relative to the version root (`/users/ada@contoso.com?$select=id`).
    ///   - budget: the budget the items spend.
    ///   - operation: a short name for logs and errors.
    /// - Returns: one answer per path.
    public func batchGet(_ paths: [String], budget: RequestBudget, operation: String) async throws -> [GraphBatchResponse.Item] {
        var answers = [GraphBatchResponse.Item?](repeating: nil, count: paths.count)
        var pending = Array(paths.indices)
        let policy = transport.configuration.retry
        var attempt = 0
        while !pending.isEmpty {
            attempt += 1
            var again: [Int] = []
            var wait: Duration = .zero
            for start in stride(from: 0, to: pending.count, by: Self.batchLimit) {
                let chunk = Array(pending[start..<min(start + Self.batchLimit, pending.count)])
                let items = try await batch(chunk.map { GraphBatchRequest.Item(id: String($0), method: "GET", url: paths[$0]) }, budget, operation)
                for index in chunk {
                    let answer =
                        items[String(index)]
                        ?? GraphBatchResponse.Item(id: String(index), status: 502, headers: nil, body: nil)
                    answers[index] = answer
                    let retryAfter = RetryAfter.parse(answer.headers?.first { $0.key.lowercased() == "retry-after" }?.value, now: clock.date)
                    if answer.status == 429 { await budget.throttled(retryAfter: retryAfter) }
                    let outcome = RetryPolicy.Outcome.answered(status: answer.status, retryAfter: retryAfter)
                    if let delay = policy.retry(after: outcome, attempt: attempt, idempotent: true) {
                        again.append(index)
                        // A throttled item waits in the budget, whose pause holds every request back.
                        if answer.status != 429 { wait = max(wait, delay) }
                    }
                }
            }
            pending = again
            if !pending.isEmpty, wait > .zero { try await clock.sleep(until: clock.now.advanced(by: wait), tolerance: nil) }
        }
        return answers.map { $0! }
    }

    /// One `POST /$batch`, its answers by item id.
    private func batch(
        _ items: [GraphBatchRequest.Item], _ budget: RequestBudget, _ operation: String
    ) async throws -> [String: GraphBatchResponse.Item] {
        let body = try JSONEncoder().encode(GraphBatchRequest(requests: items))
        // Every item is a read, so the whole batch may be repeated.
        let response = try await send("POST", "/$batch", body: body, idempotent: true, operation: operation, budget: budget, cost: items.count)
        let decoded = try decode(GraphBatchResponse.self, response, operation: operation)
        return Dictionary(decoded.responses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension GraphBatchResponse.Item {
    /// The item's body decoded as `type`.
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(body ?? AnyJSON.null))
    }

    /// The item as an outbound response, for a ``TransportError``.
    var response: OutboundResponse {
        OutboundResponse(
            status: status, headers: Dictionary((headers ?? [:]).map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first }),
            body: (try? JSONEncoder().encode(body ?? AnyJSON.null)) ?? Data())
    }
}
