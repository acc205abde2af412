import Foundation
public import HeraldCore
import Transport

extension GraphClient {
    /// Installs the catalog app for a person. Idempotent (a repeat answers 409), so Transport may retry it.
    /// - Parameters:
    ///   - user: the person's Entra object id.
    ///   - catalogAppId: the org catalog app's id (not the manifest id).
    /// - Returns: Graph's answer.
    public func installApp(for user: AADObjectID, catalogAppId: String) async throws -> InstallAnswer {
        let operation = "graph.installApp"
        let body = try JSONSerialization.data(withJSONObject: ["teamsApp@odata.bind": "\(baseURL)/appCatalogs/teamsApps/\(catalogAppId)"])
        let response = try await send(
            "POST", "/users/\(Self.segment(user.rawValue))/teamwork/installedApps", body: body, idempotent: true, operation: operation,
            budget: budgets.installs)
        let error = (200..<300).contains(response.status) ? nil : TransportError(response, operation: operation, now: clock.date)
        return InstallAnswer(
            answer: ServiceAnswer(
                status: response.status, errorCode: error?.serviceErrorCode, retryAfter: error?.retryAfter, message: error?.serviceMessage),
            requestId: error?.requestId ?? response[header: "request-id"])
    }

    /// The person's installation of the catalog app, if any (`GET …/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '…'`).
    /// - Parameters:
    ///   - user: the person.
    ///   - catalogAppId: the catalog app's id.
    public func installation(for user: AADObjectID, catalogAppId: String) async throws -> GraphTeamsAppInstallation? {
        let operation = "graph.installation"
        let path =
            "/users/\(Self.segment(user.rawValue))/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id%20eq%20\(Self.odataString(catalogAppId))"
        let response = try await send("GET", path, idempotent: true, operation: operation, budget: budgets.installationReads)
        return try decode(ODataPage<GraphTeamsAppInstallation>.self, response, operation: operation).value.first
    }

    /// The chat of a person's installation: its id is the personal conversation id.
    /// - Parameters:
    ///   - user: the person.
    ///   - installationId: the installation.
    public func installationChat(for user: AADObjectID, installationId: String) async throws -> GraphChat {
        let operation = "graph.installationChat"
        let path = "/users/\(Self.segment(user.rawValue))/teamwork/installedApps/\(Self.segment(installationId))/chat"
        let response = try await send("GET", path, idempotent: true, operation: operation, budget: budgets.installationReads)
        return try decode(GraphChat.self, response, operation: operation)
    }
}
