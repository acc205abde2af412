/// The Bot Connector's error body (swagger `ErrorResponse`): `{"error": {"code", "message",
/// "innerHttpError": {"statusCode", "body"}}}`. Teams' codes include `BadArgument`, `ConversationNotFound`,
/// `ForbiddenOperationException`, `ConversationBlockedByUser` and `Throttled`.
public struct ConnectorErrorResponse: Codable, Sendable, Equatable {
    /// The error (swagger `Error`).
    public struct Body: Codable, Sendable, Equatable {
        /// The error code.
        public var code: String
        /// The message.
        public var message: String
        /// The failed inner call, when the Connector passes one on.
        public var innerHttpError: InnerHttpError?

        /// An error.
        /// - Parameters:
        ///   - code: the error code.
        ///   - message: the message.
        ///   - innerHttpError: the failed inner call.
        public init(code: String, message: String, innerHttpError: InnerHttpError? = nil) {
            self.code = code
            self.message = message
            self.innerHttpError = innerHttpError
        }
    }

    /// A failed inner call (swagger `InnerHttpError`).
    public struct InnerHttpError: Codable, Sendable, Equatable {
        /// Its HTTP status.
        public var statusCode: Int?
        /// Its body.
        public var body: AnyJSON?

        /// An inner error.
        /// - Parameters:
        ///   - statusCode: its status.
        ///   - body: its body.
        public init(statusCode: Int?, body: AnyJSON?) {
            self.statusCode = statusCode
            self.body = body
        }
    }

    /// The error.
    public var error: Body

    /// An error body.
    /// - Parameters:
    ///   - code: the error code.
    ///   - message: the message.
    public init(code: String, message: String) {
        error = Body(code: code, message: message)
    }
}
