public import HeraldCore
public import Logging

/// The one outbound HTTP path for every call to Microsoft: a deadline and a logger on every request, the
/// request's budget spent before it is sent, 429s that pause the whole budget, and retries only where
/// ``RetryPolicy`` says a repeat is safe, after Retry-After or a jittered back-off on the injected clock.
public struct Transport: Sendable {
    /// Deadlines and retries.
    public struct Configuration: Sendable {
        /// The deadline of one exchange.
        public var timeout: Duration
        /// What is retried, and when.
        public var retry: RetryPolicy

        /// A configuration.
        /// - Parameters:
        ///   - timeout: the deadline of one exchange.
        ///   - retry: what is retried.
        public init(timeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy()) {
            self.timeout = timeout
            self.retry = retry
        }
    }

    private let executor: any HTTPExecutor
    private let clock: any HeraldClock
    /// Deadlines and retries.
    public let configuration: Configuration
    private let logger: Logger

    /// A transport.
    /// - Parameters:
    ///   - executor: what sends one exchange (``AsyncHTTPClientExecutor``).
    ///   - clock: the clock waits run on.
    ///   - configuration: deadlines and retries.
    ///   - logger: where retries and failures are logged (operation, status, request id; never a header value).
    public init(
        executor: any HTTPExecutor, clock: any HeraldClock, configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "herald.transport")
    ) {
        self.executor = executor
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
    }

    /// Sends `request`, retrying where it is safe, and returns the final answer, whatever its status (a caller
    /// reads a 404 or a 409 as it means). A 429 that is not retried comes back as an answer too.
    /// - Parameters:
    ///   - request: the request.
    ///   - budget: the rate limit it spends, if any.
    ///   - prepaid: whether the caller already took the first try's place in the budget (a sender that must not
    ///     hold a `sending` row while it waits for its turn).
    /// - Returns: the answer.
    /// - Throws: ``TransportError`` when no answer came (``TransportError/Reason/unreachable`` when it was
    ///   never sent, ``TransportError/Reason/noAnswer`` when it may have been), or `CancellationError`.
    public func send(_ request: OutboundRequest, budget: RequestBudget? = nil, prepaid: Bool = false) async throws -> OutboundResponse {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            if let budget, !(prepaid && attempt == 1) { try await budget.acquire(cost: request.cost) }
            do {
                let response = try await executor.execute(request, timeout: configuration.timeout)
                let retryAfter = RetryAfter.parse(response[header: "retry-after"], now: clock.date)
                if response.status == 429 {
                    await budget?.throttled(retryAfter: retryAfter)
                } else if (200..<500).contains(response.status) {
                    await budget?.succeeded()
                }
                let outcome = RetryPolicy.Outcome.answered(status: response.status, retryAfter: retryAfter)
                guard let wait = configuration.retry.retry(after: outcome, attempt: attempt, idempotent: request.idempotent) else { return response }
                log(
                    request, attempt: attempt, status: response.status,
                    requestId: TransportError(response, operation: request.operation, now: clock.date).requestId, wait: wait)
                try await pause(wait, budgetHandlesIt: response.status == 429 && budget != nil)
            } catch let failure as TransportFailure {
                let outcome: RetryPolicy.Outcome
                switch failure {
                case .notSent: outcome = .notSent
                case .noAnswer: outcome = .noAnswer
                }
                guard let wait = configuration.retry.retry(after: outcome, attempt: attempt, idempotent: request.idempotent) else {
                    switch failure {
                    case .notSent(let detail):
                        throw TransportError(reason: .unreachable, operation: request.operation, detail: "\(Self.place(request.url)): \(detail)")
                    case .noAnswer(let detail):
                        throw TransportError(reason: .noAnswer, operation: request.operation, detail: "\(Self.place(request.url)): \(detail)")
                    }
                }
                log(request, attempt: attempt, status: nil, requestId: nil, wait: wait)
                try await pause(wait, budgetHandlesIt: false)
            }
        }
    }

    /// Waits before a retry; a throttled request of a budget waits in the budget's queue instead (its pause
    /// already holds every request of the budget back).
    private func pause(_ wait: Duration, budgetHandlesIt: Bool) async throws {
        guard !budgetHandlesIt, wait > .zero else { return }
        try await clock.sleep(until: clock.now.advanced(by: wait), tolerance: nil)
    }

    /// A URL without its query (which may carry a filter naming a person).
    static func place(_ url: String) -> String {
        String(url.prefix { $0 != "?" })
    }

    private func log(_ request: OutboundRequest, attempt: Int, status: Int?, requestId: String?, wait: Duration) {
        logger.notice(
            "retrying",
            metadata: [
                "operation": "\(request.operation)", "attempt": "\(attempt)", "status": "\(status.map(String.init) ?? "no answer")",
                "request-id": "\(requestId ?? "-")", "wait.ms": "\(Int(wait.timeInterval * 1000))",
            ])
    }
}
