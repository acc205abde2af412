import HeraldCore
public import ReferenceStore

/// A batch by state and reason: what `herald status` prints and `herald provision` ends with.
public struct ProvisionSummary: Sendable, Equatable, Encodable {
    /// The batch.
    public let batch: String
    /// People in it.
    public let total: Int
    /// People per state name (`referenced`, `failed`, …).
    public let states: [String: Int]
    /// People per failure or skip reason.
    public let reasons: [String: Int]

    /// The summary of `targets`.
    /// - Parameters:
    ///   - batch: the batch.
    ///   - targets: its people.
    public init(batch: String, targets: [Target]) {
        self.batch = batch
        total = targets.count
        var states: [String: Int] = [:]
        var reasons: [String: Int] = [:]
        for target in targets {
            states[target.state.name.rawValue, default: 0] += 1
            switch target.state {
            case .failed(let reason, _): reasons[reason.rawValue, default: 0] += 1
            case .skipped(let reason): reasons[reason.rawValue, default: 0] += 1
            default: break
            }
        }
        self.states = states
        self.reasons = reasons
    }

    /// Whether every person is in a terminal state.
    public var finished: Bool {
        (states["referenced"] ?? 0) + (states["failed"] ?? 0) + (states["skipped"] ?? 0) == total
    }

    /// Whether anyone failed.
    public var hasFailures: Bool { (states["failed"] ?? 0) > 0 }
}
