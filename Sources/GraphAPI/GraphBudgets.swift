public import HeraldCore
public import Transport

/// One tenant's Graph budgets for this app (Microsoft Graph's Teams limits, per app per tenant): installedApps
/// POST and GET 30 requests per second each, and everything else Herald calls on a shared budget.
public struct GraphBudgets: Sendable {
    /// `POST /users/{id}/teamwork/installedApps`.
    public let installs: RequestBudget
    /// `GET /users/{id}/teamwork/installedApps` and the installation's chat.
    public let installationReads: RequestBudget
    /// Users, groups, the catalog, `$batch`.
    public let directory: RequestBudget

    /// Budgets.
    /// - Parameters:
    ///   - installsPerSecond: the installedApps limit (30; the simulator's `--speed` scales it).
    ///   - directoryPerSecond: the rest.
    ///   - scale: how much faster the service's clock runs (the simulator's `--speed`): limits are multiplied and
    ///     windows divided by it.
    ///   - clock: the clock.
    public init(installsPerSecond: Double = 30, directoryPerSecond: Double = 100, scale: Double = 1, clock: any HeraldClock) {
        let window = Duration.seconds(1 / max(scale, 0.001))
        installs = RequestBudget(name: "graph.installedApps.post", limit: installsPerSecond * scale, window: window, clock: clock)
        installationReads = RequestBudget(name: "graph.installedApps.get", limit: installsPerSecond * scale, window: window, clock: clock)
        directory = RequestBudget(name: "graph.directory", limit: directoryPerSecond * scale, window: window, clock: clock)
    }
}
