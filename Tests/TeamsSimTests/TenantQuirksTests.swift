import Foundation
import HTTPTypes
import HeraldCore
import TeamsSim
import Testing

@Suite("TeamsSim: preinstalled, unlicensed and guest users")
struct TenantQuirksTests {
    @Test("the generated tenant has preinstalled users (some referenced), unlicensed users and guests, reproducibly")
    func generated() throws {
        let fixture = TenantFixture.generate(seed: 42, users: 2_000)
        let preinstalled = fixture.users.filter(\.preinstalled)
        #expect(preinstalled.contains { $0.preinstalledReferenced } && preinstalled.contains { !$0.preinstalledReferenced })
        #expect(fixture.users.allSatisfy { !$0.preinstalledReferenced || $0.preinstalled })
        let unlicensed = fixture.users.filter { !$0.hasTeamsLicense }
        #expect(!unlicensed.isEmpty && unlicensed.allSatisfy { !$0.preinstalled })
        let guests = fixture.users.filter(\.isGuest)
        #expect(!guests.isEmpty && guests.allSatisfy { $0.userPrincipalName.contains("#EXT#") && $0.mail.hasSuffix("@fabrikam.example") })
        for share in [preinstalled.count, unlicensed.count, guests.count] { #expect(share > 5 && share < 100) }
        #expect(fixture.users.filter(\.installBlocked).count > 5, "the policy-blocked users stay")
        #expect(TenantFixture.generate(seed: 42, users: 2_000) == fixture)
        try fixture.validate()
    }

    @Test("a fixture file without the new fields still reads, as ordinary licensed members without the app")
    func olderFixtureFile() throws {
        let json = #"""
            {"tenantId": "t", "botAppId": "b", "botAppSecret": "s",
             "catalog": [{"id": "c", "externalId": "e", "displayName": "Herald", "distributionMethod": "organization"}],
             "users": [{"id": "u1", "userPrincipalName": "a@contoso.example", "displayName": "A B", "region": "amer",
                        "installBlocked": true, "blockedBot": false, "deletedChat": false}],
             "groups": []}
            """#
        let fixture = try JSONDecoder().decode(TenantFixture.self, from: Data(json.utf8))
        let user = try #require(fixture.users.first)
        #expect(user.installBlocked && !user.preinstalled && !user.preinstalledReferenced && user.hasTeamsLicense && user.userType == "Member")
        let again = try JSONDecoder().decode(TenantFixture.self, from: try JSONEncoder().encode(fixture))
        #expect(again == fixture)
    }

    @Test("a referenced user who is not preinstalled, or an unknown userType, is refused at startup")
    func validation() {
        var fixture = TenantFixture.generate(seed: 1, users: 3)
        fixture.users[0].preinstalled = false
        fixture.users[0].preinstalledReferenced = true
        #expect(throws: SimStartupError.self) { try fixture.validate() }
        fixture.users[0].preinstalledReferenced = false
        fixture.users[1].userType = "Visitor"
        #expect(throws: SimStartupError.self) { try fixture.validate() }
    }

    @Test("a preinstalled user answers 409 and no activity is posted for them; their installation is listed")
    func preinstalled() async throws {
        let harness = SimHarness { fixture in
            fixture.users[4].preinstalled = true
            fixture.users[5].preinstalled = true
            fixture.users[5].preinstalledReferenced = true
        }
        try await harness.test { sim in
            for user in sim.fixture.users[4...5] {
                let reply = try await sim.install(user.id)
                #expect(reply.status == 409)
                #expect(reply.errorCode == "Conflict")
                let listed = try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps?$expand=teamsApp")
                #expect(listed.json?["value"]?.arrayValue?.first?["teamsApp"]?["id"] == .string(sim.fixture.app.id))
            }
            let counters = try await sim.request(.get, "/_sim/counters").json
            #expect(counters?["activities"] == .object([:]), "nothing queued for preinstalled users")
        }
    }

    @Test("an unlicensed user's install and installedApps answer 403 Forbidden with the licence message")
    func unlicensed() async throws {
        let harness = SimHarness { $0.users[4].hasTeamsLicense = false }
        try await harness.test { sim in
            let user = sim.fixture.users[4]
            for reply in [try await sim.install(user.id), try await sim.graph(.get, "/users/\(user.id)/teamwork/installedApps")] {
                #expect(reply.status == 403)
                #expect(reply.errorCode == "Forbidden")
                #expect(reply.json?["error"]?["message"]?.stringValue?.contains("license") == true)
            }
            let blocked = try await sim.install(sim.policyBlockedUser.id)
            #expect(blocked.json?["error"]?["message"]?.stringValue?.contains("license") == false, "policy and licence say different things")
            #expect(try await sim.request(.get, "/_sim/installs").json?["users"] == .array([]))
        }
    }

    @Test("guests are userType Guest to a client that selects userType, and members are Member; unselected, it is absent")
    func guests() async throws {
        let harness = SimHarness { fixture in
            fixture.users[4].userType = "Guest"
            fixture.users[4].userPrincipalName = "zoe.xu.4_fabrikam.example#EXT#@contoso.example"
        }
        try await harness.test { sim in
            let page = try await sim.graph(.get, "/users?$select=id,userPrincipalName,userType,mail&$top=999")
            let users = try #require(page.json?["value"]?.arrayValue)
            let guest = try #require(users.first { $0["id"]?.stringValue == sim.fixture.users[4].id })
            #expect(guest["userType"] == .string("Guest"))
            #expect(guest["mail"] == .string("zoe.xu.4@fabrikam.example"))
            #expect(users.filter { $0["userType"] == .string("Member") }.count == sim.fixture.users.count - 1)
            let plain = try await sim.graph(.get, "/users?$top=999").json?["value"]?.arrayValue ?? []
            #expect(!plain.isEmpty && plain.allSatisfy { $0["userType"] == nil })
            let encoded = sim.fixture.users[4].userPrincipalName.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await sim.graph(.get, "/users/\(encoded)?$select=userType").json?["userType"] == .string("Guest"))
        }
    }
}
