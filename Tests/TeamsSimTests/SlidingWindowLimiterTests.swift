import Testing

@testable import TeamsSim

/// Teams' per-conversation limit as four windows at once, driven by a synthetic clock.
@Suite("SlidingWindowLimiter")
struct SlidingWindowLimiterTests {
    private let teamsWindows: [SlidingWindowLimiter.Window] = [
        .init(limit: 7, window: .seconds(1)), .init(limit: 8, window: .seconds(2)),
        .init(limit: 60, window: .seconds(30)), .init(limit: 1_800, window: .seconds(3_600)),
    ]

    @Test("7 in one second, then 429 until the oldest leaves the window")
    func oneSecondWindow() {
        var limiter = SlidingWindowLimiter(teamsWindows)
        let start = ContinuousClock.now
        for offset in 0..<7 { #expect(limiter.acquire("c", at: start + .milliseconds(offset * 10)) == .allowed) }
        #expect(limiter.acquire("c", at: start + .milliseconds(100)) == .throttled(retryAfter: .milliseconds(900)))
        #expect(limiter.acquire("other", at: start + .milliseconds(100)) == .allowed, "keys are independent")
    }

    @Test("an early retry is refused again with the remaining wait; on time it passes")
    func earlyRetry() {
        var limiter = SlidingWindowLimiter([.init(limit: 1, window: .seconds(1))])
        let start = ContinuousClock.now
        #expect(limiter.acquire("c", at: start) == .allowed)
        #expect(limiter.acquire("c", at: start + .milliseconds(200)) == .throttled(retryAfter: .milliseconds(800)))
        #expect(limiter.acquire("c", at: start + .milliseconds(500)) == .throttled(retryAfter: .milliseconds(500)))
        #expect(limiter.acquire("c", at: start + .seconds(1)) == .allowed)
    }

    @Test("the 8-per-2-seconds window binds after the first second")
    func twoSecondWindow() {
        var limiter = SlidingWindowLimiter(teamsWindows)
        let start = ContinuousClock.now
        for offset in 0..<7 { #expect(limiter.acquire("c", at: start + .milliseconds(offset)) == .allowed) }
        #expect(limiter.acquire("c", at: start + .milliseconds(1_100)) == .allowed, "the 8th, a second later")
        let ninth = limiter.acquire("c", at: start + .milliseconds(1_200))
        #expect(ninth == .throttled(retryAfter: .milliseconds(800)), "the 2-second window holds the 9th until the first leaves it")
    }

    @Test("60 per 30 seconds caps a steady 4 per second")
    func thirtySecondWindow() {
        var limiter = SlidingWindowLimiter(teamsWindows)
        let start = ContinuousClock.now
        var allowed = 0
        for tick in 0..<(4 * 20) where limiter.acquire("c", at: start + .milliseconds(tick * 250)) == .allowed { allowed += 1 }
        #expect(allowed == 60)
    }

    @Test("reset forgets windows and waits")
    func reset() {
        var limiter = SlidingWindowLimiter([.init(limit: 1, window: .seconds(60))])
        let now = ContinuousClock.now
        #expect(limiter.acquire("c", at: now) == .allowed)
        #expect(limiter.acquire("c", at: now) != .allowed)
        limiter.reset()
        #expect(limiter.acquire("c", at: now) == .allowed)
    }
}
