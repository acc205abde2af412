import Foundation
public import HeraldCore

extension GraphClient {
    /// The org catalog's app whose manifest id is `externalId` (`GET /appCatalogs/teamsApps?$filter=externalId eq '…'`).
    /// - Parameter externalId: the manifest's `id`.
    /// - Returns: the catalog app, or nil when the app is not published to the org catalog.
    public func catalogApp(externalId: String) async throws -> GraphTeamsApp? {
        let operation = "graph.catalogApp"
        let path = "/appCatalogs/teamsApps?$filter=externalId%20eq%20\(Self.odataString(externalId))"
        let response = try await send("GET", path, idempotent: true, operation: operation, budget: budgets.directory)
        return try decode(ODataPage<GraphTeamsApp>.self, response, operation: operation).value.first
    }
}
