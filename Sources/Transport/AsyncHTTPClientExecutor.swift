public import AsyncHTTPClient
import Foundation
import HeraldCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real ``HTTPExecutor``: AsyncHTTPClient, with a deadline on every exchange and bodies up to a limit.
public struct AsyncHTTPClientExecutor: HTTPExecutor {
    private let client: HTTPClient
    private let maximumBodyBytes: Int

    /// An executor over `client`.
    /// - Parameters:
    ///   - client: the HTTP client (its owner shuts it down).
    ///   - maximumBodyBytes: answers larger than this are refused.
    public init(client: HTTPClient, maximumBodyBytes: Int = 4 << 20) {
        self.client = client
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func execute(_ request: OutboundRequest, timeout: Duration) async throws(TransportFailure) -> OutboundResponse {
        var outbound = HTTPClientRequest(url: request.url)
        outbound.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outbound.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outbound.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outbound, timeout: .nanoseconds(Int64(timeout.timeInterval * 1e9)))
            let body = try await response.body.collect(upTo: maximumBodyBytes)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name.lowercased()] = header.value }
            return OutboundResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch {
            throw Self.classify(error)
        }
    }

    /// Whether a failure happened before the request could have been written: a connection that was never
    /// made. Anything else (a timeout or reset after connecting) may have delivered the request.
    static func classify(_ error: any Error) -> TransportFailure {
        let description = String(describing: error)
        if let error = error as? HTTPClientError, error == .connectTimeout || error == .invalidURL || error == .emptyHost || error == .emptyScheme {
            return .notSent(description)
        }
        if error is NIOConnectionError { return .notSent(description) }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED || error.errnoCode == ENETUNREACH || error.errnoCode == EHOSTUNREACH {
            return .notSent(description)
        }
        return .noAnswer(description)
    }
}
