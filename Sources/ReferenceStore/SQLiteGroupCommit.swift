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

    /// On the writer: everything queued so far, in one transaction; one by one if that fails.
    private func commitPending(_ db: Database) {
        let batch = queue.withLock { queue in
            defer { queue = Queue() }
            return queue.pending
        }
        if !commit(batch, db), batch.count > 1 {
            for pending in batch { _ = commit([pending], db) }
        }
    }

    /// Runs and commits `batch` in one transaction and answers its callers; false if it was rolled back
    /// (a lone write's caller then hears the error).
    private func commit(_ batch: [Pending], _ db: Database) -> Bool {
        var answers: [@Sendable () -> Void] = []
        answers.reserveCapacity(batch.count)
        do {
            try db.inTransaction(.immediate) {
                for pending in batch { answers.append(try pending.run(db)) }
                return .commit
            }
        } catch {
            if batch.count == 1 { batch[0].fail(error) }
            return false
        }
        for answer in answers { answer() }
        return true
    }
}
