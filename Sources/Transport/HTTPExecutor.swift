import Foundation

/// Sends one request and returns its answer: the seam under ``Transport``, so its retry and budget rules are
/// tested with a scripted executor and a manual clock. ``AsyncHTTPClientExecutor`` is the real one.
public protocol HTTPExecutor: Sendable {
    /// Sends `request`, answering within `timeout`.
    /// - Parameters:
    ///   - request: the request.
    ///   - timeout: the deadline for the whole exchange.
    /// - Returns: the answer, whatever its status.
    /// - Throws: ``TransportFailure`` when no answer came (``TransportFailure/notSent`` when the request
    ///   provably never left, ``TransportFailure/noAnswer`` when it may have).
    func execute(_ request: OutboundRequest, timeout: Duration) async throws(TransportFailure) -> OutboundResponse
}

/// Why an exchange produced no answer.
public enum TransportFailure: Error, Sendable, Equatable {
    /// The request was never written (connection refused, DNS, TLS): it cannot have taken effect.
    case notSent(String)
    /// The request may have been written, then the answer did not come (timeout, reset): it may have taken effect.
    case noAnswer(String)
}
