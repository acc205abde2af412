import Foundation
import HeraldCore

extension GraphErrorResponse {
    /// Graph's error body for a request, with the request id echoed as the client request id.
    static func sim(code: String, message: String, requestId: String, at date: Date) -> GraphErrorResponse {
        GraphErrorResponse(code: code, message: message, innerError: InnerError(at: date, requestId: requestId, clientRequestId: requestId))
    }
}
