/// Counts requests per key in several sliding windows at once (Teams' per-conversation limit is
/// 7 per 1 s, 8 per 2 s, 60 per 30 s and 1,800 per hour together) and says how long to wait.
///
/// A plain value: the owner (an actor) feeds it the time, so tests drive it with any clock.
struct SlidingWindowLimiter {
    /// One limit: at most `limit` requests in any `window`.
    struct Window: Sendable, Equatable {
        let limit: Int
        let window: Duration
    }

    enum Decision: Equatable {
        case allowed
        case throttled(retryAfter: Duration)
    }

    let windows: [Window]
    private var history: [String: [ContinuousClock.Instant]] = [:]
    private var blockedUntil: [String: ContinuousClock.Instant] = [:]

    init(_ windows: [Window]) {
        self.windows = windows
    }

    /// Records a request for `key` at `now` if every window allows it.
    ///
    /// A request made while a previous 429's Retry-After has not passed is refused again, with the
    /// time still to wait, and pushes nothing into the windows.
    mutating func acquire(_ key: String, at now: ContinuousClock.Instant) -> Decision {
        if let until = blockedUntil[key], now < until {
            return .throttled(retryAfter: until - now)
        }
        let longest = windows.map(\.window).max() ?? .zero
        var stamps = history[key, default: []]
        if let cut = stamps.firstIndex(where: { now - $0 < longest }) { stamps.removeFirst(cut) } else { stamps.removeAll() }
        var wait = Duration.zero
        for window in windows {
            let recent = stamps.filter { now - $0 < window.window }
            if recent.count >= window.limit {
                let oldestThatMustExpire = recent[recent.count - window.limit]
                wait = max(wait, oldestThatMustExpire + window.window - now)
            }
        }
        if wait > .zero {
            history[key] = stamps
            blockedUntil[key] = now + wait
            return .throttled(retryAfter: wait)
        }
        stamps.append(now)
        history[key] = stamps
        return .allowed
    }

    /// Forgets everything.
    mutating func reset() {
        history.removeAll()
        blockedUntil.removeAll()
    }
}
