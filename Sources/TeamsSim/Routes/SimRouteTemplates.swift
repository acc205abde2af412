/// The routes the simulator serves, as `/_sim/counters` names them: the method, a space, and the
/// path relative to the service's base (Graph's `/v1.0`, a serviceUrl, the login host, the Bot
/// Framework host) with every variable segment written `{id}`, e.g.
/// `"GET /users/{id}/teamwork/installedApps/{id}/chat"` or `"POST /v3/conversations/{id}/activities"`.
struct SimRouteTemplates: Sendable {
    private let templates: [(method: String, segments: [String], key: String)]
    /// The key of a request no template matches (still counted, so nothing goes missing).
    private let unmatched: String

    /// Templates in the form `"METHOD /path/{id}/…"`.
    init(_ keys: [String], unmatched: String) {
        templates = keys.map { key in
            let parts = key.split(separator: " ", maxSplits: 1)
            return (String(parts[0]), parts[1].split(separator: "/").map(String.init), key)
        }
        self.unmatched = unmatched
    }

    /// The key for a request.
    /// - Parameters:
    ///   - method: its method.
    ///   - segments: its path's segments below the service base, percent-decoded.
    func key(method: String, segments: [String]) -> String {
        let method = method.uppercased()
        let match = templates.first { template in
            template.method == method && template.segments.count == segments.count
                && zip(template.segments, segments).allSatisfy { pattern, segment in pattern == "{id}" ? !segment.isEmpty : pattern == segment }
        }
        return match?.key ?? "\(method) \(unmatched)"
    }

    /// Graph under `/v1.0`.
    static let graph = SimRouteTemplates(
        [
            "GET /appCatalogs/teamsApps", "GET /users", "GET /users/{id}", "GET /groups/{id}/transitiveMembers",
            "GET /users/{id}/teamwork/installedApps", "POST /users/{id}/teamwork/installedApps",
            "DELETE /users/{id}/teamwork/installedApps/{id}", "GET /users/{id}/teamwork/installedApps/{id}/chat", "POST /$batch",
        ], unmatched: "(no Graph route)")

    /// The Bot Connector under a serviceUrl.
    static let connector = SimRouteTemplates(
        [
            "POST /v3/conversations", "POST /v3/conversations/{id}/activities", "POST /v3/conversations/{id}/activities/{id}",
            "GET /v3/conversations/{id}/members", "GET /v3/conversations/{id}/members/{id}", "GET /v3/conversations/{id}/pagedmembers",
            "GET /v3/teams/{id}", "GET /v3/teams/{id}/conversations",
        ], unmatched: "(no Connector route)")

    /// The login host's token endpoint and signing keys.
    static let tokenEndpoint = "POST /{id}/oauth2/v2.0/token"
    static let loginKeys = "GET /{id}/discovery/v2.0/keys"
    /// The Bot Framework's OpenID metadata and channel keys.
    static let openIDMetadata = "GET /v1/.well-known/openidconfiguration"
    static let channelKeys = "GET /v1/.well-known/keys"
}
