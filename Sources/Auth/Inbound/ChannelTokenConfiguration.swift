public import Foundation

/// What a channel token must satisfy (the Bot Framework authentication rules).
public struct ChannelTokenConfiguration: Sendable {
    /// The bot's app id: the required audience.
    public var appId: String
    /// The OpenID metadata document naming the JWKS.
    public var openIDMetadataURL: URL
    /// The required issuer.
    public var issuer: String
    /// Tolerance on `exp` and `nbf`.
    public var clockSkew: TimeInterval
    /// How often keys are refreshed regardless.
    public var refreshInterval: TimeInterval
    /// How often an unknown `kid` may force a refresh.
    public var unknownKeyRefreshInterval: TimeInterval

    /// A configuration with the Bot Framework's values: issuer `https://api.botframework.com`, 5 minutes
    /// of skew, keys refreshed daily and at most once a minute for an unknown `kid`.
    public init(
        appId: String, openIDMetadataURL: URL = URL(string: "https://login.botframework.com/v1/.well-known/openidconfiguration")!,
        issuer: String = "https://api.botframework.com", clockSkew: TimeInterval = 300, refreshInterval: TimeInterval = 86_400,
        unknownKeyRefreshInterval: TimeInterval = 60
    ) {
        self.appId = appId
        self.openIDMetadataURL = openIDMetadataURL
        self.issuer = issuer
        self.clockSkew = clockSkew
        self.refreshInterval = refreshInterval
        self.unknownKeyRefreshInterval = unknownKeyRefreshInterval
    }
}
