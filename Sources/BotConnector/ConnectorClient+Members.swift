import Auth
import Foundation
public import HeraldCore
import Transport

extension ConnectorClient {
    private struct PagedMembers: Decodable {
        let continuationToken: String?
        let members: [TeamsChannelAccount]
    }

    /// Every member of a team (`GET {serviceUrl}/v3/conversations/{teamId}/pagedmembers`, 500 to a page, following
    /// the continuation token until there is none), on the Connector's budget.
    /// - Parameters:
    ///   - team: the team's id (its General channel's conversation id).
    ///   - serviceURL: the team's Connector.
    /// - Returns: the roster.
    /// - Throws: ``TransportError`` with the Connector's code (404 `ConversationNotFound` for a team the bot is not in).
    public func teamMembers(_ team: TeamID, serviceURL: ServiceURL) async throws -> [TeamsChannelAccount] {
        let operation = "connector.pagedMembers"
        let base = serviceURL.appending(
            "v3/conversations/" + (team.rawValue.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? team.rawValue) + "/pagedmembers"
        )
        var members: [TeamsChannelAccount] = []
        var token: String?
        repeat {
            var url = base + "?pageSize=500"
            if let token { url += "&continuationToken=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token) }
            let response = try await tokens.send(through: transport, budget: budget) { bearer in
                OutboundRequest(method: "GET", url: url, headers: [("Authorization", "Bearer \(bearer)")], idempotent: true, operation: operation)
            }
            guard response.status == 200, let page = try? JSONDecoder().decode(PagedMembers.self, from: response.body) else {
                throw TransportError(response, operation: operation, now: clock.date)
            }
            members += page.members
            token = page.continuationToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return members
    }
}
