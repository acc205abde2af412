import HTTPTypes
import Hummingbird

extension SimContext {
    /// Applies the next injected fault of `family`: an error answer, a dropped connection, or latency.
    /// Returns the response to send instead, or `nil` to carry on.
    func fault(_ family: SimState.Family, graph: Bool) async -> Response? {
        switch await state.nextFault(family) {
        case .none:
            return nil
        case .delay(let latency):
            try? await Task.sleep(for: configuration.scaled(latency))
            return nil
        case .reset:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { _ in throw SimulatedConnectionReset() })
        case .status(let status):
            let codes = [500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout", 412: "PreconditionFailed"]
            let code = codes[status] ?? "ServiceError"
            let reply =
                graph
                ? SimReply.error(status, code, "Injected fault: the service could not answer.", requestId: "sim-fault", at: state.clock.now())
                : SimReply.connectorError(status, code, "Injected fault: the service could not answer.")
            return SimHTTP.response(reply)
        }
    }
}
