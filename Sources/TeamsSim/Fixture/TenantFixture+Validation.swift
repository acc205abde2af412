extension TenantFixture {
    /// Checks that the simulator can serve this tenant: ids present, a catalog with Herald's app first,
    /// users with ids and a region that can be a serviceUrl path segment.
    /// - Throws: ``SimStartupError`` naming the first problem.
    public func validate() throws {
        guard !tenantId.isEmpty else { throw SimStartupError(code: "noTenantId", message: "the fixture has no tenantId") }
        guard !botAppId.isEmpty else { throw SimStartupError(code: "noBotAppId", message: "the fixture has no botAppId") }
        guard let first = catalog.first else {
            throw SimStartupError(code: "emptyCatalog", message: "the fixture's catalog is empty", hint: "put Herald's app first in \"catalog\"")
        }
        guard !first.id.isEmpty, !first.externalId.isEmpty else {
            throw SimStartupError(code: "badCatalogApp", message: "the first catalog app needs an id and an externalId (the manifest id)")
        }
        for (index, user) in users.enumerated() {
            guard !user.id.isEmpty else { throw SimStartupError(code: "badUser", message: "user \(index) has no id") }
            guard !user.region.isEmpty, user.region.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
                throw SimStartupError(
                    code: "badRegion", message: "user \(index) has region '\(user.region)'",
                    hint: "use a serviceUrl region such as amer, emea or apac")
            }
            guard user.userType == "Member" || user.userType == "Guest" else {
                throw SimStartupError(code: "badUserType", message: "user \(index) has userType '\(user.userType)'", hint: "use Member or Guest")
            }
            guard !user.preinstalledReferenced || user.preinstalled else {
                throw SimStartupError(
                    code: "referencedNotPreinstalled", message: "user \(index) is preinstalledReferenced but not preinstalled",
                    hint: "set \"preinstalled\": true as well")
            }
            guard !user.preinstalled || user.hasTeamsLicense else {
                throw SimStartupError(
                    code: "preinstalledWithoutLicence", message: "user \(index) is preinstalled but has no Teams licence",
                    hint: "Teams cannot have installed an app for a user without a licence")
            }
        }
    }
}
