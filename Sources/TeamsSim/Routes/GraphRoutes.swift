import Auth
import Foundation
import HTTPTypes
import HeraldCore
import Hummingbird

/// Graph under `/graph/v1.0`: bearer tokens for the Graph audience, faults, then the Graph service;
/// `$batch` runs each item through the same service.
extension SimContext {
    func addGraphRoutes(to router: Router<BasicRequestContext>) {
        for method in [HTTPRequest.Method.get, .post, .delete] {
            router.on("graph/v1.0/**", method: method) { (request: Request, context: BasicRequestContext) -> Response in
                await state.countRequest(.graph)
                let segments = context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? String($0) }
                await state.countRoute(SimRouteTemplates.graph.key(method: method.rawValue, segments: segments))
                let requestId = request.headers[.clientRequestId] ?? UUID().uuidString.lowercased()
                let date = state.clock.now()
                guard let token = SimHTTP.bearer(request), let claims = await keys.verifyAccessToken(token),
                    claims.values["aud"]?.stringValue == "https://graph.microsoft.com"
                else {
                    return SimHTTP.response(
                        .error(
                            401, "InvalidAuthenticationToken", "Access token is empty, expired or not for Microsoft Graph.", requestId: requestId,
                            at: date))
                }
                if let faulted = await fault(.graph, graph: true) { return faulted }
                let path = "/" + context.parameters.getCatchAll().joined(separator: "/")
                let body = try await SimHTTP.body(request)
                if path == "/$batch" || path == "/%24batch" {
                    return SimHTTP.response(await batch(body, requestId: requestId, at: date))
                }
                var reply = await graph.handle(
                    GraphCall(method: method.rawValue, path: path, query: SimHTTP.query(request), body: body, requestId: requestId, date: date))
                reply.headers["request-id"] = requestId
                reply.headers["client-request-id"] = requestId
                return SimHTTP.response(reply)
            }
        }
    }

    /// JSON batching: at most 20 items with unique ids; items answered in order, `dependsOn` honoured
    /// (an item whose dependency failed gets 424); each item throttled on its own. Any item URL is
    /// accepted: one no route knows gets its own 400 inside the batch. Every item that runs is counted
    /// under its own route; one answered 424 never ran and is not.
    func batch(_ body: Data?, requestId: String, at date: Date) async -> SimReply {
        guard let body, let batch = try? JSONDecoder().decode(GraphBatchRequest.self, from: body) else {
            return .error(400, "BadRequest", "The batch body is not valid JSON with a \"requests\" array.", requestId: requestId, at: date)
        }
        guard batch.requests.count <= 20 else {
            return .error(
                400, "BadRequest", "A batch may hold at most 20 requests; this one has \(batch.requests.count).", requestId: requestId, at: date)
        }
        guard Set(batch.requests.map(\.id)).count == batch.requests.count else {
            return .error(400, "BadRequest", "Batch request ids must be unique.", requestId: requestId, at: date)
        }
        var statuses: [String: Int] = [:]
        var responses: [GraphBatchResponse.Item] = []
        for item in batch.requests {
            if let failed = (item.dependsOn ?? []).first(where: { !(200..<300).contains(statuses[$0] ?? 424) }) {
                statuses[item.id] = 424
                let reply = SimReply.error(
                    424, "FailedDependency", "Request \(item.id) depends on \(failed), which failed.", requestId: requestId, at: date)
                responses.append(GraphBatchResponse.Item(id: item.id, status: 424, headers: reply.headers, body: reply.jsonBody))
                continue
            }
            let itemBody = try? item.body.map { try SimResponse.encoder.encode($0) }
            let call = GraphCall(method: item.method, url: item.url, body: itemBody ?? nil, requestId: requestId, date: date)
            await state.countRoute(SimRouteTemplates.graph.key(method: call.method, segments: call.segments))
            let reply = await graph.handle(call)
            statuses[item.id] = reply.status
            responses.append(GraphBatchResponse.Item(id: item.id, status: reply.status, headers: reply.headers, body: reply.jsonBody))
        }
        return .json(GraphBatchResponse(responses: responses))
    }
}

extension SimReply {
    /// The body as JSON, for embedding in a batch response.
    var jsonBody: AnyJSON? {
        body.flatMap { try? JSONDecoder().decode(AnyJSON.self, from: $0) }
    }
}
