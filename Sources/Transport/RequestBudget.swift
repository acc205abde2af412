public import HeraldCore

/// One of a service's rate limits, shared by every caller that spends it (the tenant's `installedApps`
/// budget, 30 requests per second per app; the Connector's 50 per second): where Herald's 429 handling
/// lives, with ``RetryPolicy``.
///
/// At most `limit · headroom` requests per second are let through in any one window (a sliding window, as the
/// services count), so Herald runs at the edge instead of bouncing off it. A 429 pauses the whole budget for its
/// Retry-After, not just the one request, and lowers the rate (adaptive back-off); each success raises it
/// again, up to the ceiling.
public actor RequestBudget {
    /// The budget's name, for logs (`graph.installedApps`).
    public nonisolated let name: String
    /// The service's limit, requests per second.
    public nonisolated let limit: Double
    /// The window the service counts requests in (a second; the simulator at `--speed 10` counts in 100 ms).
    public nonisolated let window: Duration
    private let ceiling: Double
    private let floor: Double
    private let clock: any HeraldClock
    private var rate: Double
    /// When the requests of the last second were let through, oldest first.
    private var granted: [WallInstant] = []
    private var pausedUntil: WallInstant?
    /// How many 429s the budget has seen.
    public private(set) var throttles = 0

    /// A budget.
    /// - Parameters:
    ///   - name: its name, for logs.
    ///   - limit: the service's limit, requests per second.
    ///   - window: the window the service counts requests in.
    ///   - headroom: the fraction of the limit to use (0.98: just under it).
    ///   - clock: the clock requests wait on.
    public init(name: String, limit: Double, window: Duration = .seconds(1), headroom: Double = 0.98, clock: any HeraldClock) {
        self.name = name
        self.limit = limit
        self.window = window
        ceiling = limit * headroom
        floor = limit * 0.25
        rate = limit * headroom
        self.clock = clock
    }

    /// The rate requests are spaced at now, requests per second.
    public var currentRate: Double { rate }

    /// Waits for this request's turn: `cost` places in the last window (one; the items of a `$batch`), after any
    /// pause a 429 asked for. A cost above the window's capacity takes the whole window.
    /// - Parameter cost: how many requests it counts as.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func acquire(cost: Int = 1) async throws {
        while true {
            let now = clock.now
            if let paused = pausedUntil, now < paused {
                try await clock.sleep(until: paused, tolerance: nil)
                continue
            }
            let windowStart = now.advanced(by: .zero - window)
            granted.removeAll { $0 <= windowStart }
            let capacity = max(1, Int(rate * window.timeInterval))
            let places = min(max(cost, 1), capacity)
            if granted.count + places <= capacity {
                granted.append(contentsOf: repeatElement(now, count: places))
                return
            }
            try await clock.sleep(until: granted[granted.count + places - 1 - capacity].advanced(by: window), tolerance: nil)
        }
    }

    /// The service answered 429: pause every request of the budget for `retryAfter` (one second when the
    /// service named no time) and lower the rate by a fifth, down to a quarter of the limit.
    /// - Parameter retryAfter: the Retry-After the service sent.
    public func throttled(retryAfter: Duration?) {
        throttles += 1
        let until = clock.now.advanced(by: retryAfter ?? .seconds(1))
        pausedUntil = max(pausedUntil ?? until, until)
        rate = max(floor, rate * 0.8)
    }

    /// A request of the budget succeeded: the rate recovers a little, up to the ceiling.
    public func succeeded() {
        rate = min(ceiling, rate + limit * 0.01)
    }
}
