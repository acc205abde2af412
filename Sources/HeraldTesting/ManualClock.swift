public import Foundation
public import HeraldCore
import Synchronization

/// A clock tests move by hand: `now` changes only through ``advance(by:)``, and a task sleeping on it
/// (`Task.sleep(for:clock:)`, `clock.sleep(for:)`) wakes when the clock is advanced past its deadline, the
/// earliest deadline first. A sleeper reads the clock as it stands after the whole advance (advance in steps
/// to see each deadline). Instants are `Date`s, so the resolution is a microsecond.
/// Time rules (key refresh, leases, Retry-After, back-off) are tested without waiting.
public final class ManualClock: HeraldClock {
    private struct Sleeper {
        let deadline: WallInstant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: WallInstant
        var sleepers: [UInt64: Sleeper] = [:]
        var nextSleeper: UInt64 = 0
    }

    private let state: Mutex<State>

    /// A clock reading `start`.
    /// - Parameter start: the time it reads until advanced.
    public init(_ start: Date) { state = Mutex(State(now: WallInstant(start))) }

    public var now: WallInstant { state.withLock { $0.now } }

    public var minimumResolution: Duration { .microseconds(1) }

    /// How many tasks are sleeping on this clock (a test waits for a sleeper before advancing).
    public var sleeping: Int { state.withLock { $0.sleepers.count } }

    /// Moves the clock forward and wakes every sleeper whose deadline has come.
    /// - Parameter seconds: how far.
    public func advance(by seconds: TimeInterval) { advance(by: .seconds(seconds)) }

    /// Moves the clock forward and wakes every sleeper whose deadline has come.
    /// - Parameter duration: how far.
    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let ids = state.sleepers.filter { $0.value.deadline <= now }.map(\.key)
            return ids.compactMap { state.sleepers.removeValue(forKey: $0) }.sorted { $0.deadline < $1.deadline }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    public func sleep(until deadline: WallInstant, tolerance: Duration?) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextSleeper += 1
            return state.nextSleeper
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let immediate = state.withLock { state -> Bool in
                    if deadline <= state.now { return true }
                    if Task.isCancelled { return true }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if immediate {
                    if Task.isCancelled { continuation.resume(throwing: CancellationError()) } else { continuation.resume() }
                }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}
