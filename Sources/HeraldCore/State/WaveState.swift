/// Where a wave stands as a whole (`waves.state`).
public enum WaveState: String, Sendable, Hashable, CaseIterable, Codable {
    /// People may be added and deliveries claimed.
    case open
    /// Stopped by a person; nothing is claimed until resumed.
    case paused
    /// Every delivery is final.
    case completed
    /// Abandoned; nothing more is sent.
    case cancelled
}
