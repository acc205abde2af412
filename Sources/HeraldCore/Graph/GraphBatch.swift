/// A JSON batch request (`POST /$batch`): at most 20 requests with unique ids, URLs relative to the
/// version root (`/users/{id}/teamwork/installedApps`).
public struct GraphBatchRequest: Codable, Sendable, Equatable {
    /// One request in a batch.
    public struct Item: Codable, Sendable, Equatable {
        /// Its id, unique in the batch.
        public var id: String
        /// `GET`, `POST`, …
        public var method: String
        /// The URL relative to the version root.
        public var url: String
        /// Headers; `Content-Type` is required with a body.
        public var headers: [String: String]?
        /// The JSON body.
        public var body: AnyJSON?
        /// Ids that must succeed first.
        public var dependsOn: [String]?

        /// A request.
        public init(id: String, method: String, url: String, headers: [String: String]? = nil, body: AnyJSON? = nil, dependsOn: [String]? = nil) {
            self.id = id
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.dependsOn = dependsOn
        }
    }

    /// The requests.
    public var requests: [Item]

    /// A batch.
    /// - Parameter requests: the requests.
    public init(requests: [Item]) { self.requests = requests }
}

/// A JSON batch response: one answer per request, in any order; the outer status is 200 even when
/// items failed, and each item carries its own status, headers (`Retry-After` on a 429) and body.
public struct GraphBatchResponse: Codable, Sendable, Equatable {
    /// One answer.
    public struct Item: Codable, Sendable, Equatable {
        /// The request's id.
        public var id: String
        /// Its HTTP status.
        public var status: Int
        /// Its headers.
        public var headers: [String: String]?
        /// Its JSON body (an entity, a page, or a ``GraphErrorResponse``).
        public var body: AnyJSON?

        /// An answer.
        public init(id: String, status: Int, headers: [String: String]?, body: AnyJSON?) {
            self.id = id
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// The answers.
    public var responses: [Item]

    /// A batch response.
    /// - Parameter responses: the answers.
    public init(responses: [Item]) { self.responses = responses }
}
