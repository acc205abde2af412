import Foundation
import HeraldCore
import HeraldTesting
import Testing

/// The clock seam: a Swift `Clock`, so `Task.sleep(for:clock:)` takes it, and a manual one for tests.
@Suite("Clock")
struct ClockTests {
    @Test("a task sleeping on the manual clock wakes when the clock is advanced past its deadline, not before")
    func manualSleep() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_700_000_000))
        let woke = Task {
            try await Task.sleep(for: .seconds(30), clock: clock)
            return clock.date
        }
        while clock.sleeping == 0 { await Task.yield() }
        clock.advance(by: .seconds(29))
        #expect(clock.sleeping == 1, "29 s is not enough")
        clock.advance(by: 1)
        #expect(try await woke.value == Date(timeIntervalSince1970: 1_700_000_030))
        #expect(clock.sleeping == 0)
    }

    @Test("a sleeper on the manual clock is cancelled like any sleeper")
    func manualCancel() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 0))
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.sleeping == 0 { await Task.yield() }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeping == 0)
    }

    @Test("a past deadline returns at once, and durations convert to seconds")
    func instants() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 100))
        try await clock.sleep(until: clock.now.advanced(by: .seconds(-1)), tolerance: nil)
        #expect(clock.now.duration(to: clock.now.advanced(by: .milliseconds(1500))) == .milliseconds(1500))
        #expect(Duration.milliseconds(250).timeInterval == 0.25)
        let system = SystemClock()
        #expect(abs(system.date.timeIntervalSinceNow) < 5)
    }
}
