import Auth
import Foundation
import HTTPTypes
import HeraldCore
import Hummingbird

/// The Bot Connector under `/teams/{region}/v3/`: bearer tokens for the Bot Framework audience,
/// faults, then the Connector service.
extension SimContext {
    func addConnectorRoutes(to router: Router<BasicRequestContext>) {
        for method in [HTTPRequest.Method.get, .post, .put, .delete] {
            router.on("teams/:region/v3/**", method: method) { (request: Request, context: BasicRequestContext) -> Response in
                await state.countRequest(.connector)
                let segments = context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? String($0) }
                await state.countRoute(SimRouteTemplates.connector.key(method: method.rawValue, segments: ["v3"] + segments))
                guard let token = SimHTTP.bearer(request), let claims = await keys.verifyAccessToken(token),
                    claims.values["aud"]?.stringValue == "https://api.botframework.com"
                else {
                    return SimHTTP.response(.connectorError(401, "Unauthorized", "Authorization has been denied for this request."))
                }
                if let faulted = await fault(.connector, graph: false) { return faulted }
                let reply = await connector.handle(
                    method: method.rawValue, segments: segments, query: SimHTTP.query(request), body: try await SimHTTP.body(request))
                if method == .post, segments.last == "activities", reply.status == 201 {
                    switch await state.appliedFault() {
                    case .reset:
                        return Response(
                            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { _ in throw SimulatedConnectionReset() })
                    case .status(let status):
                        return SimHTTP.response(.connectorError(status, "GatewayTimeout", "The gateway timed out; the message may have been posted."))
                    default: break
                    }
                }
                var response = SimHTTP.response(reply)
                response.headers[.correlatingOperationId] = String(UInt64.random(in: 1...UInt64.max), radix: 16)
                return response
            }
        }
    }
}
