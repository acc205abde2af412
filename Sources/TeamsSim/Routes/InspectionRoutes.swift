import Auth
import Foundation
import HeraldCore
import Hummingbird

/// `/_sim/`: what was delivered, counters, install answers per user, the teams, reset, key rotation, and a token-minting
/// hook for tests.
extension SimContext {
    func addInspectionRoutes(to router: Router<BasicRequestContext>) {
        router.get("_sim/messages") { request, _ in
            let conversation = request.uri.queryParameters.get("conversationId")
            return SimResponse.json(["messages": await state.delivered(to: conversation)])
        }
        router.get("_sim/teams") { _, _ in
            SimResponse.json(["teams": await state.teamSummaries()])
        }
        router.get("_sim/counters") { _, _ in
            SimResponse.json(await state.counters)
        }
        router.get("_sim/installs") { _, _ in
            SimResponse.json(await state.installReport())
        }
        router.post("_sim/reset") { request, _ in
            await state.reset(installs: request.uri.queryParameters.get("installs") == "true")
            return SimResponse.empty(.noContent)
        }
        router.post("_sim/keys/rotate") { request, _ in
            let kid = try await keys.rotateChannelKey(retire: request.uri.queryParameters.get("retire") == "true")
            return SimResponse.json(["kid": kid])
        }
        router.post("_sim/tokens") { request, _ in
            guard let body = try await SimHTTP.body(request), let mint = try? JSONDecoder().decode(MintRequest.self, from: body) else {
                return SimResponse.json(["error": "send a JSON object of claims, or {\"claims\": {…}, \"header\": {…}}"], status: .badRequest)
            }
            let token = try await keys.signChannelToken(TokenClaims(mint.claims), headerFields: mint.header)
            return SimResponse.json(["token": token])
        }
    }
}

/// `POST /_sim/tokens`: either a bare object of claims, or `{"claims": {…}, "header": {…}}`.
struct MintRequest: Decodable {
    let claims: [String: AnyJSON]
    let header: [String: String]

    init(from decoder: any Decoder) throws {
        let object = try decoder.singleValueContainer().decode([String: AnyJSON].self)
        if case .object(let claims)? = object["claims"] {
            self.claims = claims
            var header: [String: String] = [:]
            if case .object(let fields)? = object["header"] {
                for (name, value) in fields { if let text = value.stringValue { header[name] = text } }
            }
            self.header = header
        } else {
            self.claims = object
            self.header = [:]
        }
    }
}
