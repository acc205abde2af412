import Foundation
import HeraldCore

/// A queue row as ``QueueSQL`` reads it, before it becomes a ``Target`` or a ``Delivery``.
struct QueueRow {
    var group: String
    var tenantId: String
    var user: String
    var attempts: Int
    var lastStatus: Int?
    var leaseOwner: String?
    var leaseExpiresAt: Int64?
    var updatedAt: Int64
    var columns: StateColumns
    var lastRequestId: String?
    var lastErrorCode: String?
    var data: String?

    var lease: Lease? {
        guard let leaseOwner, let leaseExpiresAt else { return nil }
        return Lease(owner: leaseOwner, expiresAt: SQLValue.date(fromMilliseconds: leaseExpiresAt))
    }

    func target() throws -> Target {
        Target(
            batch: group, tenantId: TenantID(rawValue: tenantId), user: AADObjectID(rawValue: user), state: try ProvisionState(columns),
            attempts: attempts, lastStatus: lastStatus, lastRequestId: lastRequestId, lastErrorCode: lastErrorCode,
            chatId: columns.chatId.map(ConversationID.init(rawValue:)),
            lease: lease,
            updatedAt: SQLValue.date(fromMilliseconds: updatedAt))
    }

    func delivery() throws -> Delivery {
        Delivery(
            wave: group, tenantId: TenantID(rawValue: tenantId), user: AADObjectID(rawValue: user), state: try DeliveryState(columns),
            attempts: attempts, lastStatus: lastStatus, lastRequestId: lastRequestId, lastErrorCode: lastErrorCode, data: data, lease: lease,
            updatedAt: SQLValue.date(fromMilliseconds: updatedAt))
    }
}
