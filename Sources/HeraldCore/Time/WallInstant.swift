public import Foundation

/// An instant of wall-clock time: what Herald stores and compares with token and activity times,
/// in a form Swift's `Clock` machinery (`Task.sleep(for:clock:)`) accepts.
public struct WallInstant: InstantProtocol, Sendable, Hashable, Codable {
    /// The instant as a `Date`.
    public var date: Date

    /// An instant.
    /// - Parameter date: the wall-clock time.
    public init(_ date: Date) { self.date = date }

    public func advanced(by duration: Duration) -> WallInstant { WallInstant(date.addingTimeInterval(duration.timeInterval)) }

    public func duration(to other: WallInstant) -> Duration { .seconds(other.date.timeIntervalSince(date)) }

    public static func < (lhs: WallInstant, rhs: WallInstant) -> Bool { lhs.date < rhs.date }
}

extension Duration {
    /// The duration in seconds, as Foundation counts time.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
