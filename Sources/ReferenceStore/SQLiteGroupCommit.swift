import GRDB
import Synchronization

/// Group commit for the SQLite store. Commits are durable (`synchronous = FULL`: the WAL is synced
/// before a write returns), and a sync costs more than the writes it covers, so the writes that arrive
/// while the writer is busy wait for the next transaction and share its commit. A caller hears of
/// success only once the transaction holding its write has committed. When a write fails, the group's
/// transaction is rolled back and each of its writes runs again in a transaction of its own, so the
/// failure stays with the caller whose write caused it.
final class SQLiteGroupCommit: Sendable {
    /// A write waiting for the next transaction.
    private struct Pending: Sendable {
        /// Runs the write; throws its error, or returns how to answer its caller once the transaction commits.
        let run: @Sendable (Database) throws -> @Sendable () -> Void
        /// Answers the caller with an error.
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue {
        var pending: [Pending] = []
        var scheduled = false
    }

    private let pool: DatabasePool
    private let queue = Mutex(Queue())

    init(pool: DatabasePool) { self.pool = pool }

    /// How many writes wait for the next transaction (for tests that line writes up into one group).
    var waiting: Int { queue.withLock { $0.pending.count } }

    /// Runs `work` in the next group transaction and returns its result once that transaction has committed.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let pending = Pending(
                run: { db in
                    let value = try work(db)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) })
            let mustSchedule = queue.withLock { queue in
                queue.pending.append(pending)
                defer { queue.scheduled = true }
                return !queue.scheduled
            }
            if mustSchedule { pool.asyncWriteWithoutTransaction { [self] db in commitPending(db) } }
        }
    }

    /// How one attempt at committing a group ended.
    private enum Attempt {
        case committed
        case notBegun(any Error)
        case writeFailed(index: Int, any Error)
        case commitFailed(any Error)
    }

    /// On the writer: everything queued so far, in one transaction.
    private func commitPending(_ db: Database) {
        var batch = queue.withLock { queue in
            defer { queue = Queue() }
            return queue.pending
        }
        while !batch.isEmpty {
            switch attempt(batch, db) {
            case .committed:
                return
            case .notBegun(let error):
                for pending in batch { pending.fail(error) }
                return
            case .writeFailed(let index, let error):
                batch.remove(at: index).fail(error)
            case .commitFailed(let error):
                if batch.count == 1 {
                    batch[0].fail(error)
                } else {
                    for pending in batch { commitAlone(pending, db) }
                }
                return
            }
        }
    }

    /// One write in a transaction of its own, its caller answered either way.
    private func commitAlone(_ pending: Pending, _ db: Database) {
        switch attempt([pending], db) {
        case .committed: break
        case .notBegun(let error), .writeFailed(_, let error), .commitFailed(let error): pending.fail(error)
        }
    }

    /// Runs `batch` in one transaction; on a commit, answers every caller.
    private func attempt(_ batch: [Pending], _ db: Database) -> Attempt {
        do {
            try db.beginTransaction(.immediate)
        } catch {
            return .notBegun(error)
        }
        var answers: [@Sendable () -> Void] = []
        answers.reserveCapacity(batch.count)
        for (index, pending) in batch.enumerated() {
            do {
                answers.append(try pending.run(db))
            } catch {
                try? db.rollback()
                return .writeFailed(index: index, error)
            }
        }
        do {
            try db.commit()
        } catch {
            try? db.rollback()
            return .commitFailed(error)
        }
        for answer in answers { answer() }
        return .committed
    }
}
