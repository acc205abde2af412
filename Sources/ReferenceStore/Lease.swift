public import Foundation

/// Who holds a queue item, and until when. Only the holder may move the item on; a holder whose lease
/// ran out finds its writes refused (they return `false`), so a stalled worker cannot overwrite its successor.
public struct Lease: Sendable, Equatable {
    /// The worker's name.
    public let owner: String
    /// When the lease runs out.
    public let expiresAt: Date

    /// A lease.
    /// - Parameters:
    ///   - owner: the worker.
    ///   - expiresAt: when it runs out.
    public init(owner: String, expiresAt: Date) {
        self.owner = owner
        self.expiresAt = expiresAt
    }
}
