public import Foundation

/// The clock Herald reads time from, injected wherever time matters (token lifetimes, leases,
/// Retry-After, back-off), so tests move time by hand instead of sleeping.
///
/// It is a Swift `Clock`, so `Task.sleep(for:clock:)` and `clock.sleep(for:)` accept it; its instants
/// are wall-clock times (``WallInstant``) because they are compared with times Microsoft writes.
/// ``SystemClock`` reads the system; HeraldTesting's `ManualClock` moves only when told.
public protocol HeraldClock: Clock, Sendable where Instant == WallInstant, Duration == Swift.Duration {}

extension HeraldClock {
    /// The current time as a `Date`.
    public var date: Date { now.date }
}

/// The system's wall clock.
public struct SystemClock: HeraldClock {
    /// The system clock.
    public init() {}

    public var now: WallInstant { WallInstant(Date()) }

    public var minimumResolution: Duration { .microseconds(1) }

    public func sleep(until deadline: WallInstant, tolerance: Duration?) async throws {
        let remaining = now.duration(to: deadline)
        if remaining > .zero { try await Task.sleep(for: remaining, tolerance: tolerance) }
    }
}
