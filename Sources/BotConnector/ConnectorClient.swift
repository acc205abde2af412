public import Auth
public import Foundation
public import HeraldCore
public import Transport

/// Typed Bot Connector calls over ``Transport``, with a Bot Framework token and the Connector's budget
/// (50 requests per second per app per tenant). Provisioning's fallback uses ``createConversation(serviceURL:bot:user:tenantId:)``.
public struct ConnectorClient: Sendable {
    let transport: Transport
    let tokens: ClientCredentialsTokenProvider
    let clock: any HeraldClock
    /// The Connector's budget.
    public let budget: RequestBudget

    /// A client.
    /// - Parameters:
    ///   - transport: the outbound path.
    ///   - tokens: Bot Framework tokens.
    ///   - budget: the Connector's budget.
    ///   - clock: the clock.
    public init(transport: Transport, tokens: ClientCredentialsTokenProvider, budget: RequestBudget, clock: any HeraldClock) {
        self.transport = transport
        self.tokens = tokens
        self.budget = budget
        self.clock = clock
    }

    private struct Created: Decodable {
        let id: String
    }

    /// The personal conversation between the bot and a person (`POST /v3/conversations` with the person's Entra
    /// object id and the tenant, as Teams accepts): the same id every time, so it may be repeated.
    /// - Parameters:
    ///   - serviceURL: the tenant's Connector.
    ///   - bot: the bot.
    ///   - user: the person's Entra object id.
    ///   - tenantId: the tenant.
    /// - Returns: the conversation's id.
    /// - Throws: ``TransportError`` with the Connector's code when it refuses.
    public func createConversation(serviceURL: ServiceURL, bot: BotID, user: AADObjectID, tenantId: TenantID) async throws -> ConversationID {
        let operation = "connector.createConversation"
        let body = try JSONSerialization.data(withJSONObject: [
            "isGroup": false, "bot": ["id": bot.rawValue], "members": [["id": user.rawValue]], "tenantId": tenantId.rawValue,
            "channelData": ["tenant": ["id": tenantId.rawValue]],
        ])
        let response = try await tokens.send(through: transport, budget: budget) { token in
            OutboundRequest(
                method: "POST", url: serviceURL.appending("v3/conversations"),
                headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")], body: body, idempotent: true,
                operation: operation)
        }
        guard (200..<300).contains(response.status), let created = try? JSONDecoder().decode(Created.self, from: response.body) else {
            throw TransportError(response, operation: operation, now: clock.date)
        }
        return ConversationID(rawValue: created.id)
    }

    /// The person's personal conversation made with ``createConversation(serviceURL:bot:user:tenantId:)``, as the
    /// reference to keep for them: from `graph` (not from an activity), at `serviceURL`.
    public func createPersonalReference(
        serviceURL: ServiceURL, bot: BotID, user: AADObjectID, tenantId: TenantID, observedAt: Date
    ) async throws -> ConversationReference {
        let conversation = try await createConversation(serviceURL: serviceURL, bot: bot, user: user, tenantId: tenantId)
        return ConversationReference(
            tenantId: tenantId, subject: .user(user), bot: bot, conversationId: conversation, serviceURL: serviceURL, source: .graph,
            observedAt: observedAt)
    }
}
