public import Foundation
public import HeraldCore

/// A provisioning batch shared between workers: enqueue people, claim a few under a lease, and record
/// each transition of ``ProvisionState`` as it happens. Only the lease holder may record; a transition
/// from a state that does not lead to it is refused (returns `false`) and changes nothing.
public protocol TargetQueue: Sendable {
    /// Adds people to a batch as `pending`; people already there are left as they are.
    /// - Parameters:
    ///   - batch: the batch.
    ///   - tenantId: their tenant.
    ///   - users: their Entra object ids.
    ///   - time: now.
    /// - Returns: how many were added.
    @discardableResult
    func enqueueTargets(batch: String, tenantId: TenantID, users: [AADObjectID], at time: Date) async throws -> Int

    /// Adds people to a batch who are left out on purpose, straight as `skipped` with their reason; people
    /// already there are left as they are.
    /// - Parameters:
    ///   - batch: the batch.
    ///   - tenantId: their tenant.
    ///   - skipped: each person and why.
    ///   - time: now.
    /// - Returns: how many were added.
    @discardableResult
    func enqueueSkippedTargets(batch: String, tenantId: TenantID, skipped: [(AADObjectID, ProvisionSkipReason)], at time: Date) async throws -> Int

    /// Claims up to `limit` unfinished targets (`pending`, `installed`, `already_installed`) whose lease is
    /// free or ran out, for `owner`, until `time + lease`. Each claim counts as an attempt. Concurrent claimers
    /// never get the same target (`FOR UPDATE SKIP LOCKED` on PostgreSQL).
    /// - Parameters:
    ///   - batch: the batch.
    ///   - owner: the worker.
    ///   - limit: at most this many.
    ///   - lease: how long the worker may hold them.
    ///   - time: now.
    func claimTargets(batch: String, owner: String, limit: Int, lease: Duration, at time: Date) async throws -> [Target]

    /// Records `state` for a claimed target, if `owner` holds its lease and its state leads there
    /// (``ProvisionState/predecessors``). A terminal state releases the lease.
    /// - Parameters:
    ///   - state: the new state (its reasons, installation id and chat id are stored with it).
    ///   - batch: the batch.
    ///   - user: the person.
    ///   - owner: the lease holder.
    ///   - status: the HTTP status of the answer that caused it, if any.
    ///   - requestId: the service's request id for that answer, if it sent one.
    ///   - errorCode: the service's error code in that answer, if any.
    ///   - time: now.
    /// - Returns: whether it was recorded.
    @discardableResult
    func record(
        _ state: ProvisionState, batch: String, user: AADObjectID, owner: String, status: Int?, requestId: String?, errorCode: String?, at time: Date
    ) async throws -> Bool

    /// How many targets of the batch are unfinished, and when the first lease among them runs out (nil when
    /// none is leased): a worker that can claim nothing waits for that instead of leaving work behind.
    /// - Parameter batch: the batch.
    func unfinishedTargets(batch: String) async throws -> (count: Int, nextLeaseExpiry: Date?)

    /// Every target of a batch, by person.
    /// - Parameter batch: the batch.
    func targets(batch: String) async throws -> [Target]
}

extension TargetQueue {
    /// Records `state` caused by an answer without a request id (or by none).
    /// - Returns: whether it was recorded.
    @discardableResult
    public func record(_ state: ProvisionState, batch: String, user: AADObjectID, owner: String, status: Int?, at time: Date) async throws -> Bool {
        try await record(state, batch: batch, user: user, owner: owner, status: status, requestId: nil, errorCode: nil, at: time)
    }

    /// Records `state` caused by an answer with a request id and no error code.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func record(
        _ state: ProvisionState, batch: String, user: AADObjectID, owner: String, status: Int?, requestId: String?, at time: Date
    ) async throws -> Bool {
        try await record(state, batch: batch, user: user, owner: owner, status: status, requestId: requestId, errorCode: nil, at: time)
    }

    /// Graph answered 201: installed.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordInstalled(batch: String, user: AADObjectID, owner: String, installationId: String?, at time: Date) async throws -> Bool {
        try await record(.installed(installationId: installationId), batch: batch, user: user, owner: owner, status: 201, at: time)
    }

    /// Graph answered 409: the app was there already.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordAlreadyInstalled(batch: String, user: AADObjectID, owner: String, installationId: String?, at time: Date) async throws -> Bool {
        try await record(.alreadyInstalled(installationId: installationId), batch: batch, user: user, owner: owner, status: 409, at: time)
    }

    /// The person's reference is stored.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordReferenced(batch: String, user: AADObjectID, owner: String, chatId: ConversationID?, at time: Date) async throws -> Bool {
        try await record(.referenced(chatId: chatId), batch: batch, user: user, owner: owner, status: nil, at: time)
    }

    /// Provisioning failed for good.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordFailed(
        batch: String, user: AADObjectID, owner: String, reason: ProvisionFailure, lastStatus: Int?, at time: Date
    ) async throws -> Bool {
        try await record(.failed(reason, status: lastStatus), batch: batch, user: user, owner: owner, status: lastStatus, at: time)
    }

    /// The person is left out on purpose.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordSkipped(batch: String, user: AADObjectID, owner: String, reason: ProvisionSkipReason, at time: Date) async throws -> Bool {
        try await record(.skipped(reason), batch: batch, user: user, owner: owner, status: nil, at: time)
    }
}
