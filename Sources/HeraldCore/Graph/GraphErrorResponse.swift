public import Foundation

/// Microsoft Graph's error body: `{"error": {"code", "message", "innerError": {"date", "request-id",
/// "client-request-id"}}}`. The request id is what Microsoft support asks for; keep it with the failure.
public struct GraphErrorResponse: Codable, Sendable, Equatable {
    /// The error.
    public struct Body: Codable, Sendable, Equatable {
        /// Graph's error code (`TooManyRequests`, `Conflict`, `NotFound`, `Request_ResourceNotFound`, …).
        public var code: String
        /// What went wrong, in Graph's words.
        public var message: String
        /// Where and when it happened.
        public var innerError: InnerError?

        /// An error.
        /// - Parameters:
        ///   - code: the error code.
        ///   - message: the message.
        ///   - innerError: the request's identifiers.
        public init(code: String, message: String, innerError: InnerError?) {
            self.code = code
            self.message = message
            self.innerError = innerError
        }
    }

    /// The identifiers of the failed request.
    public struct InnerError: Codable, Sendable, Equatable {
        /// A more specific code, when Graph gives one.
        public var code: String?
        /// A more specific message, when Graph gives one.
        public var message: String?
        /// When it failed, UTC, as Graph writes it (`2024-05-01T10:00:00`, no offset).
        public var date: String?
        /// Graph's id for the request.
        public var requestId: String?
        /// The id the client sent in `client-request-id`, echoed.
        public var clientRequestId: String?

        private enum CodingKeys: String, CodingKey {
            case code, message, date
            case requestId = "request-id"
            case clientRequestId = "client-request-id"
        }

        /// Identifiers.
        /// - Parameters:
        ///   - code: a more specific code.
        ///   - message: a more specific message.
        ///   - date: when it failed, as Graph writes it.
        ///   - requestId: the request id.
        ///   - clientRequestId: the client's request id.
        public init(code: String? = nil, message: String? = nil, date: String?, requestId: String?, clientRequestId: String?) {
            self.code = code
            self.message = message
            self.date = date
            self.requestId = requestId
            self.clientRequestId = clientRequestId
        }

        /// Identifiers for a failure at `date`, the date written as Graph writes it.
        /// - Parameters:
        ///   - date: when it failed.
        ///   - requestId: the request id.
        ///   - clientRequestId: the client's request id.
        public init(at date: Date, requestId: String?, clientRequestId: String?) {
            self.init(date: Self.graphDate(date), requestId: requestId, clientRequestId: clientRequestId)
        }

        /// `yyyy-MM-ddTHH:mm:ss` in UTC, the form of Graph's `innerError.date`.
        static func graphDate(_ date: Date) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            func two(_ value: Int?) -> String {
                let text = String(value ?? 0)
                return text.count < 2 ? "0" + text : text
            }
            return "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
        }
    }

    /// The error.
    public var error: Body

    /// An error body.
    /// - Parameter error: the error.
    public init(error: Body) { self.error = error }

    /// An error body.
    /// - Parameters:
    ///   - code: the error code.
    ///   - message: the message.
    ///   - innerError: the request's identifiers.
    public init(code: String, message: String, innerError: InnerError?) {
        error = Body(code: code, message: message, innerError: innerError)
    }
}
