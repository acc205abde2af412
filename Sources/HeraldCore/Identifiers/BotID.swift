/// A bot's account id in conversations, `28:<Microsoft app id>`.
public struct BotID: Identifier {
    public let rawValue: String
    /// A bot account id as written (with or without the `28:` prefix; ``appId`` strips it).
    /// - Parameter rawValue: the id.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The account id of the bot registered as `appId`.
    /// - Parameter appId: the bot's Microsoft app id (a GUID).
    public init(appId: String) { self.rawValue = "28:" + appId }

    /// The Microsoft app id: the id without its `28:` prefix.
    public var appId: String { rawValue.hasPrefix("28:") ? String(rawValue.dropFirst(3)) : rawValue }
}
