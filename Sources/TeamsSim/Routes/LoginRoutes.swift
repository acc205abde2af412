import Auth
import Foundation
import HeraldCore
import Hummingbird

/// The Microsoft identity platform's client-credentials token endpoint, and its signing keys.
extension SimContext {
    func addLoginRoutes(to router: Router<BasicRequestContext>) {
        router.post("login/:tenant/oauth2/v2.0/token") { request, context in
            await state.countRequest(.login)
            await state.countRoute(SimRouteTemplates.tokenEndpoint)
            if let faulted = await fault(.login, graph: true) { return faulted }
            let tenant = context.parameters.get("tenant") ?? ""
            let form = Self.form(String(decoding: (try await SimHTTP.body(request)) ?? Data(), as: UTF8.self))
            func failure(_ status: Int, _ error: String, _ description: String) -> Response {
                SimResponse.json(["error": error, "error_description": description], status: HTTPResponse.Status(code: status))
            }
            guard form["grant_type"] == "client_credentials" else {
                return failure(400, "unsupported_grant_type", "AADSTS70003: only client_credentials is supported by the simulator.")
            }
            guard tenant == state.fixture.tenantId || tenant == "botframework.com" else {
                return failure(400, "invalid_request", "AADSTS90002: Tenant '\(tenant)' not found.")
            }
            guard form["client_id"] == state.fixture.botAppId else {
                return failure(
                    400, "unauthorized_client",
                    "AADSTS700016: Application with identifier '\(form["client_id"] ?? "")' was not found in the directory.")
            }
            guard form["client_secret"] == state.fixture.botAppSecret else {
                return failure(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
            }
            let audiences = [
                "https://graph.microsoft.com/.default": "https://graph.microsoft.com",
                "https://api.botframework.com/.default": "https://api.botframework.com",
            ]
            guard let scope = form["scope"], let audience = audiences[scope] else {
                return failure(
                    400, "invalid_scope", "AADSTS1002012: The scope '\(form["scope"] ?? "")' is not valid for the client credentials flow here.")
            }
            let now = state.clock.now().timeIntervalSince1970.rounded(.down)
            let token = try await keys.signAccessToken(
                TokenClaims([
                    "aud": .string(audience), "iss": .string("https://sts.windows.net/\(state.fixture.tenantId)/"), "iat": .number(now),
                    "nbf": .number(now),
                    "exp": .number(now + 3_599), "appid": .string(state.fixture.botAppId), "tid": .string(state.fixture.tenantId),
                    "ver": .string("1.0"),
                ]))
            return SimResponse.json(AccessTokenResponse(access_token: token))
        }
        router.get("login/:tenant/discovery/v2.0/keys") { _, _ in
            await state.countRequest(.login)
            await state.countRoute(SimRouteTemplates.loginKeys)
            return SimResponse.json(try await keys.loginJWKS)
        }
    }

    /// Parses `application/x-www-form-urlencoded`.
    static func form(_ text: String) -> [String: String] {
        GraphCall.query(text)
    }
}

/// The token endpoint's answer.
struct AccessTokenResponse: Encodable {
    var token_type = "Bearer"
    var expires_in = 3_599
    var ext_expires_in = 3_599
    let access_token: String
}
