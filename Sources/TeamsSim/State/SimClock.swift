public import Foundation

/// The simulator's one reading of time: wall-clock dates for tokens, timestamps and error bodies, and
/// a monotonic clock for limiter windows. Every part of the simulator reads time through the one
/// instance its ``SimState`` holds.
public struct SimClock: Sendable {
    private let wall: @Sendable () -> Date
    private let monotonic = ContinuousClock()

    /// A clock.
    /// - Parameter wall: the wall clock (the system's by default).
    public init(wall: @escaping @Sendable () -> Date = Date.init) {
        self.wall = wall
    }

    /// The system's clocks.
    public static var system: SimClock { SimClock() }

    /// The current date.
    public func now() -> Date { wall() }

    /// The current monotonic instant (for windows and delays).
    public func instant() -> ContinuousClock.Instant { monotonic.now }
}
