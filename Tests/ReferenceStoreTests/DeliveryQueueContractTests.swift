import Foundation
import HeraldCore
import ReferenceStore
import Testing

/// At most once, on both stores: a delivery is `sending` durably before its POST, only the lease holder
/// records its answer, and a lease that runs out on `sending` makes it `uncertain`, never claimable again.
@Suite("Delivery queue contract")
struct DeliveryQueueContractTests {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)
    private func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    private func wave(_ store: any HeraldStore, users: [AADObjectID] = ["u1"]) async throws {
        try await store.createWave(id: "w", name: "Welcome", cardTemplate: "{}", at: start)
        try await store.enqueueDeliveries(wave: "w", tenantId: "t", users: users, at: start)
    }

    private func delivery(_ store: any HeraldStore, _ user: AADObjectID = "u1") async throws -> Delivery {
        try #require(try await store.deliveries(wave: "w").first { $0.user == user })
    }

    @Test("enqueue is idempotent; a claim takes pending deliveries under a lease, each once", arguments: TestStores.Kind.allCases)
    func claims(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.createWave(id: "w", name: "Welcome", cardTemplate: "{}", at: start)
            #expect(try await store.enqueueDeliveries(wave: "w", tenantId: "t", users: ["a", "b", "c"], at: start) == 3)
            #expect(try await store.enqueueDeliveries(wave: "w", tenantId: "t", users: ["c", "d"], at: start) == 1)
            let first = try await store.claimDeliveries(wave: "w", owner: "w1", limit: 2, lease: .seconds(60), at: start)
            #expect(Set(first.map(\.user)).count == 2, "claims come in no particular order")
            #expect(first.allSatisfy { $0.lease == Lease(owner: "w1", expiresAt: at(60)) && $0.state == .pending && $0.attempts == 0 })
            let second = try await store.claimDeliveries(wave: "w", owner: "w2", limit: 5, lease: .seconds(60), at: start)
            #expect(second.map(\.user) == ["c", "d"], "claimed deliveries are not handed out again")
            #expect(try await store.claimDeliveries(wave: "w", owner: "w3", limit: 5, lease: .seconds(60), at: at(1)).isEmpty)
        }
    }

    @Test("sending, then sent: the activity id in its own column, one attempt, the lease released", arguments: TestStores.Kind.allCases)
    func sent(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store)
            _ = try await store.claimDeliveries(wave: "w", owner: "w1", limit: 1, lease: .seconds(60), at: start)
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w1", at: at(1)))
            #expect(try await delivery(store).state == .sending)
            #expect(try await store.recordSent(wave: "w", user: "u1", owner: "w1", activityId: "1:1718200000000", status: 201, at: at(2)))
            let done = try await delivery(store)
            #expect(done.state == .sent(activityId: "1:1718200000000"))
            #expect(done.attempts == 1)
            #expect(done.lastStatus == 201)
            #expect(done.lease == nil)
            #expect(
                try await store.recordSent(wave: "w", user: "u1", owner: "w1", activityId: "1:2", status: 201, at: at(3)) == false,
                "a sent delivery takes no second answer")
        }
    }

    @Test(
        "a wave keeps its card and each person's binding data; failed deliveries go back to pending only on request",
        arguments: TestStores.Kind.allCases)
    func dataAndResendFailed(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.createWave(id: "w", name: "Welcome", cardTemplate: #"{"type": "AdaptiveCard"}"#, at: start)
            #expect(try await store.waveCardTemplate("w") == #"{"type": "AdaptiveCard"}"#)
            #expect(try await store.waveCardTemplate("other") == nil)
            #expect(try await store.joinWave(id: "w", name: "Welcome", cardTemplate: #"{"type": "AdaptiveCard"}"#, at: at(1)), "the same card joins")
            #expect(try await !store.joinWave(id: "w", name: "Welcome", cardTemplate: "{}", at: at(1)), "another card does not")
            #expect(try await store.waveCardTemplate("w") == #"{"type": "AdaptiveCard"}"#, "and changes nothing")
            #expect(try await store.joinWave(id: "new", name: "New", cardTemplate: "{}", at: at(1)), "a new wave is created")
            #expect(try await store.waveCardTemplate("new") == "{}")
            try await store.enqueueDeliveries(wave: "w", tenantId: "t", users: ["u1", "u2"], data: ["u1": #"{"name": "Ada"}"#], at: start)
            #expect(try await delivery(store, "u1").data == #"{"name": "Ada"}"#)
            #expect(try await delivery(store, "u2").data == nil)
            _ = try await store.claimDeliveries(wave: "w", owner: "w1", limit: 2, lease: .seconds(60), at: start)
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w1", at: at(1)))
            #expect(try await store.recordFailed(wave: "w", user: "u1", owner: "w1", reason: .forbidden, status: 403, at: at(2)))
            #expect(try await store.resendFailed(wave: "w", at: at(3)) == 1)
            #expect(try await delivery(store, "u1").state == .pending)
            #expect(try await delivery(store, "u1").data == #"{"name": "Ada"}"#)
        }
    }

    @Test(
        "an install keeps the reference and enqueues the welcome in one go; a repeated install enqueues nothing more",
        arguments: TestStores.Kind.allCases)
    func observeInstall(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.createWave(id: "w", name: "welcome", cardTemplate: "{}", at: start)
            let reference = ConversationReference(
                tenantId: "t", subject: .user("u1"), bot: BotID(appId: "b"), conversationId: "a:1",
                serviceURL: "https://smba.trafficmanager.net/teams/",
                source: .activity, observedAt: start)
            try await store.observeInstall(reference, welcomeWave: "w", data: nil)
            try await store.observeInstall(reference, welcomeWave: "w", data: nil)
            #expect(try await store.reference(ReferenceKey(tenantId: "t", subject: .user("u1"), bot: BotID(appId: "b")))?.active == true)
            #expect(try await store.deliveries(wave: "w").map(\.user) == ["u1"])
            #expect(try await delivery(store).state == .pending)
        }
    }

    @Test("an answer is recorded only after sending, and only by the lease holder", arguments: TestStores.Kind.allCases)
    func guards(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store)
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w1", at: start) == false, "nobody holds a lease yet")
            _ = try await store.claimDeliveries(wave: "w", owner: "w1", limit: 1, lease: .seconds(60), at: start)
            #expect(
                try await store.recordSent(wave: "w", user: "u1", owner: "w1", activityId: "1:1", status: 201, at: at(1)) == false,
                "a pending delivery was never posted")
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w2", at: at(1)) == false, "w2 holds no lease")
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w1", at: at(1)))
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w1", at: at(2)) == false, "sending twice is refused")
            #expect(
                try await store.recordSkipped(wave: "w", user: "u1", owner: "w1", reason: .optedOut, at: at(2)) == false,
                "a skip comes before sending")
            #expect(try await delivery(store).state == .sending)
            #expect(
                try await store.recordSkipped(wave: "w", user: "u1", owner: "w2", reason: .blocked, at: at(2)) == false,
                "only the sender records the answer")
            #expect(
                try await store.recordSkipped(wave: "w", user: "u1", owner: "w1", reason: .blocked, at: at(2)),
                "but the answer that the person blocked the bot skips the delivery being sent")
            #expect(try await delivery(store).state == .skipped(.blocked))
        }
    }

    @Test("a throttled send goes back to pending under the same lease and counts a second attempt", arguments: TestStores.Kind.allCases)
    func retry(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store)
            _ = try await store.claimDeliveries(wave: "w", owner: "w1", limit: 1, lease: .seconds(60), at: start)
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w1", at: at(1)))
            #expect(try await store.recordRetry(wave: "w", user: "u1", owner: "w1", status: 429, at: at(2)))
            let throttled = try await delivery(store)
            #expect(throttled.state == .pending)
            #expect(throttled.lastStatus == 429)
            #expect(throttled.lease?.owner == "w1")
            #expect(
                try await store.claimDeliveries(wave: "w", owner: "w2", limit: 1, lease: .seconds(60), at: at(3)).isEmpty, "the lease still holds")
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w1", at: at(4)))
            #expect(try await store.recordSent(wave: "w", user: "u1", owner: "w1", activityId: nil, status: 202, at: at(5)))
            let done = try await delivery(store)
            #expect(done.state == .sent(activityId: nil))
            #expect(done.attempts == 2)
        }
    }

    @Test("failed keeps its reason and status; skipped keeps its reason; uncertain keeps its reason", arguments: TestStores.Kind.allCases)
    func outcomes(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store, users: ["a", "b", "c"])
            _ = try await store.claimDeliveries(wave: "w", owner: "w1", limit: 3, lease: .seconds(60), at: start)
            #expect(try await store.markSending(wave: "w", user: "a", owner: "w1", at: at(1)))
            #expect(try await store.recordFailed(wave: "w", user: "a", owner: "w1", reason: .conversationNotFound, status: 404, at: at(2)))
            #expect(try await store.recordSkipped(wave: "w", user: "b", owner: "w1", reason: .optedOut, at: at(2)))
            #expect(try await store.markSending(wave: "w", user: "c", owner: "w1", at: at(1)))
            #expect(try await store.recordUncertain(wave: "w", user: "c", owner: "w1", reason: .gatewayTimeout, status: 504, at: at(2)))
            #expect(try await delivery(store, "a").state == .failed(.conversationNotFound, status: 404))
            #expect(try await delivery(store, "b").state == .skipped(.optedOut))
            #expect(try await delivery(store, "c").state == .uncertain(.gatewayTimeout))
            #expect(try await delivery(store, "c").lastStatus == 504)
            #expect(try await store.deliveries(wave: "w").allSatisfy { $0.lease == nil })
        }
    }

    @Test(
        "a lease that runs out on sending makes the delivery uncertain: never claimed again, nobody else can finish it",
        arguments: TestStores.Kind.allCases)
    func leaseExpiresWhileSending(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store, users: ["u1", "u2"])
            _ = try await store.claimDeliveries(wave: "w", owner: "slow", limit: 2, lease: .seconds(30), at: start)
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "slow", at: at(1)))
            // u2 was claimed but never marked: its expired lease makes it claimable again, still pending.
            let next = try await store.claimDeliveries(wave: "w", owner: "fast", limit: 5, lease: .seconds(30), at: at(31))
            #expect(next.map(\.user) == ["u2"], "the sending one is not handed out again")
            #expect(try await delivery(store, "u1").state == .uncertain(.leaseExpired))
            #expect(
                try await store.recordSent(wave: "w", user: "u1", owner: "fast", activityId: "1:late", status: 201, at: at(32)) == false,
                "only the worker that posted it knows its answer")
            #expect(try await store.markSending(wave: "w", user: "u2", owner: "slow", at: at(32)) == false, "the stalled worker lost u2 too")
            #expect(try await store.markSending(wave: "w", user: "u2", owner: "fast", at: at(32)))
            #expect(try await delivery(store, "u1").state == .uncertain(.leaseExpired))
        }
    }

    @Test("expiring leases without a claim, and resending uncertain deliveries only on request", arguments: TestStores.Kind.allCases)
    func expireAndResend(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store)
            _ = try await store.claimDeliveries(wave: "w", owner: "w1", limit: 1, lease: .seconds(30), at: start)
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "w1", at: at(1)))
            #expect(try await store.expireLeases(wave: "w", at: at(29)) == 0, "the lease still holds")
            #expect(try await store.expireLeases(wave: "w", at: at(30)) == 1)
            #expect(try await store.claimDeliveries(wave: "w", owner: "w2", limit: 5, lease: .seconds(30), at: at(40)).isEmpty)
            #expect(try await store.resendUncertain(wave: "w", at: at(50)) == 1)
            let again = try await store.claimDeliveries(wave: "w", owner: "w2", limit: 5, lease: .seconds(30), at: at(51))
            #expect(again.map(\.state) == [.pending])
            #expect(again.first?.attempts == 1, "the uncertain attempt is still counted")
        }
    }

    @Test(
        "the worker that marked sending records its answer after its lease ran out, before and after the sweep; nobody else can",
        arguments: TestStores.Kind.allCases)
    func lateAnswers(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store, users: ["a", "b", "c"])
            _ = try await store.claimDeliveries(wave: "w", owner: "slow", limit: 3, lease: .seconds(30), at: start)
            for user: AADObjectID in ["a", "b", "c"] { #expect(try await store.markSending(wave: "w", user: user, owner: "slow", at: at(1))) }
            // a: the answer comes after the lease ran out, before any sweep.
            #expect(try await store.recordSent(wave: "w", user: "a", owner: "other", activityId: "1:x", status: 201, at: at(40)) == false)
            #expect(try await store.recordSent(wave: "w", user: "a", owner: "slow", activityId: "1:a", status: 201, at: at(40)))
            // b and c: a claim sweeps them to uncertain first.
            #expect(try await store.claimDeliveries(wave: "w", owner: "other", limit: 5, lease: .seconds(30), at: at(41)).isEmpty)
            #expect(try await delivery(store, "b").state == .uncertain(.leaseExpired))
            #expect(try await store.recordSent(wave: "w", user: "b", owner: "other", activityId: "1:x", status: 201, at: at(42)) == false)
            #expect(
                try await store.recordSent(wave: "w", user: "b", owner: "slow", activityId: "1:b", status: 201, at: at(42)),
                "a definite answer replaces the sweep's uncertainty")
            #expect(
                try await store.recordRetry(wave: "w", user: "c", owner: "slow", status: 429, at: at(42)) == false,
                "an uncertain delivery is resent only on request")
            #expect(try await store.recordFailed(wave: "w", user: "c", owner: "slow", reason: .conversationNotFound, status: 404, at: at(43)))
            #expect(try await delivery(store, "a").state == .sent(activityId: "1:a"))
            #expect(try await delivery(store, "b").state == .sent(activityId: "1:b"))
            #expect(try await delivery(store, "c").state == .failed(.conversationNotFound, status: 404))
            #expect(try await store.deliveries(wave: "w").allSatisfy { $0.lease == nil && $0.attempts == 1 })
        }
    }

    @Test("a worker whose lease ran out before it marked sending can neither send nor skip", arguments: TestStores.Kind.allCases)
    func expiredBeforeSending(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store)
            _ = try await store.claimDeliveries(wave: "w", owner: "slow", limit: 1, lease: .seconds(30), at: start)
            #expect(try await store.markSending(wave: "w", user: "u1", owner: "slow", at: at(30)) == false)
            #expect(try await store.recordSkipped(wave: "w", user: "u1", owner: "slow", reason: .optedOut, at: at(31)) == false)
            #expect(try await store.recordSent(wave: "w", user: "u1", owner: "slow", activityId: "1:1", status: 201, at: at(31)) == false)
            #expect(try await delivery(store).state == .pending)
        }
    }

    @Test("a paused or cancelled wave hands out nothing; reopened, it does", arguments: TestStores.Kind.allCases)
    func waveStates(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store)
            #expect(try await store.waveState("w") == .open)
            #expect(try await store.setWaveState("w", .paused))
            #expect(try await store.waveState("w") == .paused)
            #expect(try await store.claimDeliveries(wave: "w", owner: "w1", limit: 5, lease: .seconds(30), at: start).isEmpty)
            #expect(try await store.setWaveState("w", .open))
            #expect(try await store.claimDeliveries(wave: "w", owner: "w1", limit: 5, lease: .seconds(30), at: start).count == 1)
            #expect(try await store.setWaveState("nope", .cancelled) == false)
            #expect(try await store.waveState("nope") == nil)
        }
    }

    @Test("two workers racing for one delivery: one claims it, one marks it sending", arguments: TestStores.Kind.allCases)
    func race(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await wave(store)
            let claims = try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<2 {
                    group.addTask { try await store.claimDeliveries(wave: "w", owner: "w\(worker)", limit: 1, lease: .seconds(60), at: start).count }
                }
                return try await group.reduce(0, +)
            }
            #expect(claims == 1)
            let owner = try #require(try await delivery(store).lease?.owner)
            let marks = try await withThrowingTaskGroup(of: Bool.self) { group in
                for worker in ["w0", "w1", owner] {
                    group.addTask { try await store.markSending(wave: "w", user: "u1", owner: worker, at: at(1)) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(marks == 1, "exactly one POST may follow")
        }
    }

    @Test("concurrent workers claim every delivery exactly once", arguments: TestStores.Kind.allCases)
    func concurrentClaims(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            let users = (0..<200).map { AADObjectID(String(format: "user-%03d", $0)) }
            try await wave(store, users: users)
            let claimed = try await withThrowingTaskGroup(of: [AADObjectID].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [AADObjectID] = []
                        while true {
                            let batch = try await store.claimDeliveries(
                                wave: "w", owner: "worker-\(worker)", limit: 7, lease: .seconds(600), at: start)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.user)
                        }
                    }
                }
                return try await group.reduce(into: [AADObjectID]()) { $0 += $1 }
            }
            #expect(claimed.count == 200)
            #expect(Set(claimed) == Set(users))
        }
    }
}
