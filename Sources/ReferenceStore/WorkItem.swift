public import Foundation

/// A unit of shared work: one user of a provisioning batch (`targets`) or of a welcome wave
/// (`deliveries`), claimed by one worker at a time under a lease.
public struct WorkItem: Sendable, Equatable {
    /// Which table the work lives in.
    public enum Queue: String, Sendable, CaseIterable {
        /// `targets`, keyed by batch.
        case targets
        /// `deliveries`, keyed by wave.
        case deliveries

        var groupColumn: String { self == .targets ? "batch_id" : "wave_id" }
    }

    public let queue: Queue
    /// The batch or wave.
    public let group: String
    public let tenantId: String
    public let userId: String
    /// The state column's value (`pending`, `installed`, `sent`, …).
    public let state: String
    public let attempts: Int
    /// Who holds the lease, and until when.
    public let leaseOwner: String?
    public let leaseExpiresAt: Date?
}
