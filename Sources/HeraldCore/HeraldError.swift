/// An error that carries what a person needs to act on it.
///
/// Every module's error type conforms, so the CLI and the logs show any of them the same way: a stable
/// ``code`` for scripts and metric labels, a human ``message``, a ``hint`` where there is something to do,
/// and, where a remote service answered, its ``httpStatus``, its own ``serviceErrorCode``
/// (`Throttled`, `ConversationNotFound`, `Request_ResourceNotFound`…), the ``requestId`` to quote to
/// Microsoft support, and the ``retryAfter`` it asked for. No description ever carries a secret.
public protocol HeraldError: Error, CustomStringConvertible, Sendable {
    /// A stable identifier, safe for scripts and metric labels (no dynamic values).
    var code: String { get }
    /// What went wrong, in a sentence a person can read.
    var message: String { get }
    /// What to do about it, when there is something to do.
    var hint: String? { get }
    /// The HTTP status the error came with or answers with, if any.
    var httpStatus: Int? { get }
    /// The remote service's error code (`error.code` of a Graph or Connector error body), if any.
    var serviceErrorCode: String? { get }
    /// The remote request's id (`request-id`, `x-ms-request-id`, `X-Correlating-OperationId`), if any.
    var requestId: String? { get }
    /// How long the service asked to wait before another try (`Retry-After`), if it did.
    var retryAfter: Duration? { get }
}

extension HeraldError {
    public var hint: String? { nil }
    public var httpStatus: Int? { nil }
    public var serviceErrorCode: String? { nil }
    public var requestId: String? { nil }
    public var retryAfter: Duration? { nil }

    /// `message`, then what the service said (status, code, request id, Retry-After), then the hint.
    public var description: String {
        var text = message
        var facts: [String] = []
        if let httpStatus { facts.append("HTTP \(httpStatus)") }
        if let serviceErrorCode { facts.append(serviceErrorCode) }
        if let requestId { facts.append("request-id \(requestId)") }
        if let retryAfter { facts.append("Retry-After \(retryAfter.timeInterval)s") }
        if !facts.isEmpty { text += " [" + facts.joined(separator: ", ") + "]" }
        if let hint { text += " (\(hint))" }
        return text
    }
}
