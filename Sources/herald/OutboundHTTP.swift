import AsyncHTTPClient
import NIOCore

/// The HTTP client for calls to Microsoft: a connection that cannot be made fails at once (Transport decides
/// whether to try again) instead of being retried inside the pool until the request's deadline.
enum OutboundHTTP {
    static func withClient<Value>(_ body: (HTTPClient) async throws -> Value) async throws -> Value {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
