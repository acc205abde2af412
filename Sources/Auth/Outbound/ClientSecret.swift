/// An app registration's client secret. It prints as `***` everywhere (descriptions, logs, string
/// interpolation), so it cannot leak through an error message; only the token request reads ``value``.
public struct ClientSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself: read it only to send it to the token endpoint.
    public let value: String

    /// A secret, from the environment or an env file (never from the command line).
    /// - Parameter value: the secret.
    public init(_ value: String) { self.value = value }

    public var description: String { "***" }
    public var debugDescription: String { "***" }
}
