public import Foundation

/// Herald's source of truth: tenants, provisioning targets, conversation references, welcome waves,
/// deliveries and opt-outs (DESIGN.md). `SQLiteStore` and `PostgresStore` implement it and pass the
/// same contract tests.
///
/// Every method that changes several rows does so in one transaction.
public protocol Store: Sendable {
    /// Applies the named, append-only migrations that have not run yet.
    func migrate() async throws

    /// Records an observation of a reference, and the tenant's serviceUrl, in one transaction.
    /// Idempotent and order-independent: a replay or an older observation changes nothing.
    /// Read the merged record with ``reference(_:)``; the listener, which writes most, never needs it.
    func observe(_ observation: ReferenceObservation) async throws

    /// Marks a reference inactive (app removed, bot removed), unless a newer event already reactivated it.
    /// - Returns: whether a stored reference changed.
    @discardableResult
    func deactivate(_ key: ReferenceKey, at time: Date) async throws -> Bool

    /// One reference.
    func reference(_ key: ReferenceKey) async throws -> ConversationReferenceRecord?

    /// Every reference, optionally of one tenant, in capture order.
    func references(tenantId: String?) async throws -> [ConversationReferenceRecord]

    /// The newest serviceUrl seen for a tenant.
    func serviceURL(tenantId: String) async throws -> String?

    /// Records that a user asked for no more messages (idempotent; the first time is kept).
    func recordOptOut(tenantId: String, userId: String, at time: Date) async throws

    /// Whether a user opted out.
    func hasOptedOut(tenantId: String, userId: String) async throws -> Bool
}
