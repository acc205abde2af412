/// What a Microsoft service answered to one request, as the state machines need it: the HTTP status,
/// the error body's code, and Retry-After. Transport fills it; the machines decide what it means.
public struct ServiceAnswer: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// `error.code` of the error body (`Throttled`, `ConversationNotFound`…), or a Teams 209 `subCode`.
    public var errorCode: String?
    /// The id in a successful body (a sent activity's id, a created resource's id).
    public var id: String?
    /// The error body's message, where only it tells two refusals apart (Graph's 403 for a policy and for a licence).
    public var message: String?
    /// The Retry-After the service asked for.
    public var retryAfter: Duration?

    /// An answer.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - errorCode: the error body's code.
    ///   - id: the id in a successful body.
    ///   - retryAfter: the Retry-After header.
    ///   - message: the error body's message.
    public init(status: Int, errorCode: String? = nil, id: String? = nil, retryAfter: Duration? = nil, message: String? = nil) {
        self.status = status
        self.errorCode = errorCode
        self.id = id
        self.retryAfter = retryAfter
        self.message = message
    }

    /// 2xx.
    public var succeeded: Bool { (200..<300).contains(status) }
}
