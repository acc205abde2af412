/// What the simulator counted, for `/_sim/counters`: requests, 429s and injected faults per family.
public struct SimCounters: Codable, Sendable, Equatable {
    /// Requests answered, by family (`login`, `graph`, `connector`, `botframework`).
    public var requests: [String: Int] = [:]
    /// 429 answers, by family.
    public var throttled: [String: Int] = [:]
    /// Injected faults, by family and kind (`graph.503`, `connector.reset`).
    public var faults: [String: Int] = [:]
    /// Install activities: posted, dropped on purpose, duplicated on purpose, failed to reach the bot.
    public var activities: [String: Int] = [:]

    public init() {}
}
