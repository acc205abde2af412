import Foundation

/// The base URL of the Bot Connector that serves a conversation (`serviceUrl`), e.g.
/// `https://smba.trafficmanager.net/amer/` or a tenant-scoped `…/amer/<tenant id>/`.
///
/// Normalised to end in exactly one `/`, so `…/amer` and `…/amer/` are the same service and
/// `v3/conversations` can be appended to either.
public struct ServiceURL: Identifier {
    public let rawValue: String

    /// A service URL, normalised to one trailing slash.
    /// - Parameter rawValue: the URL as an activity or configuration carries it.
    public init(rawValue: String) {
        var text = Substring(rawValue)
        while text.hasSuffix("/") { text = text.dropLast() }
        self.rawValue = String(text) + "/"
    }

    /// The host, lowercased, if the URL has one.
    public var host: String? {
        guard let schemeEnd = rawValue.range(of: "://") else { return nil }
        let rest = rawValue[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        let hostPart = authority.split(separator: "@").last.map { $0.prefix { $0 != ":" } } ?? ""
        return hostPart.isEmpty ? nil : hostPart.lowercased()
    }

    /// `path` under this service (`v3/conversations/…`).
    /// - Parameter path: a path without a leading slash.
    public func appending(_ path: String) -> String { rawValue + (path.hasPrefix("/") ? String(path.dropFirst()) : path) }
}
