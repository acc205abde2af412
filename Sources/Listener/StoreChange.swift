public import Foundation
public import HeraldCore

/// What one activity asks of the store.
public enum StoreChange: Sendable, Equatable {
    /// Capture or refresh a conversation reference.
    case observe(ConversationReference)
    /// The app was removed or the bot left: the reference stops working.
    case deactivate(ReferenceKey, at: Date)
    /// The person asked for no more messages.
    case optOut(tenantId: TenantID, user: AADObjectID, at: Date)
}
