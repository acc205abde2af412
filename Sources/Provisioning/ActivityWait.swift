import Synchronization

/// How long to wait for a person's install activity before taking it as lost and falling back: as long as the
/// tenant's activities have lately been taking, with a wide margin, and never longer than the configured timeout.
///
/// Teams posts the activity within seconds of the install, or not at all; a fixed wait sized for the slowest
/// tenant holds every lost activity's person back by the whole timeout, which at the end of a batch is the
/// batch's last welcome. A wrong guess costs little: the fallback's create-conversation answers the same personal
/// chat, and an activity that arrives after it only refreshes the reference.
public final class ActivityWait: Sendable {
    /// Recent delays from an install's 201 to its reference in the store (for a wait that ended without it, the
    /// wait), oldest first.
    private let recent = Mutex<[Duration]>([])
    private static let kept = 256
    /// Below this many waits ended, the configured timeout is used as it is.
    public static let enoughSamples = 20

    /// A wait with nothing seen yet.
    public init() {}

    /// Notes the delay of an activity that arrived.
    public func arrived(after delay: Duration) {
        note(delay)
    }

    /// Notes a wait that ended without the activity: its delay is at least `patience`. When activities slow down
    /// past the wait, these fill the upper percentiles and the wait grows (four times at each step, up to the
    /// timeout); a lone lost activity among many (Teams loses a few) moves nothing.
    public func timedOut(after patience: Duration) {
        note(patience)
    }

    private func note(_ delay: Duration) {
        recent.withLock { delays in
            delays.append(delay)
            if delays.count > Self.kept { delays.removeFirst(delays.count - Self.kept) }
        }
    }

    /// The wait for the next person: four times the 95th percentile (nearest rank) of the recent delays, at least a
    /// tenth of `timeout`, at most `timeout`; `timeout` until enough waits have ended to judge.
    public func patience(timeout: Duration) -> Duration {
        let delays = recent.withLock { $0 }
        guard delays.count >= Self.enoughSamples else { return timeout }
        let sorted = delays.sorted()
        let slow = sorted[(sorted.count * 95 + 99) / 100 - 1]
        return min(timeout, max(timeout / 10, slow * 4))
    }
}
