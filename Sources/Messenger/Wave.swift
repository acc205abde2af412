public import BotConnector
public import Foundation
public import HeraldCore
public import Logging
public import ManifestKit
public import ReferenceStore
import Transport

/// Runs a welcome wave: claims deliveries from the store under a lease and sends each person the card once, at
/// the tenant's budget and within each conversation's limits. The store is the outbox: a delivery is `sending`
/// durably before its POST, so a run that dies leaves it `uncertain`, never sent twice (see ``deliver(_:)``).
public struct Wave: Sendable {
    let configuration: WaveConfiguration
    let store: any HeraldStore
    let connector: ConnectorClient
    let card: CardTemplate
    let baseData: JSONValue
    let conversations: ConversationBudget
    let clock: any HeraldClock
    let logger: Logger
    let progress: @Sendable (Delivery, DeliveryState) -> Void

    /// A wave runner.
    /// - Parameters:
    ///   - configuration: the wave and its rules.
    ///   - store: the store.
    ///   - connector: the Bot Connector (its budget is the tenant's).
    ///   - card: the card template.
    ///   - baseData: the binding data every person shares (the app, the tenant, the installer); each delivery's own
    ///     data is laid over it.
    ///   - conversations: the per-conversation limits.
    ///   - clock: the clock.
    ///   - logger: where failures are logged.
    ///   - progress: called with each delivery and the state this worker left it in.
    public init(
        configuration: WaveConfiguration, store: any HeraldStore, connector: ConnectorClient, card: CardTemplate, baseData: JSONValue,
        conversations: ConversationBudget, clock: any HeraldClock, logger: Logger = Logger(label: "herald.welcome"),
        progress: @escaping @Sendable (Delivery, DeliveryState) -> Void = { _, _ in }
    ) {
        self.configuration = configuration
        self.store = store
        self.connector = connector
        self.card = card
        self.baseData = baseData
        self.conversations = conversations
        self.clock = clock
        self.logger = logger
        self.progress = progress
    }

    /// The binding data for one person: the shared data with the person's own laid over it.
    /// - Parameter personal: the delivery's data (JSON text), if any.
    public func data(_ personal: String?) -> JSONValue {
        guard let personal, let document = try? JSONDocument(data: Data(personal.utf8)), let own = document.root.objectValue,
            var merged = baseData.objectValue
        else { return baseData }
        for (key, value) in own.members { merged[key] = value }
        return .object(merged)
    }

    /// The message a person gets.
    /// - Parameter personal: the delivery's data.
    /// - Throws: ``CardTemplateError``.
    public func message(_ personal: String?) throws(CardTemplateError) -> Data {
        CardMessage.activity(try card.render(data(personal)))
    }

    /// Sends every unfinished delivery of the wave that this worker can claim, then returns the wave's summary.
    ///
    /// Beside the senders, a heartbeat in the store says this worker is alive; every worker of the wave (on
    /// PostgreSQL, several processes or machines) takes `1/N` of the tenant's budget, N being the workers alive.
    public func run() async throws -> WaveSummary {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await heartbeat() }
            try await withThrowingTaskGroup(of: Void.self) { senders in
                for _ in 0..<max(1, configuration.concurrency) {
                    senders.addTask { try await worker() }
                }
                try await senders.waitForAll()
            }
            group.cancelAll()
        }
        try await store.leaveWave(configuration.wave, worker: configuration.worker)
        await connector.budget.setShare(1)
        return WaveSummary(wave: configuration.wave, deliveries: try await store.deliveries(wave: configuration.wave))
    }

    /// Sends the wave's deliveries as they are enqueued (the listener's welcomes, each in the transaction that keeps
    /// the person's reference), until the task is cancelled; an idle worker looks again after `idle`.
    /// - Parameter idle: how long an idle worker waits before it looks again.
    public func serve(idle: Duration = .milliseconds(100)) async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await heartbeat() }
                for _ in 0..<max(1, configuration.concurrency) {
                    group.addTask {
                        while true {
                            try Task.checkCancellation()
                            let claimed = try await store.claimDeliveries(
                                wave: configuration.wave, owner: configuration.worker, limit: 1, lease: configuration.lease, at: clock.date)
                            guard let delivery = claimed.first else {
                                try await clock.sleep(until: clock.now.advanced(by: idle), tolerance: nil)
                                continue
                            }
                            progress(delivery, try await deliver(delivery))
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch is CancellationError {
            try? await store.leaveWave(configuration.wave, worker: configuration.worker)
        }
    }

    /// Every second: this worker is alive, and takes its part of the tenant's budget. Ends when cancelled.
    private func heartbeat() async throws {
        while !Task.isCancelled {
            let now = clock.date
            let alive = try await store.heartbeat(
                wave: configuration.wave, worker: configuration.worker, at: now, liveSince: now.addingTimeInterval(-configuration.heartbeat * 3))
            await connector.budget.setShare(1 / Double(alive))
            do {
                try await clock.sleep(until: clock.now.advanced(by: .seconds(configuration.heartbeat)), tolerance: nil)
            } catch is CancellationError {
                return
            }
        }
    }

    private func worker() async throws {
        while true {
            try Task.checkCancellation()
            let claimed = try await store.claimDeliveries(
                wave: configuration.wave, owner: configuration.worker, limit: 1, lease: configuration.lease, at: clock.date)
            guard let delivery = claimed.first else {
                // Nothing to claim: done, unless deliveries are still held (by another worker, or by one that died:
                // its `sending` rows turn uncertain when the lease runs out). Look again within a second.
                let (count, expiry) = try await store.unfinishedDeliveries(wave: configuration.wave)
                guard count > 0 else { return }
                let soon = clock.now.advanced(by: .seconds(1))
                let wake = min(soon, expiry.map { WallInstant($0) } ?? soon)
                try await clock.sleep(until: max(wake, clock.now.advanced(by: .milliseconds(50))), tolerance: nil)
                continue
            }
            progress(delivery, try await deliver(delivery))
        }
    }
}
