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
    /// When the call arrived (for error bodies' `innerError.date`).
    let date: Date

    /// The path's segments, percent-decoded.
    var segments: [String] {
        path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// Splits a relative URL (`/users?$top=5`) as `$batch` items carry them. Any text is accepted: an
    /// empty or odd URL becomes a path no route matches, answered 400 like any unknown resource.
    init(method: String, url: String, body: Data?, requestId: String, date: Date) {
        let path = url.firstIndex(of: "?").map { String(url[..<$0]) } ?? url
        let queryText = url.firstIndex(of: "?").map { String(url[url.index(after: $0)...]) } ?? ""
        self.method = method.uppercased()
        self.path = path.hasPrefix("/") ? path : "/" + path
        self.query = Self.query(queryText)
        self.body = body
        self.requestId = requestId
        self.date = date
    }

    init(method: String, path: String, query: [String: String], body: Data?, requestId: String, date: Date) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.body = body
        self.requestId = requestId
        self.date = date
    }

    /// `a=1&b=2`, `+` as space, percent-decoded; a pair without `=` has an empty value, one without a
    /// name is dropped.
    static func query(_ text: String) -> [String: String] {
        var query: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let name = pair.firstIndex(of: "=").map { pair[..<$0] } ?? pair[...]
            let value = pair.firstIndex(of: "=").map { pair[pair.index(after: $0)...] } ?? ""
            guard !name.isEmpty else { continue }
            query[decode(name)] = decode(value)
        }
        return query
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
