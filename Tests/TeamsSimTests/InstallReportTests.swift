import Foundation
import HTTPTypes
import HeraldCore
import TeamsSim
import Testing

@Suite("TeamsSim: /_sim/installs")
struct InstallReportTests {
    @Test("per user, install POSTs answered 201 and 409, direct and inside $batch; other answers are not tallied; reset clears")
    func tallies() async throws {
        let harness = SimHarness { $0.users[6].preinstalled = true }
        try await harness.test { sim in
            let first = sim.ordinaryUser, second = sim.fixture.users[5], preinstalled = sim.fixture.users[6]
            #expect(try await sim.install(first.id).status == 201)
            #expect(try await sim.install(first.userPrincipalName).status == 409, "a UPN tallies under the object id")
            #expect(try await sim.install(preinstalled.id).status == 409)
            #expect(try await sim.install(sim.policyBlockedUser.id).status == 403)
            let items = ["1", "2"].map { RouteCounterTests.batchInstall($0, second.id, sim) }
            #expect(try await sim.graph(.post, "/$batch", json: #"{"requests": [\#(items.joined(separator: ","))]}"#).status == 200)

            let reply = try await sim.request(.get, "/_sim/installs")
            #expect(reply.status == 200)
            let report = try JSONDecoder().decode(SimInstallReport.self, from: reply.body)
            let expected = [
                SimInstallTally(id: first.id, created: 1, conflict: 1), SimInstallTally(id: second.id, created: 1, conflict: 1),
                SimInstallTally(id: preinstalled.id, created: 0, conflict: 1),
            ]
            #expect(report.users == expected.sorted { $0.id < $1.id })
            #expect(reply.json?.objectKeys == ["users"])
            #expect(Set(reply.json?["users"]?.arrayValue?.first?.objectKeys ?? []) == ["id", "created", "conflict"])

            _ = try await sim.request(.post, "/_sim/reset")
            #expect(try await sim.request(.get, "/_sim/installs").json == .object(["users": .array([])]))
            #expect(try await sim.install(first.id).status == 409, "a plain reset keeps installs")
            _ = try await sim.request(.post, "/_sim/reset?installs=true")
            #expect(try await sim.install(first.id).status == 201)
            #expect(try await sim.install(preinstalled.id).status == 409, "reset with installs goes back to the preinstalled tenant")
        }
    }
}
