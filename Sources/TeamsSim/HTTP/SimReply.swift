import Foundation
import HeraldCore

/// The simulator's answer to one call (Graph, a `$batch` item, or the Connector).
struct SimReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data?

    static func json(_ value: some Encodable, status: Int = 200) -> SimReply {
        SimReply(status: status, headers: ["Content-Type": "application/json"], body: try? SimResponse.encoder.encode(value))
    }

    /// Graph's error shape.
    static func error(_ status: Int, _ code: String, _ message: String, requestId: String, at date: Date, headers: [String: String] = [:]) -> SimReply
    {
        var all = headers
        all["Content-Type"] = "application/json"
        let body = GraphErrorResponse.sim(code: code, message: message, requestId: requestId, at: date)
        return SimReply(status: status, headers: all, body: try? SimResponse.encoder.encode(body))
    }

    /// The Connector's error shape.
    static func connectorError(_ status: Int, _ code: String, _ message: String, headers: [String: String] = [:]) -> SimReply {
        var all = headers
        all["Content-Type"] = "application/json"
        return SimReply(status: status, headers: all, body: try? SimResponse.encoder.encode(ConnectorErrorResponse(code: code, message: message)))
    }
}
