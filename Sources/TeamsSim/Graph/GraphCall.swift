import Foundation

/// One Graph request, independent of the HTTP server, so `$batch` items and top-level requests take
/// the same path.
struct GraphCall: Sendable {
    let method: String
    /// The path after `/v1.0`, e.g. `/users/{id}/teamwork/installedApps`.
    let path: String
    let query: [String: String]
    let body: Data?
    let requestId: String

    /// The path's segments, percent-decoded.
    var segments: [String] {
        path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// Splits a relative URL (`/users?$top=5`) as `$batch` items carry them.
    init(method: String, url: String, body: Data?, requestId: String) {
        let parts = url.split(separator: "?", maxSplits: 1).map(String.init)
        self.method = method.uppercased()
        self.path = parts[0].hasPrefix("/") ? parts[0] : "/" + parts[0]
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
                query[kv[0]] = kv.count == 2 ? kv[1] : ""
            }
        }
        self.query = query
        self.body = body
        self.requestId = requestId
    }

    init(method: String, path: String, query: [String: String], body: Data?, requestId: String) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.body = body
        self.requestId = requestId
    }
}

