import Foundation
import Synchronization
import TeamsSim

/// A wall clock a test moves by hand, for a simulator built with ``clock``.
final class ManualWallClock: Sendable {
    private let date: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        date = Mutex(start)
    }

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) {
        date.withLock { $0 += seconds }
    }

    /// The current reading.
    func now() -> Date {
        date.withLock { $0 }
    }

    /// The simulator's clock reading this one.
    var clock: SimClock {
        SimClock { [self] in now() }
    }
}
