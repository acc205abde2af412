import Foundation
import HeraldCore
import ReferenceStore
import Testing

/// Provisioning targets on both stores: each transition of ``ProvisionState`` recorded with what it carries,
/// only by the lease holder, only from a state that leads to it.
@Suite("Target queue contract")
struct TargetQueueContractTests {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)
    private func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    private func target(_ store: any HeraldStore, _ user: AADObjectID) async throws -> Target {
        try #require(try await store.targets(batch: "b").first { $0.user == user })
    }

    @Test("installed with its installation id, then referenced with the chat id: terminal, lease released", arguments: TestStores.Kind.allCases)
    func installedThenReferenced(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            #expect(try await store.enqueueTargets(batch: "b", tenantId: "t", users: ["u1", "u2"], at: start) == 2)
            #expect(try await store.enqueueTargets(batch: "b", tenantId: "t", users: ["u2"], at: start) == 0)
            let claimed = try await store.claimTargets(batch: "b", owner: "w1", limit: 5, lease: .seconds(60), at: start)
            #expect(Set(claimed.map(\.user)) == ["u1", "u2"])
            #expect(claimed.allSatisfy { $0.attempts == 1 && $0.state == .pending })
            #expect(try await store.recordInstalled(batch: "b", user: "u1", owner: "w1", installationId: nil, at: at(1)))
            #expect(try await store.recordInstalled(batch: "b", user: "u1", owner: "w1", installationId: "MjkjI2FwcA==", at: at(2)))
            let installed = try await target(store, "u1")
            #expect(installed.state == .installed(installationId: "MjkjI2FwcA=="))
            #expect(installed.lastStatus == 201)
            #expect(installed.lease?.owner == "w1", "the worker keeps it while it waits for the reference")
            #expect(try await store.recordReferenced(batch: "b", user: "u1", owner: "w1", chatId: "19:u1_bot@unq.gbl.spaces", at: at(3)))
            let referenced = try await target(store, "u1")
            #expect(referenced.state == .referenced(chatId: "19:u1_bot@unq.gbl.spaces"))
            #expect(referenced.chatId == "19:u1_bot@unq.gbl.spaces")
            #expect(referenced.lease == nil)
            #expect(
                try await store.recordFailed(batch: "b", user: "u1", owner: "w1", reason: .blockedByPolicy, lastStatus: 403, at: at(4)) == false,
                "a referenced target takes no more transitions")
        }
    }

    @Test(
        "the request id of the answer behind the last status is kept with it; a change without an answer keeps both",
        arguments: TestStores.Kind.allCases)
    func lastRequestId(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.enqueueTargets(batch: "b", tenantId: "t", users: ["a", "b"], at: start)
            _ = try await store.claimTargets(batch: "b", owner: "w1", limit: 5, lease: .seconds(60), at: start)
            let requestId = "0f9c2d6e-1b3a-4c5d-8e7f-a1b2c3d4e5f6"
            #expect(
                try await store.record(
                    .installed(installationId: nil), batch: "b", user: "a", owner: "w1", status: 201, requestId: requestId, at: at(1)))
            #expect(try await store.recordReferenced(batch: "b", user: "a", owner: "w1", chatId: "19:a", at: at(2)))
            let referenced = try await target(store, "a")
            #expect(referenced.lastStatus == 201 && referenced.lastRequestId == requestId)
            #expect(try await store.record(.pending, batch: "b", user: "b", owner: "w1", status: 503, requestId: "first", at: at(1)) == false)
            #expect(
                try await store.record(
                    .failed(.blockedByPolicy, status: 403), batch: "b", user: "b", owner: "w1", status: 403, requestId: nil, errorCode: "Forbidden",
                    at: at(1)))
            let failed = try await target(store, "b")
            #expect(failed.lastStatus == 403 && failed.lastRequestId == nil, "a new status without a request id clears the old one")
            #expect(failed.lastErrorCode == "Forbidden" && referenced.lastErrorCode == nil)
        }
    }

    @Test("already installed, failed with its last status, skipped with its reason", arguments: TestStores.Kind.allCases)
    func otherOutcomes(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.enqueueTargets(batch: "b", tenantId: "t", users: ["a", "b", "c"], at: start)
            _ = try await store.claimTargets(batch: "b", owner: "w1", limit: 5, lease: .seconds(60), at: start)
            #expect(try await store.recordAlreadyInstalled(batch: "b", user: "a", owner: "w1", installationId: nil, at: at(1)))
            #expect(try await store.recordFailed(batch: "b", user: "b", owner: "w1", reason: .gaveUpAfterRetries, lastStatus: 429, at: at(1)))
            #expect(try await store.recordSkipped(batch: "b", user: "c", owner: "w1", reason: .guest, at: at(1)))
            #expect(try await target(store, "a").state == .alreadyInstalled(installationId: nil))
            #expect(try await target(store, "a").lastStatus == 409)
            #expect(try await target(store, "b").state == .failed(.gaveUpAfterRetries, status: 429))
            #expect(try await target(store, "b").lastStatus == 429)
            #expect(try await target(store, "c").state == .skipped(.guest))
            #expect(
                try await store.recordInstalled(batch: "b", user: "a", owner: "w1", installationId: "x", at: at(2)) == false,
                "already installed does not become installed")
        }
    }

    @Test(
        "an unfinished target is claimed again when its lease runs out; the stalled worker can no longer record", arguments: TestStores.Kind.allCases)
    func expiredLeases(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.enqueueTargets(batch: "b", tenantId: "t", users: ["u1", "u2"], at: start)
            _ = try await store.claimTargets(batch: "b", owner: "slow", limit: 2, lease: .seconds(30), at: start)
            #expect(try await store.recordInstalled(batch: "b", user: "u1", owner: "slow", installationId: nil, at: at(1)))
            #expect(try await store.recordSkipped(batch: "b", user: "u2", owner: "slow", reason: .accountDisabled, at: at(1)))
            let again = try await store.claimTargets(batch: "b", owner: "fast", limit: 5, lease: .seconds(30), at: at(31))
            #expect(again.map(\.user) == ["u1"], "installed is unfinished, skipped is not")
            #expect(again.first?.attempts == 2)
            #expect(try await store.recordReferenced(batch: "b", user: "u1", owner: "slow", chatId: nil, at: at(32)) == false)
            #expect(try await store.recordReferenced(batch: "b", user: "u1", owner: "fast", chatId: nil, at: at(32)))
            #expect(try await target(store, "u1").state == .referenced(chatId: nil))
        }
    }

    @Test("two workers racing for one target: one claims it, one records it; pending is not a state to record", arguments: TestStores.Kind.allCases)
    func race(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.enqueueTargets(batch: "b", tenantId: "t", users: ["u1"], at: start)
            let claims = try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<2 {
                    group.addTask { try await store.claimTargets(batch: "b", owner: "w\(worker)", limit: 1, lease: .seconds(60), at: start).count }
                }
                return try await group.reduce(0, +)
            }
            #expect(claims == 1)
            let owner = try #require(try await target(store, "u1").lease?.owner)
            #expect(try await store.record(.pending, batch: "b", user: "u1", owner: owner, status: 429, at: at(1)) == false)
            let records = try await withThrowingTaskGroup(of: Bool.self) { group in
                for worker in ["w0", "w1"] {
                    group.addTask { try await store.recordInstalled(batch: "b", user: "u1", owner: worker, installationId: nil, at: at(1)) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(records == 1, "only the holder records")
        }
    }

    @Test("concurrent workers claim every target exactly once", arguments: TestStores.Kind.allCases)
    func concurrentClaims(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            let users = (0..<200).map { AADObjectID(String(format: "user-%03d", $0)) }
            try await store.enqueueTargets(batch: "b", tenantId: "t", users: users, at: start)
            let claimed = try await withThrowingTaskGroup(of: [AADObjectID].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [AADObjectID] = []
                        while true {
                            let batch = try await store.claimTargets(batch: "b", owner: "worker-\(worker)", limit: 7, lease: .seconds(600), at: start)
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
