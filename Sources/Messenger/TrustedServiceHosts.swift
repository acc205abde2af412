import Foundation
public import HeraldCore

/// The hosts a bot token may be sent to: the Bot Connector's, for the public cloud, GCC, GCC High and DoD (or
/// the simulator's, from its env file). A reference whose serviceUrl is elsewhere is never posted to.
public struct TrustedServiceHosts: Sendable, Equatable {
    /// Host names, lower-cased; an entry starting with `.` matches any subdomain.
    public let hosts: [String]

    /// Microsoft's Teams Connector hosts.
    public static let microsoft = TrustedServiceHosts([
        "smba.trafficmanager.net", "smba.infra.gcc.teams.microsoft.com", "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us", ".botframework.com",
    ])

    /// Hosts from a list (`HERALD_TRUSTED_SERVICE_HOSTS`: `host`, `host:port`, `.domain`).
    /// - Parameter hosts: the entries.
    public init(_ hosts: [String]) { self.hosts = hosts.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty } }

    /// Whether a bot token may be sent to `serviceURL`: https (or http to a loopback host named in the list), and
    /// its host (with its port, when the entry names one) in the list.
    /// - Parameter serviceURL: a reference's serviceUrl.
    public func trusts(_ serviceURL: ServiceURL) -> Bool {
        guard let components = URLComponents(string: serviceURL.rawValue), let host = components.host?.lowercased() else { return false }
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "::1"
        guard components.scheme == "https" || (components.scheme == "http" && loopback) else { return false }
        let hostAndPort = components.port.map { "\(host):\($0)" } ?? host
        return hosts.contains { entry in
            entry == host || entry == hostAndPort || (entry.hasPrefix(".") && host.hasSuffix(entry))
        }
    }
}
