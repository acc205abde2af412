/// `GET /_sim/installs`: per user, how many install POSTs (direct or inside `$batch`) were answered
/// 201 Created and how many 409 Conflict. Users with neither are left out.
public struct SimInstallReport: Codable, Sendable, Equatable {
    /// One entry per user, in user id order.
    public var users: [SimInstallTally]

    /// A report.
    /// - Parameter users: one tally per user.
    public init(users: [SimInstallTally]) {
        self.users = users
    }
}

/// One user's install answers.
public struct SimInstallTally: Codable, Sendable, Equatable {
    /// The user's Entra object id.
    public var id: String
    /// Install POSTs answered 201.
    public var created = 0
    /// Install POSTs answered 409 (already installed).
    public var conflict = 0

    /// A tally.
    /// - Parameters:
    ///   - id: the user's object id.
    ///   - created: install POSTs answered 201.
    ///   - conflict: install POSTs answered 409.
    public init(id: String, created: Int = 0, conflict: Int = 0) {
        self.id = id
        self.created = created
        self.conflict = conflict
    }
}
