public import HeraldCore

/// What a wave sends, for whom, and how fast.
public struct WaveConfiguration: Sendable {
    /// The wave (resumable by this id).
    public var wave: String
    /// This worker's name (lease owner and `sending` owner).
    public var worker: String
    /// The tenant.
    public var tenantId: TenantID
    /// The bot.
    public var bot: BotID
    /// The hosts a bot token may be sent to.
    public var trustedHosts: TrustedServiceHosts
    /// The serviceUrl for a tenant whose own is not learned yet (a conversation created for a person with none).
    public var defaultServiceURL: ServiceURL
    /// How many deliveries are handled at once.
    public var concurrency: Int
    /// How long a claimed delivery is this worker's; one found `sending` after it is `uncertain`.
    public var lease: Duration
    /// Sends per delivery for answers that provably did not reach Teams.
    public var policy: DeliveryPolicy
    /// Seconds between heartbeats; a worker silent for three is no longer counted in the budget's split.
    public var heartbeat: Double = 1

    /// A configuration.
    public init(
        wave: String, worker: String, tenantId: TenantID, bot: BotID, trustedHosts: TrustedServiceHosts = .microsoft,
        defaultServiceURL: ServiceURL = ServiceURL(rawValue: "https://smba.trafficmanager.net/teams/"), concurrency: Int = 16,
        lease: Duration = .seconds(120), policy: DeliveryPolicy = DeliveryPolicy()
    ) {
        self.wave = wave
        self.worker = worker
        self.tenantId = tenantId
        self.bot = bot
        self.trustedHosts = trustedHosts
        self.defaultServiceURL = defaultServiceURL
        self.concurrency = concurrency
        self.lease = lease
        self.policy = policy
    }
}
