public import Foundation
public import HeraldCore

/// One person of a provisioning batch (`targets`).
public struct Target: Sendable, Equatable {
    /// The batch.
    public let batch: String
    /// The tenant.
    public let tenantId: TenantID
    /// The person.
    public let user: AADObjectID
    /// Where provisioning stands.
    public let state: ProvisionState
    /// Claims so far: each claim counts one, whether it leads to an install call or resumes the wait for a reference.
    public let attempts: Int
    /// The HTTP status of the last answer, if any.
    public let lastStatus: Int?
    /// The service's request id for that answer (Graph's `request-id`), if it sent one.
    public let lastRequestId: String?
    /// The service's error code in that answer (Graph's `error.code`, Teams' `error.code`), if any.
    public let lastErrorCode: String?
    /// The installation's chat id, once known (Graph's or the reference's conversation id).
    public let chatId: ConversationID?
    /// The lease, while a worker holds the item.
    public let lease: Lease?
    /// When the row last changed.
    public let updatedAt: Date
}
