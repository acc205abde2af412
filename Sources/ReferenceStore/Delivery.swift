public import Foundation
public import HeraldCore

/// One message of a wave for one person (`deliveries`).
public struct Delivery: Sendable, Equatable {
    /// The wave.
    public let wave: String
    /// The tenant.
    public let tenantId: TenantID
    /// The person.
    public let user: AADObjectID
    /// Where it stands.
    public let state: DeliveryState
    /// POSTs so far (each `sending` is one).
    public let attempts: Int
    /// The HTTP status of the last answer, if any.
    public let lastStatus: Int?
    /// The service's request id for that answer, if it sent one.
    public let lastRequestId: String?
    /// The service's error code in that answer (Graph's `error.code`, Teams' `error.code`), if any.
    public let lastErrorCode: String?
    /// The person's binding data for the card (JSON text), if the wave has any.
    public let data: String?
    /// The lease, while a worker holds the item.
    public let lease: Lease?
    /// When the row last changed.
    public let updatedAt: Date
}
