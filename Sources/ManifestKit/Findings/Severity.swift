/// How much a finding matters. Errors make `herald validate` exit 1.
public enum Severity: String, Sendable, Equatable, Hashable, Comparable, Codable, CaseIterable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
