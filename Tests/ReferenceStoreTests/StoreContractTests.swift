import Foundation
import HeraldCore
import ReferenceStore
import Testing

/// One contract, two stores: every test runs against SQLite and against PostgreSQL
/// (`HERALD_TEST_POSTGRES_URL`, which `scripts/test` sets after starting a throwaway cluster).
@Suite("Store contract")
struct StoreContractTests {
    static let kinds: [TestStores.Kind] = TestStores.Kind.allCases

    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    private func observation(
        _ subject: String = "user-1", serviceUrl: String = "https://smba.trafficmanager.net/amer/", at offset: TimeInterval = 0,
        tenant: String = "tenant-1", source: ConversationReference.Source = .activity
    ) -> ConversationReference {
        ConversationReference(
            tenantId: TenantID(tenant), subject: .user(AADObjectID(subject)), bot: BotID(appId: "bot-1"),
            conversationId: ConversationID("a:conv-\(subject)"),
            serviceURL: ServiceURL(serviceUrl), teamsUserId: TeamsUserID("29:\(subject)"), source: source,
            observedAt: start.addingTimeInterval(offset))
    }

    private let key = ReferenceKey(tenantId: "tenant-1", subject: .user("user-1"), bot: BotID(appId: "bot-1"))

    /// Observes, then reads back the merged record.
    private func observed(_ store: any Store, _ observation: ConversationReference) async throws -> ConversationReferenceRecord {
        try await store.observe(observation)
        let record = try await store.reference(observation.key)
        return try #require(record)
    }

    @Test("migrating twice is harmless", arguments: kinds)
    func migrations(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.migrate()
            #expect(try await store.references(tenantId: nil).isEmpty)
        }
    }

    @Test("an observation creates the reference and teaches the tenant's serviceUrl; a replay changes nothing", arguments: kinds)
    func createAndReplay(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            let first = try await observed(store, observation())
            #expect(first.reference.conversationId == "a:conv-user-1")
            #expect(first.reference.teamsUserId == "29:user-1")
            #expect(first.reference.subject == .user("user-1"))
            #expect(first.reference.bot.appId == "bot-1")
            #expect(first.active)
            #expect(first.capturedAt == start)
            #expect(try await store.serviceURL(tenantId: "tenant-1") == "https://smba.trafficmanager.net/amer/")
            let again = try await observed(store, observation())
            #expect(again == first)
            #expect(try await store.references(tenantId: nil).count == 1)
        }
    }

    @Test("the newest serviceUrl wins whatever the arrival order; the first capture time stays", arguments: kinds)
    func newestWins(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.observe(observation(serviceUrl: "https://smba.trafficmanager.net/emea/", at: 60))
            let late = try await observed(store, observation(serviceUrl: "https://smba.trafficmanager.net/amer/", at: 0))
            #expect(late.reference.serviceURL == "https://smba.trafficmanager.net/emea/")
            #expect(late.capturedAt == start)
            #expect(late.reference.observedAt == start.addingTimeInterval(60))
            #expect(try await store.serviceURL(tenantId: "tenant-1") == "https://smba.trafficmanager.net/emea/")
        }
    }

    @Test("removal marks inactive; an older add arriving late does not undo it; a newer one does", arguments: kinds)
    func deactivation(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.observe(observation(at: 0))
            #expect(try await store.deactivate(key, at: start.addingTimeInterval(30)))
            #expect(try await store.reference(key)?.active == false)
            #expect(try await store.deactivate(key, at: start.addingTimeInterval(40)) == false, "already inactive")
            try await store.observe(observation(at: 10))
            #expect(try await store.reference(key)?.active == false, "the add happened before the removal")
            try await store.observe(observation(at: 90))
            #expect(try await store.reference(key)?.active == true, "a later install reactivates")
            #expect(try await store.deactivate(key, at: start.addingTimeInterval(50)) == false, "a removal older than the reinstall changes nothing")
            #expect(
                try await store.deactivate(ReferenceKey(tenantId: "tenant-1", subject: .user("nobody"), bot: BotID(appId: "bot-1")), at: start)
                    == false)
        }
    }

    @Test("a Graph-sourced reference becomes activity-sourced when an activity confirms it, never the reverse", arguments: kinds)
    func sources(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            let fromGraph = try await observed(store, observation("a", at: 0, source: .graph))
            #expect(fromGraph.reference.source == .graph)
            let confirmed = try await observed(store, observation("a", at: 5, source: .activity))
            #expect(confirmed.reference.source == .activity)
            let graphAgain = try await observed(store, observation("a", at: 9, source: .graph))
            #expect(graphAgain.reference.source == .activity)
        }
    }

    @Test("references list by tenant in capture order", arguments: kinds)
    func listing(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await store.observe(observation("b", at: 20))
            try await store.observe(observation("a", at: 10))
            try await store.observe(observation("c", at: 5, tenant: "tenant-2"))
            #expect(try await store.references(tenantId: "tenant-1").map(\.reference.subject.rawValue) == ["a", "b"])
            #expect(try await store.references(tenantId: nil).map(\.reference.subject.rawValue) == ["c", "a", "b"])
            #expect(
                try await store.reference(ReferenceKey(tenantId: "tenant-2", subject: .user("c"), bot: BotID(appId: "bot-1")))?.reference.teamsUserId
                    == "29:c")
        }
    }

    @Test("opt-outs are recorded once", arguments: kinds)
    func optOuts(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            #expect(try await store.hasOptedOut(tenantId: "tenant-1", user: "user-1") == false)
            try await store.recordOptOut(tenantId: "tenant-1", user: "user-1", at: start)
            try await store.recordOptOut(tenantId: "tenant-1", user: "user-1", at: start.addingTimeInterval(5))
            #expect(try await store.hasOptedOut(tenantId: "tenant-1", user: "user-1"))
            #expect(try await store.hasOptedOut(tenantId: "tenant-2", user: "user-1") == false)
        }
    }

    @Test("concurrent observations of many users and of one user all land, once each", arguments: kinds)
    func concurrency(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    group.addTask { try await store.observe(observation("user-\(index % 50)", at: TimeInterval(index))) }
                }
                try await group.waitForAll()
            }
            let all = try await store.references(tenantId: "tenant-1")
            #expect(all.count == 50)
            #expect(
                all.allSatisfy {
                    $0.reference.observedAt == start.addingTimeInterval(TimeInterval(Int($0.reference.subject.rawValue.dropFirst(5))! + 50))
                })
        }
    }

    @Test("a write that fails among concurrent ones fails alone: the others land, the failure reaches its caller", arguments: kinds)
    func failingWriteFailsAlone(_ kind: TestStores.Kind) async throws {
        try await TestStores.with(kind) { store in
            let failures = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await store.observe(observation("user-\(index)", at: TimeInterval(index)))
                        return false
                    }
                    if index % 10 == 0 {
                        group.addTask {
                            // a delivery of a wave that does not exist breaks a foreign key
                            do { try await store.enqueueDeliveries(wave: "no-such-wave", tenantId: "tenant-1", users: ["user-1"], at: start) } catch {
                                return true
                            }
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(failures == 4, "each orphan delivery is refused")
            #expect(try await store.references(tenantId: "tenant-1").count == 40)
        }
    }
}
