public import HeraldCore

/// Teams' limits per conversation, kept from the client side: at most 7 messages a second, 8 in two seconds,
/// 60 in thirty seconds and 1,800 in an hour to one conversation (the simulator's `--speed` scales the windows).
public actor ConversationBudget {
    /// One limit: at most `count` in any `window`.
    public struct Window: Sendable {
        let count: Int
        let window: Duration
    }

    /// Teams' documented windows.
    public static func teams(scale: Double = 1) -> [Window] {
        let scale = max(scale, 0.001)
        return [(7, 1.0), (8, 2.0), (60, 30.0), (1800, 3600.0)].map { Window(count: $0.0, window: .seconds($0.1 / scale)) }
    }

    private let windows: [Window]
    private let clock: any HeraldClock
    private var sent: [ConversationID: [WallInstant]] = [:]
    private var acquisitions = 0

    /// A budget.
    /// - Parameters:
    ///   - windows: the limits.
    ///   - clock: the clock.
    public init(windows: [Window] = ConversationBudget.teams(), clock: any HeraldClock) {
        self.windows = windows
        self.clock = clock
    }

    /// Waits until one more message to `conversation` fits every window, and counts it.
    /// - Parameter conversation: the conversation.
    public func acquire(_ conversation: ConversationID) async throws {
        while true {
            let now = clock.now
            let longest = windows.map(\.window).max() ?? .zero
            var times = sent[conversation, default: []].filter { $0 > now.advanced(by: .zero - longest) }
            var wait: WallInstant?
            for limit in windows {
                let recent = times.filter { $0 > now.advanced(by: .zero - limit.window) }
                if recent.count >= limit.count {
                    let free = recent[recent.count - limit.count].advanced(by: limit.window)
                    wait = max(wait ?? free, free)
                }
            }
            guard let wait else {
                times.append(now)
                sent[conversation] = times
                acquisitions += 1
                if acquisitions % 4096 == 0 { prune(now: now, longest: longest) }
                return
            }
            try await clock.sleep(until: wait, tolerance: nil)
        }
    }

    /// Forgets conversations with nothing left in any window.
    private func prune(now: WallInstant, longest: Duration) {
        sent = sent.filter { $0.value.contains { $0 > now.advanced(by: .zero - longest) } }
    }
}
