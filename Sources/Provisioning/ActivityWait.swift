import Synchronization

/// How long to wait for a person's install activity before taking it as lost and falling back: as long as the
/// tenant's activities have lately been taking, with a wide margin, and never longer than the configured timeout.
///
/// Teams posts the activity within seconds of the install, or not at all; a fixed wait sized for the slowest
/// tenant holds every lost activity's person back by the whole timeout, which at the end of a batch is the
/// batch's last welcome. A wrong guess costs little: the fallback's create-conversation answers the same personal
/// chat, and an activity that arrives after it only refreshes the reference.
public final class ActivityWait: Sendable {
    /// Recent delays from an install's 201 to its reference in the store, oldest first.
    private let recent = Mutex<[Duration]>([])
    private static let kept = 256
    /// Below this many delays seen, the configured timeout is used as it is.
    public static let enoughSamples = 20

    /// A wait with nothing seen yet.
    public init() {}

    /// Notes the delay of an activity that arrived.
    public func arrived(after delay: Duration) {
        recent.withLock { delays in
            delays.append(delay)
            if delays.count > Self.kept { delays.removeFirst(delays.count - Self.kept) }
        }
    }

    /// The wait for the next person: four times the 95th percentile of the recent delays, at least a tenth of
    /// `timeout`, at most `timeout`; `timeout` until enough activities have arrived to judge.
    public func patience(timeout: Duration) -> Duration {
        let delays = recent.withLock { $0 }
        guard delays.count >= Self.enoughSamples else { return timeout }
        let sorted = delays.sorted()
        let slow = sorted[min(sorted.count - 1, sorted.count * 95 / 100)]
        return min(timeout, max(timeout / 10, slow * 4))
    }
}
