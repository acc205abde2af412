/// What the simulator counted, for `/_sim/counters`: requests, 429s and injected faults per family,
/// requests per route, and when the first and last install and message happened.
public struct SimCounters: Codable, Sendable, Equatable {
    /// Requests answered, by family (`login`, `graph`, `connector`, `botframework`).
    public var requests: [String: Int] = [:]
    /// 429 answers, by family.
    public var throttled: [String: Int] = [:]
    /// Injected faults, by family and kind (`graph.503`, `connector.reset`).
    public var faults: [String: Int] = [:]
    /// Install activities: posted, dropped on purpose, duplicated on purpose, failed to reach the bot.
    public var activities: [String: Int] = [:]
    /// Requests by method and templated path (`"POST /users/{id}/teamwork/installedApps"`,
    /// `"POST /v3/conversations"`); the items of a `$batch` count under their own routes as well as
    /// the batch under `"POST /$batch"`.
    public var routes: [String: Int] = [:]
    /// The first and last install answered 201 and message delivered, on the simulator's clock.
    public var timeline = SimTimeline()

    public init() {}
}
