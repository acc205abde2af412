import Foundation

/// Graph's error body: `{"error": {"code", "message", "innerError": {"date", "request-id", "client-request-id"}}}`.
struct GraphError: Encodable {
    struct Body: Encodable {
        let code: String
        let message: String
        let innerError: Inner
    }

    struct Inner: Encodable {
        let date: String
        let requestId: String
        let clientRequestId: String

        enum CodingKeys: String, CodingKey {
            case date
            case requestId = "request-id"
            case clientRequestId = "client-request-id"
        }
    }

    let error: Body

    init(code: String, message: String, requestId: String) {
        let date = ISO8601DateFormatter().string(from: Date())
        error = Body(code: code, message: message, innerError: Inner(date: date, requestId: requestId, clientRequestId: requestId))
    }
}

/// The Connector's error body: `{"error": {"code", "message"}}`.
struct ConnectorError: Encodable {
    struct Body: Encodable {
        let code: String
        let message: String
    }

    let error: Body

    init(code: String, message: String) {
        error = Body(code: code, message: message)
    }
}

/// The odd shape Teams uses when a bot is blocked or uninstalled: `{"errorCode": 209, "message": "{…MessageWritesBlocked…}"}`.
struct MessageWritesBlocked: Encodable {
    let errorCode = 209
    let message = #"{"errorCode":209,"message":"Message writes are blocked for this conversation","subCode":"MessageWritesBlocked"}"#
}
