import Foundation
import HeraldCore
import HeraldTesting
import Messenger
import Synchronization
import Testing

/// Teams' per-conversation windows, kept from the client side, on the manual clock.
@Suite("ConversationBudget")
struct ConversationBudgetTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("seven messages in a second, eight in two: the eighth waits for the first second, the ninth for the second")
    func windows() async throws {
        let clock = ManualClock(Self.start)
        let budget = ConversationBudget(clock: clock)
        let times = Mutex<[Double]>([])
        let task = Task {
            for _ in 0..<9 {
                try await budget.acquire("a:1")
                times.withLock { $0.append(clock.date.timeIntervalSince(Self.start)) }
            }
            // Another conversation is not held back by this one.
            try await budget.acquire("a:2")
            times.withLock { $0.append(clock.date.timeIntervalSince(Self.start)) }
        }
        while times.withLock({ $0.count }) < 10 {
            if clock.sleeping > 0 { clock.advance(by: .milliseconds(10)) } else { await Task.yield() }
        }
        try await task.value
        let result = times.withLock { $0 }
        #expect(Array(result.prefix(7)) == Array(repeating: 0, count: 7))
        #expect(abs(result[7] - 1.0) < 0.02, "\(result)")
        #expect(abs(result[8] - 2.0) < 0.02, "\(result)")
        #expect(abs(result[9] - result[8]) < 0.02, "\(result)")
    }

    @Test("trusted hosts: Microsoft's Connector hosts by default, https only, the sim's loopback host only when listed")
    func trustedHosts() {
        let microsoft = TrustedServiceHosts.microsoft
        #expect(microsoft.trusts("https://smba.trafficmanager.net/teams/"))
        #expect(microsoft.trusts("https://smba.infra.gov.teams.microsoft.us/teams/"))
        #expect(!microsoft.trusts("http://smba.trafficmanager.net/teams/"), "never a token over plain http")
        #expect(!microsoft.trusts("https://smba.trafficmanager.net.evil.example/teams/"))
        #expect(!microsoft.trusts("http://127.0.0.1:3979/teams/amer/"))
        let sim = TrustedServiceHosts(["127.0.0.1:3979"])
        #expect(sim.trusts("http://127.0.0.1:3979/teams/amer/"))
        #expect(!sim.trusts("http://127.0.0.1:4000/teams/amer/"), "another port is another service")
    }
}
