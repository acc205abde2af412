public import GraphAPI
public import HeraldCore
import Transport

/// Who a batch is for: the people named by a CSV file, a group's transitive members, or every user of the
/// tenant, resolved through Graph. Guests and disabled accounts are left out on purpose and reported as
/// skipped (as Company Communicator leaves guests out); a name Graph does not know is reported, never dropped.
public struct ProvisionTargets: Sendable {
    /// Where the people come from.
    public enum Source: Sendable {
        /// A `--users FILE.csv`, parsed; its user principal names are resolved twenty to a `$batch`.
        case userList(UserList)
        /// A group's transitive members (`--group ID`).
        case group(String)
        /// Every user of the tenant (`--all-users`), paged.
        case allUsers
    }

    /// The people to provision.
    public var people: [AADObjectID] = []
    /// The people left out on purpose, and why.
    public var skipped: [(AADObjectID, ProvisionSkipReason)] = []
    /// Names (user principal names) Graph does not know.
    public var unknown: [String] = []

    /// Resolves `source` through `graph`.
    /// - Parameters:
    ///   - source: where the people come from.
    ///   - graph: Graph.
    /// - Throws: ``TransportError`` (a group Graph does not know is a 404), or the Graph error that stopped the paging.
    public init(_ source: Source, graph: GraphClient) async throws {
        switch source {
        case .userList(let list):
            people = list.objectIds
            let names = list.principalNames
            for (name, user) in zip(names, try await graph.users(names)) {
                if let user { take([user]) } else { unknown.append(name) }
            }
        case .group(let group):
            try await graph.transitiveMembers(of: group) { take($0) }
        case .allUsers:
            try await graph.allUsers { take($0) }
        }
    }

    private mutating func take(_ users: [GraphUser]) {
        for user in users {
            let id = AADObjectID(user.id)
            if user.userType?.lowercased() == "guest" {
                skipped.append((id, .guest))
            } else if user.accountEnabled == false {
                skipped.append((id, .accountDisabled))
            } else {
                people.append(id)
            }
        }
    }
}
