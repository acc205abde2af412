public import Foundation
public import HeraldCore

/// A request that did not get a usable answer, with what a person needs to act on it: the operation, the HTTP
/// status, the service's error code and message, the request id to quote to Microsoft, and Retry-After.
/// Never carries a header value or a body that could hold a secret.
public struct TransportError: HeraldError, Equatable {
    /// The stable reason.
    public enum Reason: String, Sendable, Equatable {
        /// The service answered with an error status.
        case refused = "ServiceRefused"
        /// No connection could be made; the request was never sent.
        case unreachable = "ServiceUnreachable"
        /// The request may have been sent; no answer came.
        case noAnswer = "NoAnswer"
    }

    /// The reason.
    public let reason: Reason
    /// The operation (`graph.installApp`).
    public let operation: String
    /// The service's own words, or the transport's.
    public let detail: String
    public let httpStatus: Int?
    public let serviceErrorCode: String?
    public let requestId: String?
    public let retryAfter: Duration?
    /// The service's own message, when its error body had one.
    public let serviceMessage: String?

    public var code: String { reason.rawValue }

    public var message: String {
        switch reason {
        case .refused: "\(operation) was refused: \(detail)"
        case .unreachable: "\(operation) could not reach the service: \(detail)"
        case .noAnswer: "\(operation) got no answer: \(detail)"
        }
    }

    /// An error.
    public init(
        reason: Reason, operation: String, detail: String, httpStatus: Int? = nil, serviceErrorCode: String? = nil, requestId: String? = nil,
        retryAfter: Duration? = nil, serviceMessage: String? = nil
    ) {
        self.serviceMessage = serviceMessage
        self.reason = reason
        self.operation = operation
        self.detail = detail
        self.httpStatus = httpStatus
        self.serviceErrorCode = serviceErrorCode
        self.requestId = requestId
        self.retryAfter = retryAfter
    }

    /// The error an answer stands for: Graph's or the Connector's error body read for its code, message and
    /// request id (the `request-id` header when the body has none).
    /// - Parameters:
    ///   - response: the answer.
    ///   - operation: the operation.
    ///   - now: the time, for an HTTP-date Retry-After.
    public init(_ response: OutboundResponse, operation: String, now: Date) {
        let graph = try? JSONDecoder().decode(GraphErrorResponse.self, from: response.body)
        let connector = graph == nil ? try? JSONDecoder().decode(ConnectorErrorResponse.self, from: response.body) : nil
        let code = graph?.error.code ?? connector?.error.code
        let text = graph?.error.message ?? connector?.error.message
        self.init(
            reason: .refused, operation: operation, detail: text.map { "HTTP \(response.status): \($0)" } ?? "HTTP \(response.status)",
            httpStatus: response.status, serviceErrorCode: code,
            requestId: graph?.error.innerError?.requestId ?? response[header: "request-id"] ?? response[header: "x-ms-request-id"]
                ?? response[header: "x-correlating-operationid"],
            retryAfter: RetryAfter.parse(response[header: "retry-after"], now: now), serviceMessage: text)
    }
}
