public import Foundation
public import HeraldCore

/// Herald's source of truth for who can be reached (DESIGN.md): conversation references, the tenants'
/// serviceUrls and opt-outs. ``SQLiteStore`` and ``PostgresStore`` implement it, with the work queues
/// (``TargetQueue``, ``DeliveryQueue``), and pass the same contract tests. Open one with
/// ``StoreLocation/withStore(logger:_:)``, which migrates it and runs what it needs.
///
/// Every method that changes several rows does so in one transaction.
public protocol Store: Sendable {
    /// Applies the named, append-only migrations that have not run yet.
    func migrate() async throws

    /// Records a sighting of a reference, and the tenant's serviceUrl, in one transaction.
    /// Idempotent and order-independent: the newest sighting's conversation and serviceUrl win, the
    /// capture time stays the first one's, and a replay or an older sighting changes nothing.
    /// Read the merged record with ``reference(_:)``; the listener, which writes most, never needs it.
    /// - Parameter reference: the reference as seen, with the time of the event it came from.
    func observe(_ reference: ConversationReference) async throws

    /// Marks a reference inactive (app removed, bot removed), unless a newer event already reactivated it.
    /// - Parameters:
    ///   - key: the reference.
    ///   - time: when the removal happened.
    /// - Returns: whether a stored reference changed.
    @discardableResult
    func deactivate(_ key: ReferenceKey, at time: Date) async throws -> Bool

    /// One reference.
    /// - Parameter key: its key.
    func reference(_ key: ReferenceKey) async throws -> ConversationReferenceRecord?

    /// Every reference, optionally of one tenant, in capture order.
    /// - Parameter tenantId: only this tenant's, when given.
    func references(tenantId: TenantID?) async throws -> [ConversationReferenceRecord]

    /// The newest serviceUrl seen for a tenant.
    /// - Parameter tenantId: the tenant.
    func serviceURL(tenantId: TenantID) async throws -> ServiceURL?

    /// Records that a person asked for no more messages (idempotent; the first time is kept).
    /// - Parameters:
    ///   - tenantId: the tenant.
    ///   - user: the person's Entra object id.
    ///   - time: when they asked.
    func recordOptOut(tenantId: TenantID, user: AADObjectID, at time: Date) async throws

    /// Whether a person opted out.
    /// - Parameters:
    ///   - tenantId: the tenant.
    ///   - user: the person's Entra object id.
    func hasOptedOut(tenantId: TenantID, user: AADObjectID) async throws -> Bool
}

/// A store with its work queues: what every Herald command opens.
public typealias HeraldStore = Store & TargetQueue & DeliveryQueue
