import Foundation
import HeraldCore

extension GraphErrorResponse {
    /// Graph's error body for a request, with the request id echoed as the client request id.
    static func sim(code: String, message: String, requestId: String, at date: Date) -> GraphErrorResponse {
        GraphErrorResponse(code: code, message: message, innerError: InnerError(at: date, requestId: requestId, clientRequestId: requestId))
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
