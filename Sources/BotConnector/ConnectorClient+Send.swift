import Auth
public import Foundation
public import HeraldCore
import Transport

extension ConnectorClient {
    /// Posts an activity to a conversation (`POST {serviceUrl}/v3/conversations/{id}/activities`), as the delivery
    /// machine reads the outcome. The Connector takes no idempotency key, so the request is not idempotent: the
    /// transport repeats it only where the Connector provably did not accept it (429, 412, 502, 503, a connection
    /// that failed before the request was written), after Retry-After, on the Connector's budget.
    /// - Parameters:
    ///   - activity: the activity's JSON.
    ///   - conversation: the conversation.
    ///   - serviceURL: the tenant's Connector (already checked against the trusted hosts).
    ///   - prepaid: whether the caller already took this send's place in ``budget`` (before it marked the delivery
    ///     `sending`, so that a delivery is `sending` only while its request is on the wire).
    /// - Returns: the event for ``DeliveryState``: the answer (with the new activity's id on success), or how the
    ///   exchange broke (`notWritten`, `timedOutAfterWrite`, `connectionLostAfterWrite`).
    /// - Throws: `CancellationError`, or a token error (nothing was sent).
    public func sendActivity(
        _ activity: Data, to conversation: ConversationID, serviceURL: ServiceURL, prepaid: Bool = false
    ) async throws -> (
        event: DeliveryEvent, requestId: String?
    ) {
        let operation = "connector.sendActivity"
        let path =
            "v3/conversations/" + (conversation.rawValue.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? conversation.rawValue)
            + "/activities"
        return try await post(serviceURL.appending(path), body: activity, operation: operation, prepaid: prepaid)
    }

    /// Starts a new thread in a team's channel with `activity` as its first message (`POST /v3/conversations` with
    /// `isGroup` and `channelData.channel`). Like a send, it is not idempotent and is repeated only where the
    /// Connector provably did not accept it.
    /// - Parameters:
    ///   - activity: the first message's JSON.
    ///   - channel: the channel's id (a team's General channel has the team's id).
    ///   - serviceURL: the team's Connector (already checked against the trusted hosts).
    ///   - tenantId: the tenant.
    ///   - bot: the bot.
    ///   - prepaid: whether the caller already took this request's place in ``budget``.
    /// - Returns: the event for ``DeliveryState`` (on success its `id` is the new thread's conversation id), and the
    ///   correlation id.
    public func createThread(
        _ activity: Data, in channel: String, serviceURL: ServiceURL, tenantId: TenantID, bot: BotID, prepaid: Bool = false
    ) async throws -> (event: DeliveryEvent, requestId: String?) {
        let operation = "connector.createThread"
        let first = (try? JSONSerialization.jsonObject(with: activity)) ?? [:]
        let body = try JSONSerialization.data(withJSONObject: [
            "isGroup": true, "bot": ["id": bot.rawValue], "tenantId": tenantId.rawValue,
            "channelData": ["channel": ["id": channel], "tenant": ["id": tenantId.rawValue]], "activity": first,
        ])
        return try await post(serviceURL.appending("v3/conversations"), body: body, operation: operation, prepaid: prepaid)
    }

    /// One POST that the Connector may or may not have acted on, read as the delivery machine reads it: the answer
    /// (its `id`: the new activity's, or the new thread's), or how the exchange broke.
    private func post(_ url: String, body: Data, operation: String, prepaid: Bool) async throws -> (event: DeliveryEvent, requestId: String?) {
        do {
            let response = try await tokens.send(through: transport, budget: budget, prepaid: prepaid) { token in
                OutboundRequest(
                    method: "POST", url: url, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")], body: body,
                    idempotent: false, operation: operation)
            }
            let error = (200..<300).contains(response.status) ? nil : TransportError(response, operation: operation, now: clock.date)
            let id = (try? JSONDecoder().decode(Sent.self, from: response.body))?.id
            let answer = ServiceAnswer(
                status: response.status, errorCode: error?.serviceErrorCode, id: id, retryAfter: error?.retryAfter, message: error?.serviceMessage)
            return (.answered(answer), response[header: "x-correlating-operationid"] ?? error?.requestId)
        } catch let error as TransportError {
            switch error.reason {
            case .unreachable: return (.notWritten, nil)
            case .noAnswer:
                let timedOut = error.detail.lowercased().contains("timed out") || error.detail.lowercased().contains("deadline")
                return (timedOut ? .timedOutAfterWrite : .connectionLostAfterWrite, nil)
            case .refused: return (.answered(ServiceAnswer(status: error.httpStatus ?? 500, errorCode: error.serviceErrorCode)), error.requestId)
            }
        }
    }

    /// Makes sure a bot token is at hand (cached, or fetched now), so that a send marked `sending` does not wait
    /// for the identity platform.
    /// - Throws: the token error, before anything is marked.
    public func prepareToken() async throws {
        _ = try await tokens.token()
    }

    private struct Sent: Decodable {
        let id: String?
    }

    static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;"))
}
