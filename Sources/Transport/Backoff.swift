/// Exponential back-off with full jitter: the n-th retry waits a random time between zero and
/// `min(cap, base · 2ⁿ⁻¹)`, so many clients that failed together do not retry together.
public struct Backoff: Sendable {
    /// The first retry's ceiling.
    public var base: Duration
    /// The largest ceiling.
    public var cap: Duration
    /// A number in [0, 1): the jitter source (injected, so tests are deterministic).
    public var random: @Sendable () -> Double

    /// A back-off.
    /// - Parameters:
    ///   - base: the first retry's ceiling.
    ///   - cap: the largest ceiling.
    ///   - random: the jitter source.
    public init(
        base: Duration = .milliseconds(200), cap: Duration = .seconds(20), random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.base = base
        self.cap = cap
        self.random = random
    }

    /// How long to wait before retry number `retry` (1 for the first).
    /// - Parameter retry: the retry's number.
    public func delay(retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let ceiling = min(cap, base * (1 << exponent))
        return ceiling * random()
    }
}
