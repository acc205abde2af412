extension TenantFixture {
    private static let givenNames = [
        "Ada", "Bo", "Chen", "Dara", "Emeka", "Fatima", "Gus", "Hana", "Ivan", "Joy", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn",
        "Rosa", "Sven", "Tariq", "Uma", "Vik", "Wen", "Yara", "Zoe",
    ]
    private static let surnames = [
        "Abara", "Berg", "Costa", "Dubois", "Eze", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kim", "Lopez", "Moreau", "Novak", "Okafor",
        "Patel", "Quist", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Young",
    ]
    private static let regions = ["amer", "amer", "emea", "emea", "apac"]

    /// A tenant generated from a seed: the same seed and size always give the same tenant.
    ///
    /// About 1% of users have an install-blocking policy, 1% blocked the bot, 1% deleted the chat;
    /// 2% already have the app installed (half of them with their install activity delivered before,
    /// ``User/preinstalledReferenced``), 1% have no Teams licence and 2% are guests. There is one group
    /// per 100 users plus an "All staff" group with everyone.
    /// - Parameters:
    ///   - seed: the seed.
    ///   - users: how many people.
    public static func generate(seed: UInt64, users count: Int) -> TenantFixture {
        var random = SeededGenerator(seed: seed)
        let tenantId = random.guid()
        let botAppId = random.guid()
        let secret = "sim-" + String(random.next(), radix: 36) + String(random.next(), radix: 36)
        let app = CatalogApp(id: random.guid(), externalId: random.guid(), displayName: "Herald", distributionMethod: "organization")
        let other = CatalogApp(id: random.guid(), externalId: random.guid(), displayName: "Polls", distributionMethod: "organization")
        var users: [User] = []
        users.reserveCapacity(max(count, 0))
        for index in 0..<max(count, 0) {
            let given = givenNames[Int(random.next() % UInt64(givenNames.count))]
            let surname = surnames[Int(random.next() % UInt64(surnames.count))]
            // One roll picks each user's quirk, so the draws (and every id) stay what they were before
            // the later quirks were added.
            let roll = random.next() % 100
            let name = "\(given.lowercased()).\(surname.lowercased()).\(index)"
            let guest = roll == 6 || roll == 7
            users.append(
                User(
                    id: random.guid(),
                    userPrincipalName: guest ? "\(name)_fabrikam.example#EXT#@contoso.example" : "\(name)@contoso.example",
                    displayName: "\(given) \(surname)",
                    region: regions[Int(random.next() % UInt64(regions.count))],
                    installBlocked: roll == 0, blockedBot: roll == 1, deletedChat: roll == 2, preinstalled: roll == 3 || roll == 4,
                    preinstalledReferenced: roll == 3, hasTeamsLicense: roll != 5, userType: guest ? "Guest" : "Member"))
        }
        var groups = [Group(id: random.guid(), displayName: "All staff", members: users.map(\.id))]
        for start in stride(from: 0, to: count, by: 100) {
            groups.append(Group(id: random.guid(), displayName: "Team \(start / 100 + 1)", members: users[start..<min(start + 100, count)].map(\.id)))
        }
        return TenantFixture(tenantId: tenantId, botAppId: botAppId, botAppSecret: secret, catalog: [app, other], users: users, groups: groups)
    }
}
