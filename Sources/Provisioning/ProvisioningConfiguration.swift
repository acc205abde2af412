public import HeraldCore

/// What a provisioning run installs, for whom, and how it waits.
public struct ProvisioningConfiguration: Sendable {
    /// The batch (resumable by this id).
    public var batch: String
    /// This worker's name (lease owner).
    public var worker: String
    /// The tenant.
    public var tenantId: TenantID
    /// The org catalog app's id.
    public var catalogAppId: String
    /// The bot (its references are the ones awaited).
    public var bot: BotID
    /// The serviceUrl for a tenant whose own is not learned yet.
    public var defaultServiceURL: ServiceURL
    /// How many people are handled at once.
    public var concurrency: Int
    /// How long a claimed person is this worker's.
    public var lease: Duration
    /// The longest wait for the install activity before falling back (``ActivityWait`` shortens it to what activities
    /// lately take).
    public var referenceTimeout: Duration
    /// How soon the store is checked again for the awaited reference (later, a quarter of the wait so far).
    public var referencePollInterval: Duration
    /// Install tries per person.
    public var policy: ProvisionPolicy

    /// A configuration.
    public init(
        batch: String, worker: String, tenantId: TenantID, catalogAppId: String, bot: BotID,
        defaultServiceURL: ServiceURL = ServiceURL(rawValue: "https://smba.trafficmanager.net/teams/"), concurrency: Int = 64,
        lease: Duration = .seconds(120),
        referenceTimeout: Duration = .seconds(30), referencePollInterval: Duration = .milliseconds(50), policy: ProvisionPolicy = ProvisionPolicy()
    ) {
        self.batch = batch
        self.worker = worker
        self.tenantId = tenantId
        self.catalogAppId = catalogAppId
        self.bot = bot
        self.defaultServiceURL = defaultServiceURL
        self.concurrency = concurrency
        self.lease = lease
        self.referenceTimeout = referenceTimeout
        self.referencePollInterval = referencePollInterval
        self.policy = policy
    }
}
