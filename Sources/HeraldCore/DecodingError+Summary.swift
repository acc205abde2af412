extension DecodingError {
    /// What did not decode, in a few words with the field's path and none of the input's values, safe for
    /// a log line: `no kid`, `conversation.id is not String`, `not JSON`.
    public var summary: String {
        switch self {
        case .keyNotFound(let key, let context): return "no " + Self.path(context.codingPath + [key])
        case .typeMismatch(let type, let context): return "\(Self.path(context.codingPath)) is not \(type)"
        case .valueNotFound(let type, let context): return "\(Self.path(context.codingPath)) is null, expected \(type)"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "\(Self.path(context.codingPath)) is unreadable"
        @unknown default: return "undecodable"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        let names = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        guard !names.isEmpty else { return "the value" }
        return names.enumerated().map { index, name in index == 0 || name.hasPrefix("[") ? name : "." + name }.joined()
    }
}
