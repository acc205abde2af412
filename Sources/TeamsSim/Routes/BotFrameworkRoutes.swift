import Hummingbird

/// The Bot Framework OpenID metadata and its JWKS (keys endorsed for `msteams`).
extension SimContext {
    func addBotFrameworkRoutes(to router: Router<BasicRequestContext>) {
        router.get("botframework/v1/.well-known/openidconfiguration") { _, _ in
            await state.countRequest(.botframework)
            let base = await state.baseURL
            return SimResponse.json(OpenIDMetadata(
                issuer: "https://api.botframework.com", authorization_endpoint: "\(base)/botframework/v1/authorize",
                jwks_uri: "\(base)/botframework/v1/.well-known/keys", id_token_signing_alg_values_supported: ["RS256"],
                token_endpoint_auth_methods_supported: ["private_key_jwt"]))
        }
        router.get("botframework/v1/.well-known/keys") { _, _ in
            await state.countRequest(.botframework)
            return SimResponse.json(try await keys.channelJWKS)
        }
    }
}

/// The OpenID metadata document.
struct OpenIDMetadata: Encodable {
    let issuer: String
    let authorization_endpoint: String
    let jwks_uri: String
    let id_token_signing_alg_values_supported: [String]
    let token_endpoint_auth_methods_supported: [String]
}
