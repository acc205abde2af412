import GRDB
import Synchronization

/// Group commit for the SQLite store. Commits are durable (`synchronous = FULL`: the WAL is synced
/// before a write returns), and a sync costs more than the writes it covers, so the writes that arrive
/// while the writer is busy wait for the next transaction and share its commit. Each write still runs
/// in its own savepoint, so one that fails is undone alone and its caller alone sees the error; a
/// caller hears of success only once the transaction holding its write has committed.
final class SQLiteGroupCommit: Sendable {
    /// A write waiting for the next transaction.
    private struct Pending: Sendable {
        /// Runs the write; returns how to answer its caller once the transaction's fate is known.
        let run: @Sendable (Database) -> Answer
        /// Answers the caller when the write never ran.
        let fail: @Sendable (any Error) -> Void
    }

    private typealias Answer = @Sendable (Result<Void, any Error>) -> Void

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
                    let outcome = Result { try Self.inSavepoint(db) { try work(db) } }
                    return { commit in
                        switch commit {
                        case .success: continuation.resume(with: outcome)
                        case .failure(let error): continuation.resume(throwing: error)
                        }
                    }
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

    /// On the writer: everything queued so far, in one transaction.
    private func commitPending(_ db: Database) {
        let batch = queue.withLock { queue in
            defer { queue = Queue() }
            return queue.pending
        }
        var answers: [Answer] = []
        answers.reserveCapacity(batch.count)
        do {
            try db.inTransaction(.immediate) {
                for pending in batch { answers.append(pending.run(db)) }
                return .commit
            }
        } catch {
            for answer in answers { answer(.failure(error)) }
            for pending in batch.dropFirst(answers.count) { pending.fail(error) }
            return
        }
        for answer in answers { answer(.success(())) }
    }

    /// A savepoint through the statement cache (GRDB's own compiles its statements every time).
    private static func inSavepoint<T>(_ db: Database, _ work: () throws -> T) throws -> T {
        try db.run("SAVEPOINT herald_write", [])
        do {
            let result = try work()
            try db.run("RELEASE SAVEPOINT herald_write", [])
            return result
        } catch {
            try db.run("ROLLBACK TO SAVEPOINT herald_write", [])
            try db.run("RELEASE SAVEPOINT herald_write", [])
            throw error
        }
    }
}
