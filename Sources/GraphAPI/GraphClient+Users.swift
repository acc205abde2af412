import Foundation
public import HeraldCore
import Transport

extension GraphClient {
    /// The fields provisioning reads of a user.
    static let userFields = "id,userPrincipalName,displayName,userType,accountEnabled"

    /// Every user of the tenant, page by page (`GET /users?$select=…&$top=999`, following `@odata.nextLink`).
    /// - Parameter page: called with each page, in order.
    public func allUsers(_ page: ([GraphUser]) async throws -> Void) async throws {
        try await pages("/users?$select=\(Self.userFields)&$top=999", operation: "graph.users", page)
    }

    /// A group's transitive members that are users (`GET /groups/{id}/transitiveMembers`), page by page.
    /// - Parameters:
    ///   - group: the group's id.
    ///   - page: called with each page of users.
    public func transitiveMembers(of group: String, _ page: ([GraphUser]) async throws -> Void) async throws {
        try await pages(
            "/groups/\(Self.segment(group))/transitiveMembers?$select=\(Self.userFields)&$top=999", operation: "graph.transitiveMembers", page)
    }

    /// A user by object id or UPN, or nil when Graph does not know them.
    /// - Parameter idOrUPN: the object id or user principal name.
    public func user(_ idOrUPN: String) async throws -> GraphUser? {
        let operation = "graph.user"
        let response = try await send(
            "GET", "/users/\(Self.segment(idOrUPN))?$select=\(Self.userFields)", idempotent: true, operation: operation, budget: budgets.directory)
        if response.status == 404 { return nil }
        return try decode(GraphUser.self, response, operation: operation)
    }

    /// Users by object id or UPN, resolved twenty to a JSON batch (`GET /users/{idOrUPN}` items of `POST /$batch`),
    /// on the directory budget.
    /// - Parameter names: object ids or user principal names.
    /// - Returns: one entry per name, in order: the user, or nil when Graph does not know them (404).
    /// - Throws: ``TransportError`` with Graph's answer when an item fails otherwise (after retries).
    public func users(_ names: [String]) async throws -> [GraphUser?] {
        let operation = "graph.user"
        let answers = try await batchGet(
            names.map { "/users/\(Self.segment($0))?$select=\(Self.userFields)" }, budget: budgets.directory, operation: operation)
        return try answers.map { answer in
            if answer.status == 404 { return nil }
            guard (200..<300).contains(answer.status) else { throw TransportError(answer.response, operation: operation, now: clock.date) }
            do {
                return try answer.decoded(GraphUser.self)
            } catch {
                throw TransportError(
                    reason: .refused, operation: operation, detail: "the answer is not what Graph documents: \(error)", httpStatus: answer.status)
            }
        }
    }

    private func pages(_ first: String, operation: String, _ page: ([GraphUser]) async throws -> Void) async throws {
        var next: String? = first
        while let path = next {
            let response = try await send("GET", path, idempotent: true, operation: operation, budget: budgets.directory)
            let decoded = try decode(ODataPage<GraphUser>.self, response, operation: operation)
            // transitiveMembers holds groups and devices too; users carry a userPrincipalName.
            try await page(decoded.value.filter { $0.userPrincipalName != nil || operation == "graph.users" })
            next = decoded.nextLink
        }
    }
}
