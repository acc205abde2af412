import Foundation
import TeamsSim
import Testing

@Suite("TeamsSim fixtures")
struct FixtureTests {
    @Test("the same seed and size make the same tenant; another seed makes another")
    func reproducible() {
        let first = TenantFixture.generate(seed: 42, users: 500)
        #expect(first == TenantFixture.generate(seed: 42, users: 500))
        #expect(first != TenantFixture.generate(seed: 43, users: 500))
        #expect(first.users.count == 500)
        #expect(Set(first.users.map(\.id)).count == 500)
        #expect(Set(first.users.map(\.userPrincipalName)).count == 500)
        #expect(first.groups[0].members.count == 500)
        #expect(first.groups.count == 6)
        #expect(Set(first.users.map(\.region)) == ["amer", "emea", "apac"])
        #expect(first.users.contains { $0.installBlocked } && first.users.contains { $0.blockedBot } && first.users.contains { $0.deletedChat })
    }

    @Test("a fixture round-trips through its JSON file form")
    func jsonFile() throws {
        let fixture = TenantFixture.generate(seed: 1, users: 5)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try JSONEncoder().encode(fixture).write(to: url)
        #expect(try TenantFixture(contentsOf: url) == fixture)
    }
}
