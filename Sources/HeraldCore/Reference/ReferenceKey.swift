/// The key of a stored reference: one per (tenant, subject, bot).
public struct ReferenceKey: Sendable, Hashable {
    /// The tenant.
    public var tenantId: TenantID
    /// The user or team.
    public var subject: ReferenceSubject
    /// The bot.
    public var bot: BotID

    /// A key.
    /// - Parameters:
    ///   - tenantId: the tenant.
    ///   - subject: the user or team.
    ///   - bot: the bot.
    public init(tenantId: TenantID, subject: ReferenceSubject, bot: BotID) {
        self.tenantId = tenantId
        self.subject = subject
        self.bot = bot
    }
}
