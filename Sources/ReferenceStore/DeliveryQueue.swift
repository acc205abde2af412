public import Foundation
public import HeraldCore

/// A welcome or notification wave shared between workers, at most once per person: enqueue people,
/// claim a few under a lease, mark each `sending` durably before its POST, then record the answer.
/// Only the lease holder may mark a delivery `sending` or skip it; only the worker that marked it `sending`
/// may record its answer (even after its lease ran out: nobody else can hold it then, and the answer is the
/// truth). A transition from a state that does not lead to it is refused (returns `false`) and changes
/// nothing. A lease that runs out on a `sending` delivery makes it `uncertain` (``expireLeases(wave:at:)``,
/// also run by every claim), never claimable again; a definite answer that arrives later still replaces that.
/// A paused or cancelled wave hands out nothing.
public protocol DeliveryQueue: Sendable {
    /// Creates a wave; an existing wave is left as it is.
    /// - Parameters:
    ///   - id: the wave's id.
    ///   - name: its name.
    ///   - cardTemplate: the Adaptive Card template it sends.
    ///   - time: now.
    func createWave(id: String, name: String, cardTemplate: String, at time: Date) async throws

    /// Adds people to a wave as `pending`; people already there are left as they are.
    /// - Parameters:
    ///   - wave: the wave.
    ///   - tenantId: their tenant.
    ///   - users: their Entra object ids.
    ///   - data: each person's binding data for the card (JSON text), if any.
    ///   - time: now.
    /// - Returns: how many were added.
    @discardableResult
    func enqueueDeliveries(wave: String, tenantId: TenantID, users: [AADObjectID], data: [AADObjectID: String], at time: Date) async throws -> Int

    /// How many deliveries of the wave are `pending` or `sending`, and when the first lease among them runs out
    /// (nil when none is leased): a worker that can claim nothing waits for that instead of leaving work behind.
    /// - Parameter wave: the wave.
    func unfinishedDeliveries(wave: String) async throws -> (count: Int, nextLeaseExpiry: Date?)

    /// Notes that `worker` is alive on the wave, and counts the workers whose heartbeat is newer than `liveSince`
    /// (this one included): they split the tenant's budget.
    /// - Parameters:
    ///   - wave: the wave.
    ///   - worker: this worker.
    ///   - time: now.
    ///   - liveSince: the oldest heartbeat that counts as alive.
    /// - Returns: how many workers are alive.
    func heartbeat(wave: String, worker: String, at time: Date, liveSince: Date) async throws -> Int

    /// Removes `worker`'s heartbeat: it has finished with the wave.
    func leaveWave(_ wave: String, worker: String) async throws

    /// Keeps an install's reference and, in the same transaction, enqueues its welcome in `welcomeWave`: the person's,
    /// or for a team one message in the team's channel (subject `channel:{team id}`). One already in the wave is left
    /// as it is: a repeated or replayed install never welcomes twice. The listener's hand-off to the messenger: it never
    /// calls the Connector while answering Teams.
    /// - Parameters:
    ///   - reference: the reference the install activity brought.
    ///   - welcomeWave: the wave (it must exist).
    ///   - data: the welcome's binding data (JSON text: who added the app, the team's name), if any.
    func observeInstall(_ reference: ConversationReference, welcomeWave: String, data: String?) async throws

    /// Keeps a channel thread under its name; a name already kept is left as it is.
    /// - Parameter thread: the thread.
    /// - Returns: whether it was new.
    @discardableResult
    func saveThread(_ thread: ChannelThread) async throws -> Bool

    /// The thread kept under `name`, if any.
    /// - Parameter name: its name.
    func thread(named name: String) async throws -> ChannelThread?

    /// The card template a wave was created with, if the wave exists.
    /// - Parameter wave: the wave.
    func waveCardTemplate(_ wave: String) async throws -> String?

    /// Makes `uncertain` every `sending` delivery of the wave whose lease ran out, then claims up to `limit`
    /// `pending` deliveries whose lease is free or ran out, for `owner`, until `time + lease`. Concurrent
    /// claimers never get the same delivery (`FOR UPDATE SKIP LOCKED` on PostgreSQL).
    /// - Parameters:
    ///   - wave: the wave.
    ///   - owner: the worker.
    ///   - limit: at most this many.
    ///   - lease: how long the worker may hold them.
    ///   - time: now.
    func claimDeliveries(wave: String, owner: String, limit: Int, lease: Duration, at time: Date) async throws -> [Delivery]

    /// Records `state` for a claimed delivery, if its state leads there (``DeliveryState/predecessors``) and
    /// `owner` may record it: from `pending`, the holder of a live lease; from `sending`, the worker that marked
    /// it `sending`. `sending` counts an attempt; a final state releases the lease.
    /// - Parameters:
    ///   - state: the new state.
    ///   - wave: the wave.
    ///   - user: the person.
    ///   - owner: the lease holder.
    ///   - status: the HTTP status of the answer that caused it, if any.
    ///   - requestId: the service's request id for that answer, if it sent one.
    ///   - errorCode: the service's error code in that answer, if any.
    ///   - time: now.
    /// - Returns: whether it was recorded.
    @discardableResult
    func record(
        _ state: DeliveryState, wave: String, user: AADObjectID, owner: String, status: Int?, requestId: String?, errorCode: String?, at time: Date
    ) async throws -> Bool

    /// Makes `uncertain` (`lease_expired`) every `sending` delivery of the wave whose lease ran out by `time`.
    /// - Returns: how many.
    @discardableResult
    func expireLeases(wave: String, at time: Date) async throws -> Int

    /// Makes every `uncertain` delivery of the wave `pending` again: only on a person's explicit request.
    /// - Returns: how many.
    @discardableResult
    func resendUncertain(wave: String, at time: Date) async throws -> Int

    /// Makes every `failed` delivery of the wave `pending` again: only on a person's explicit request.
    /// - Returns: how many.
    @discardableResult
    func resendFailed(wave: String, at time: Date) async throws -> Int

    /// Sets a wave's state: only an `open` wave's deliveries are claimed.
    /// - Parameters:
    ///   - wave: the wave.
    ///   - state: its new state.
    /// - Returns: whether the wave exists.
    @discardableResult
    func setWaveState(_ wave: String, _ state: WaveState) async throws -> Bool

    /// A wave's state, if the wave exists.
    /// - Parameter wave: the wave.
    func waveState(_ wave: String) async throws -> WaveState?

    /// Every delivery of a wave, by person.
    /// - Parameter wave: the wave.
    func deliveries(wave: String) async throws -> [Delivery]
}

extension DeliveryQueue {
    /// Creates the wave with `cardTemplate`, or joins it when it was created with the same card. Two processes that
    /// start one new wave at once with different cards: the first card wins, and the other is told so here, before
    /// it enqueues or sends anything.
    /// - Returns: false when the wave exists with another card.
    public func joinWave(id: String, name: String, cardTemplate: String, at time: Date) async throws -> Bool {
        if let stored = try await waveCardTemplate(id), stored != cardTemplate { return false }
        try await createWave(id: id, name: name, cardTemplate: cardTemplate, at: time)
        return try await waveCardTemplate(id) == cardTemplate
    }

    /// Adds people to a wave as `pending`, with no binding data of their own.
    /// - Returns: how many were added.
    @discardableResult
    public func enqueueDeliveries(wave: String, tenantId: TenantID, users: [AADObjectID], at time: Date) async throws -> Int {
        try await enqueueDeliveries(wave: wave, tenantId: tenantId, users: users, data: [:], at: time)
    }

    /// Records `state` caused by an answer without a request id (or by none).
    /// - Returns: whether it was recorded.
    @discardableResult
    public func record(_ state: DeliveryState, wave: String, user: AADObjectID, owner: String, status: Int?, at time: Date) async throws -> Bool {
        try await record(state, wave: wave, user: user, owner: owner, status: status, requestId: nil, errorCode: nil, at: time)
    }

    /// Records `state` caused by an answer with a request id and no error code.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func record(
        _ state: DeliveryState, wave: String, user: AADObjectID, owner: String, status: Int?, requestId: String?, at time: Date
    ) async throws -> Bool {
        try await record(state, wave: wave, user: user, owner: owner, status: status, requestId: requestId, errorCode: nil, at: time)
    }

    /// Marks a delivery `sending`: durable before the caller may POST.
    /// - Returns: whether it was recorded; only then may the caller POST (the result is not discardable).
    public func markSending(wave: String, user: AADObjectID, owner: String, at time: Date) async throws -> Bool {
        try await record(.sending, wave: wave, user: user, owner: owner, status: nil, at: time)
    }

    /// The Connector accepted the message.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordSent(wave: String, user: AADObjectID, owner: String, activityId: String?, status: Int, at time: Date) async throws -> Bool {
        try await record(.sent(activityId: activityId), wave: wave, user: user, owner: owner, status: status, at: time)
    }

    /// The Connector refused the message for good.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordFailed(
        wave: String, user: AADObjectID, owner: String, reason: DeliveryFailure, status: Int?, at time: Date
    ) async throws -> Bool {
        try await record(.failed(reason, status: status), wave: wave, user: user, owner: owner, status: status, at: time)
    }

    /// The message may or may not have arrived.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordUncertain(
        wave: String, user: AADObjectID, owner: String, reason: DeliveryUncertainty, status: Int?, at time: Date
    ) async throws -> Bool {
        try await record(.uncertain(reason), wave: wave, user: user, owner: owner, status: status, at: time)
    }

    /// The request provably did not take effect (429, 412, 502, 503, not written): `pending` again, lease kept.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordRetry(wave: String, user: AADObjectID, owner: String, status: Int?, at time: Date) async throws -> Bool {
        try await record(.pending, wave: wave, user: user, owner: owner, status: status, at: time)
    }

    /// The message is not sent on purpose.
    /// - Returns: whether it was recorded.
    @discardableResult
    public func recordSkipped(wave: String, user: AADObjectID, owner: String, reason: DeliverySkipReason, at time: Date) async throws -> Bool {
        try await record(.skipped(reason), wave: wave, user: user, owner: owner, status: nil, at: time)
    }
}
