import Foundation
import HeraldCore
import HeraldTesting
import Synchronization
import Transport

/// An executor that answers from a script and notes when each request was sent, on the test's clock.
final class ScriptedExecutor: HTTPExecutor {
    enum Step: Sendable {
        case answer(Int, headers: [String: String] = [:], body: String = "")
        case fail(TransportFailure)
    }

    private let steps: Mutex<[Step]>
    private let sent = Mutex<[(operation: String, at: Date)]>([])
    private let clock: ManualClock

    init(_ steps: [Step], clock: ManualClock) {
        self.steps = Mutex(steps)
        self.clock = clock
    }

    /// When each request was sent, in order.
    var sendTimes: [Date] { sent.withLock { $0.map(\.at) } }
    var sendCount: Int { sent.withLock { $0.count } }

    func execute(_ request: OutboundRequest, timeout: Duration) async throws(TransportFailure) -> OutboundResponse {
        sent.withLock { $0.append((request.operation, clock.date)) }
        let step = steps.withLock { $0.isEmpty ? Step.answer(200) : $0.removeFirst() }
        switch step {
        case .answer(let status, let headers, let body): return OutboundResponse(status: status, headers: headers, body: Data(body.utf8))
        case .fail(let failure): throw failure
        }
    }
}

/// Runs `body` in a task and advances `clock` whenever that task (or anything it started) sleeps, until it ends.
func drive<T: Sendable>(
    _ clock: ManualClock, by step: Duration = .milliseconds(10), _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let task = Task { try await body() }
    let done = Mutex(false)
    let watcher = Task {
        _ = try? await task.value
        done.withLock { $0 = true }
    }
    while !done.withLock({ $0 }) {
        if clock.sleeping > 0 { clock.advance(by: step) } else { await Task.yield() }
    }
    _ = await watcher.value
    return try await task.value
}
