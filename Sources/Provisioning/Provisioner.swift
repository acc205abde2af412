public import BotConnector
public import GraphAPI
public import HeraldCore
public import Logging
public import ReferenceStore
import Transport

/// Runs a provisioning batch: claims people from the store under a lease, installs the app for each with one
/// Graph call, and waits (bounded) for the install activity that `herald listen` stores; only when it does not
/// come does it ask the Connector, then Graph. Every step is recorded in the store before the next, so a run
/// that is killed continues where it stopped, and several workers on one PostgreSQL share a batch.
public struct Provisioner: Sendable {
    let configuration: ProvisioningConfiguration
    let store: any HeraldStore
    let graph: GraphClient
    let connector: ConnectorClient?
    let clock: any HeraldClock
    let logger: Logger
    let progress: @Sendable (AADObjectID, ProvisionState) -> Void
    /// How long install activities have lately taken, and so how long to wait for the next.
    let activityWait = ActivityWait()

    /// A provisioner.
    /// - Parameters:
    ///   - configuration: the batch and its rules.
    ///   - store: the store.
    ///   - graph: Graph.
    ///   - connector: the Connector, for the create-conversation fallback (nil: Graph only).
    ///   - clock: the clock.
    ///   - logger: where failures are logged.
    ///   - progress: called with each person and the state this worker left them in.
    public init(
        configuration: ProvisioningConfiguration, store: any HeraldStore, graph: GraphClient, connector: ConnectorClient?, clock: any HeraldClock,
        logger: Logger = Logger(label: "herald.provision"), progress: @escaping @Sendable (AADObjectID, ProvisionState) -> Void = { _, _ in }
    ) {
        self.configuration = configuration
        self.store = store
        self.graph = graph
        self.connector = connector
        self.clock = clock
        self.logger = logger
        self.progress = progress
    }

    /// Adds people to the batch (people already there are left as they are) and records the ones left out.
    /// - Parameters:
    ///   - users: the people to provision.
    ///   - skipped: people left out on purpose (guests, disabled accounts), recorded as skipped.
    /// - Returns: how many were new to the batch.
    @discardableResult
    public func enqueue(_ users: [AADObjectID], skipped: [(AADObjectID, ProvisionSkipReason)] = []) async throws -> Int {
        let now = clock.date
        let added = try await store.enqueueTargets(batch: configuration.batch, tenantId: configuration.tenantId, users: users, at: now)
        guard !skipped.isEmpty else { return added }
        return added
            + (try await store.enqueueSkippedTargets(batch: configuration.batch, tenantId: configuration.tenantId, skipped: skipped, at: now))
    }

    /// Provisions every unfinished person of the batch until none is left that this worker can claim.
    ///
    /// `concurrency` install workers claim people and install; each person they leave installed is handed to a
    /// task of its own that waits for the reference (and falls back), so a slow or lost install activity holds up
    /// nobody's install.
    /// - Returns: the batch's summary.
    public func run() async throws -> ProvisionSummary {
        let (installed, handOff) = AsyncStream.makeStream(of: (AADObjectID, ProvisionState).self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { reaching in
                    for await (user, state) in installed {
                        reaching.addTask { progress(user, try await reach(user, from: state)) }
                    }
                }
            }
            group.addTask {
                defer { handOff.finish() }
                try await withThrowingTaskGroup(of: Void.self) { workers in
                    for _ in 0..<max(1, configuration.concurrency) {
                        workers.addTask { try await worker(handingOffTo: handOff) }
                    }
                    try await workers.waitForAll()
                }
            }
            try await group.waitForAll()
        }
        return ProvisionSummary(batch: configuration.batch, targets: try await store.targets(batch: configuration.batch))
    }

    private func worker(handingOffTo handOff: AsyncStream<(AADObjectID, ProvisionState)>.Continuation) async throws {
        while true {
            try Task.checkCancellation()
            let claimed = try await store.claimTargets(
                batch: configuration.batch, owner: configuration.worker, limit: 1, lease: configuration.lease, at: clock.date)
            guard let target = claimed.first else {
                // Nothing to claim: done, unless people are still held (by this run's reference waits, or by another
                // worker, one that was killed or one still working). Look again within a second, or when the first
                // lease runs out.
                let (count, expiry) = try await store.unfinishedTargets(batch: configuration.batch)
                guard count > 0 else { return }
                let soon = clock.now.advanced(by: .seconds(1))
                let wake = min(soon, expiry.map { WallInstant($0) } ?? soon)
                try await clock.sleep(until: max(wake, clock.now.advanced(by: .milliseconds(50))), tolerance: nil)
                continue
            }
            let state = try await install(target)
            if state.name == .installed || state.name == .alreadyInstalled {
                handOff.yield((target.user, state))
            } else {
                progress(target.user, state)
            }
        }
    }
}
