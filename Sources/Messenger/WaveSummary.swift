import HeraldCore
public import ReferenceStore

/// A wave's outcome by state and reason, as `herald status --wave NAME --json` prints it:
/// `{"wave": ID, "total": N, "states": {STATE: N}, "reasons": {REASON: N}}`.
public struct WaveSummary: Sendable, Equatable, Codable {
    /// The wave.
    public let wave: String
    /// Deliveries in the wave.
    public let total: Int
    /// Deliveries per state.
    public let states: [String: Int]
    /// Deliveries per failure, skip or uncertainty reason.
    public let reasons: [String: Int]

    /// The summary of these deliveries.
    /// - Parameters:
    ///   - wave: the wave.
    ///   - deliveries: its deliveries.
    public init(wave: String, deliveries: [Delivery]) {
        self.wave = wave
        total = deliveries.count
        var states: [String: Int] = [:]
        var reasons: [String: Int] = [:]
        for delivery in deliveries {
            states[delivery.state.name.rawValue, default: 0] += 1
            switch delivery.state {
            case .failed(let reason, _): reasons[reason.rawValue, default: 0] += 1
            case .skipped(let reason): reasons[reason.rawValue, default: 0] += 1
            case .uncertain(let reason): reasons[reason.rawValue, default: 0] += 1
            default: break
            }
        }
        self.states = states
        self.reasons = reasons
    }

    /// Whether some delivery failed, is uncertain, or is not finished: pending or sending (another worker holds it, or a
    /// run died while posting it). The command exits 1.
    public var hasProblems: Bool {
        ["failed", "uncertain", "pending", "sending"].reduce(0) { $0 + states[$1, default: 0] } > 0
    }
}
