import Foundation
import ReferenceStore
import Testing

/// Leases on both stores: workers share a batch or a wave without doing any item twice.
@Suite("Work queue contract")
struct WorkQueueContractTests {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("enqueue is idempotent; claims take pending items under a lease; finishing releases them", arguments: TestStores.Kind.allCases)
    func claimAndFinish(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            #expect(try await store.enqueue(.targets, group: "batch-1", tenantId: "t", userIds: ["a", "b", "c"], at: start) == 3)
            #expect(try await store.enqueue(.targets, group: "batch-1", tenantId: "t", userIds: ["c", "d"], at: start) == 1)
            let first = try await store.claim(.targets, group: "batch-1", owner: "worker-1", limit: 2, lease: 60, at: start)
            #expect(first.map(\.userId) == ["a", "b"])
            #expect(first.allSatisfy { $0.leaseOwner == "worker-1" && $0.attempts == 1 && $0.leaseExpiresAt == start.addingTimeInterval(60) })
            let second = try await store.claim(.targets, group: "batch-1", owner: "worker-2", limit: 5, lease: 60, at: start)
            #expect(second.map(\.userId) == ["c", "d"], "claimed items are not handed out again")
            #expect(try await store.finish(.targets, group: "batch-1", userId: "a", owner: "worker-1", state: "installed", detail: nil, at: start.addingTimeInterval(1)))
            #expect(try await store.finish(.targets, group: "batch-1", userId: "b", owner: "worker-2", state: "installed", detail: nil, at: start.addingTimeInterval(1)) == false,
                    "only the lease holder may finish")
            let items = try await store.items(.targets, group: "batch-1")
            #expect(items.first { $0.userId == "a" }?.state == "installed")
            #expect(items.first { $0.userId == "a" }?.leaseOwner == nil)
            #expect(try await store.claim(.targets, group: "batch-1", owner: "worker-3", limit: 5, lease: 60, at: start.addingTimeInterval(2)).isEmpty)
        }
    }

    @Test("an expired lease is claimable again, and the stalled worker can no longer finish", arguments: TestStores.Kind.allCases)
    func expiredLeases(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.createWave(id: "wave-1", name: "Welcome", cardTemplate: "{}", at: start)
            try await store.enqueue(.deliveries, group: "wave-1", tenantId: "t", userIds: ["u"], at: start)
            #expect(try await store.claim(.deliveries, group: "wave-1", owner: "slow", limit: 1, lease: 30, at: start).count == 1)
            let again = try await store.claim(.deliveries, group: "wave-1", owner: "fast", limit: 1, lease: 30, at: start.addingTimeInterval(31))
            #expect(again.first?.leaseOwner == "fast")
            #expect(again.first?.attempts == 2)
            #expect(try await store.finish(.deliveries, group: "wave-1", userId: "u", owner: "slow", state: "sent", detail: nil, at: start.addingTimeInterval(32)) == false)
            #expect(try await store.finish(.deliveries, group: "wave-1", userId: "u", owner: "fast", state: "sent", detail: "1:42", at: start.addingTimeInterval(32)))
            #expect(try await store.items(.deliveries, group: "wave-1").first?.state == "sent")
        }
    }

    @Test("concurrent workers claim every item exactly once", arguments: TestStores.Kind.allCases)
    func concurrentClaims(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            let users = (0..<200).map { String(format: "user-%03d", $0) }
            try await store.enqueue(.targets, group: "big", tenantId: "t", userIds: users, at: start)
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let batch = try await store.claim(.targets, group: "big", owner: "worker-\(worker)", limit: 7, lease: 600, at: start)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.userId)
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(claimed.count == 200)
            #expect(Set(claimed) == Set(users))
        }
    }

    @Test("a state the schema does not allow is refused", arguments: TestStores.Kind.allCases)
    func invalidState(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.enqueue(.targets, group: "b", tenantId: "t", userIds: ["u"], at: start)
            _ = try await store.claim(.targets, group: "b", owner: "w", limit: 1, lease: 60, at: start)
            await #expect(throws: (any Error).self) {
                try await store.finish(.targets, group: "b", userId: "u", owner: "w", state: "teleported", detail: nil, at: start)
            }
        }
    }
}
