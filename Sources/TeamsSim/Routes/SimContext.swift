import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What every route needs: the world, the keys, the configuration.
struct SimContext: Sendable {
    let state: SimState
    let keys: SimKeys
    let configuration: SimConfiguration
    let deliveries: ActivityDeliveries

    var graph: GraphService { GraphService(state: state, deliveries: deliveries, speed: configuration.speed) }
    var connector: ConnectorService { ConnectorService(state: state, speed: configuration.speed) }
}

/// Converts between Hummingbird requests and the simulator's call and reply values.
enum SimHTTP {
    static func body(_ request: Request) async throws -> Data? {
        let buffer = try await request.body.collect(upTo: 4 << 20)
        return buffer.readableBytes == 0 ? nil : Data(buffer.readableBytesView)
    }

    static func query(_ request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        return query
    }

    static func response(_ reply: SimReply) -> Response {
        var headers = HTTPFields()
        for (name, value) in reply.headers { if let field = HTTPField.Name(name) { headers[field] = value } }
        let body = reply.body.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers, body: body)
    }

    /// The bearer token of a request, if any.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }
}

/// A connection dropped mid-answer, as an injected fault.
struct SimulatedConnectionReset: Error {}
