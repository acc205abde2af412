import Foundation
import HeraldCore
import HeraldTesting
import Synchronization
import Testing
import Transport

@Suite("RequestBudget")
struct RequestBudgetTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Acquires `count` times from concurrent tasks and returns when each got its turn. The clock moves only
    /// while every task still waiting is asleep, so each task notes the time it was let through.
    private func turns(_ budget: RequestBudget, _ clock: ManualClock, count: Int) async throws -> [Double] {
        final class Finished: Sendable { let count = Mutex(0) }
        let finished = Finished()
        let times = Task {
            try await withThrowingTaskGroup(of: Double.self) { group in
                for _ in 0..<count {
                    group.addTask {
                        try await budget.acquire()
                        let time = clock.date.timeIntervalSince(Self.start)
                        finished.count.withLock { $0 += 1 }
                        return time
                    }
                }
                return try await group.reduce(into: [Double]()) { $0.append($1) }.sorted()
            }
        }
        while finished.count.withLock({ $0 }) < count {
            if clock.sleeping > 0 && clock.sleeping == count - finished.count.withLock({ $0 }) {
                clock.advance(by: .milliseconds(1))
            } else {
                await Task.yield()
            }
        }
        return try await times.value
    }

    @Test("requests are spaced evenly just under the limit: never more than the limit in any second")
    func spacing() async throws {
        let clock = ManualClock(Self.start)
        let budget = RequestBudget(name: "graph.installedApps", limit: 30, headroom: 0.98, clock: clock)
        let times = try await turns(budget, clock, count: 61)
        #expect(times.first == 0)
        for (index, time) in times.enumerated() where index >= 30 {
            #expect(time - times[index - 30] >= 1.0, "31 requests within a second at \(index)")
        }
        #expect(times.last! < 2.1, "and no slower than needed: \(times.last!)")
    }

    @Test("a $batch of twenty spends twenty places: paced as twenty requests, and never more than the limit in a window")
    func batchCost() async throws {
        let clock = ManualClock(Self.start)
        let budget = RequestBudget(name: "graph.directory", limit: 30, headroom: 1, clock: clock)
        let times = try await drive(clock, by: .milliseconds(1)) {
            var times: [Double] = []
            for cost in [20, 10, 1, 20] {
                try await budget.acquire(cost: cost)
                times.append(clock.date.timeIntervalSince(Self.start))
            }
            return times
        }
        #expect(times[0] == 0)
        #expect(abs(times[1] - 20.0 / 30) < 0.01, "the next request waits for twenty slots: \(times)")
        #expect(abs(times[2] - 1.0) < 0.01, "and the one after for ten more: \(times)")
        #expect(abs(times[3] - (1.0 + 20.0 / 30)) < 0.01, "twenty more would make 31 in a second: they wait for the window to move: \(times)")
    }

    @Test("a 429 pauses the whole budget for its Retry-After and lowers the rate; successes bring it back")
    func throttling() async throws {
        let clock = ManualClock(Self.start)
        let budget = RequestBudget(name: "graph.installedApps", limit: 10, headroom: 1, clock: clock)
        try await budget.acquire()
        await budget.throttled(retryAfter: .seconds(3))
        #expect(await budget.currentRate == 9.5)
        let times = try await turns(budget, clock, count: 2)
        #expect(times[0] >= 3, "nobody goes before the pause ends: \(times)")
        #expect(await budget.throttles == 1)
        for _ in 0..<50 { await budget.succeeded() }
        #expect(await budget.currentRate == 10)
    }
}
