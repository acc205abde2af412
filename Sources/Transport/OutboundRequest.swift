public import Foundation

/// One request to a Microsoft service, as Transport sends it.
public struct OutboundRequest: Sendable {
    /// The HTTP method (`GET`, `POST`, …).
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header names and values (`Authorization` included: Transport never logs header values).
    public var headers: [(name: String, value: String)]
    /// The body, if any.
    public var body: Data?
    /// Whether a repeat is harmless (a GET, an install that answers 409 the second time). Only an idempotent
    /// request is retried after an answer that may have taken effect (a 5xx, a timeout after the write).
    public var idempotent: Bool
    /// A short name for logs and errors (`graph.installApp`); never holds a secret.
    public var operation: String
    /// How many of its budget's requests it spends: one, or the number of requests inside a Graph `$batch`
    /// (each counts against the limit).
    public var cost: Int

    /// A request.
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - url: the absolute URL.
    ///   - headers: the headers.
    ///   - body: the body.
    ///   - idempotent: whether a repeat is harmless.
    ///   - operation: a short name for logs and errors.
    ///   - cost: how many of its budget's requests it spends.
    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil, idempotent: Bool, operation: String,
        cost: Int = 1
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.idempotent = idempotent
        self.operation = operation
        self.cost = cost
    }
}

/// What a service answered.
public struct OutboundResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The response headers (names lower-cased).
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// A response.
    /// - Parameters:
    ///   - status: the status.
    ///   - headers: the headers, names lower-cased.
    ///   - body: the body.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// A header's value (case-insensitive name).
    /// - Parameter name: the header name.
    public subscript(header name: String) -> String? { headers[name.lowercased()] }
}
