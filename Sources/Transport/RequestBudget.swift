public import HeraldCore

/// One of a service's rate limits, shared by every caller that spends it (the tenant's `installedApps`
/// budget, 30 requests per second per app; the Connector's 50 per second): where Herald's 429 handling
/// lives, with ``RetryPolicy``.
///
/// Requests are paced, not burst: each takes the next free slot at `limit · headroom` per second, so the service's
/// window never sees a burst that latency jitter could push over the limit, and Herald runs at the edge instead
/// of bouncing off it. On top, no more than the limit is let through in any one window of the service (a sliding
/// window, as the services count). A 429 pauses the whole budget for its Retry-After, not just the one request,
/// and lowers the rate a little (adaptive back-off); each success raises it again, up to the ceiling.
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
    /// The next free slot of the pacing.
    private var nextSlot: WallInstant?
    /// When the requests of the last window were let through, oldest first.
    private var granted: [WallInstant] = []
    private var pausedUntil: WallInstant?
    /// This process's part of the limit, when several share it (the workers of one wave).
    private var share = 1.0
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
    public var currentRate: Double { rate * share }

    /// Takes only a part of the limit: `share` of the rate, and of the requests a window may hold (several processes
    /// that spend one tenant's budget, each `1/N` of it).
    /// - Parameter share: the part, 0 < share ≤ 1.
    public func setShare(_ share: Double) {
        self.share = min(max(share, 0.001), 1)
    }

    /// Waits for this request's turn: its slot in the pacing (`cost` slots: one; the items of a `$batch`), after
    /// any pause a 429 asked for, and room in the service's window. A cost above the window's capacity takes the
    /// whole window.
    /// - Parameter cost: how many requests it counts as.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func acquire(cost: Int = 1) async throws {
        let cost = max(cost, 1)
        var slotTaken = false
        while true {
            let now = clock.now
            if let paused = pausedUntil, now < paused {
                // A 429 came (perhaps while this request waited for its slot): it takes a new slot after the pause.
                slotTaken = false
                try await clock.sleep(until: paused, tolerance: nil)
                continue
            }
            if !slotTaken {
                let slot = max(now, nextSlot ?? now)
                nextSlot = slot.advanced(by: .seconds(Double(cost) / max(rate * share, 0.001)))
                slotTaken = true
                if slot > now {
                    try await clock.sleep(until: slot, tolerance: nil)
                    continue
                }
            }
            let windowStart = now.advanced(by: .zero - window)
            granted.removeAll { $0 <= windowStart }
            let capacity = max(1, Int((limit * share * window.timeInterval).rounded(.down)))
            let places = min(cost, capacity)
            if granted.count + places <= capacity {
                granted.append(contentsOf: repeatElement(now, count: places))
                return
            }
            try await clock.sleep(until: granted[granted.count + places - 1 - capacity].advanced(by: window), tolerance: nil)
        }
    }

    /// The service answered 429: pause every request of the budget for `retryAfter` (one second when the
    /// service named no time) and lower the rate by a twentieth, down to a quarter of the limit. A lone 429 is most
    /// often jitter at the edge of the window, and costs little; callers that overrun a shared limit draw one 429
    /// after another, and the cuts compound.
    /// - Parameter retryAfter: the Retry-After the service sent.
    public func throttled(retryAfter: Duration?) {
        throttles += 1
        let until = clock.now.advanced(by: retryAfter ?? .seconds(1))
        pausedUntil = max(pausedUntil ?? until, until)
        nextSlot = max(nextSlot ?? until, until)
        rate = max(floor, rate * 0.95)
    }

    /// A request of the budget succeeded: the rate recovers a little, up to the ceiling.
    public func succeeded() {
        rate = min(ceiling, rate + limit * 0.01)
    }
}
