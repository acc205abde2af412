public import Foundation
public import ReferenceStore

/// What one activity asks of the store.
public enum StoreChange: Sendable, Equatable {
    /// Capture or refresh a conversation reference.
    case observe(ReferenceObservation)
    /// The app was removed or the bot left: the reference stops working.
    case deactivate(ReferenceKey, at: Date)
    /// The user asked for no more messages.
    case optOut(tenantId: String, userId: String, at: Date)
}
