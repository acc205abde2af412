import Auth
import Hummingbird

/// The Bot Framework OpenID metadata and its key set, in the shapes `login.botframework.com` serves them.
extension SimContext {
    func addBotFrameworkRoutes(to router: Router<BasicRequestContext>) {
        router.get("botframework/v1/.well-known/openidconfiguration") { _, _ in
            await state.countRequest(.botframework)
            await state.countRoute(SimRouteTemplates.openIDMetadata)
            let base = await state.baseURL
            return SimResponse.json(
                OpenIDMetadata(
                    issuer: "https://api.botframework.com", authorizationEndpoint: "https://invalid.botframework.com",
                    jwksURI: "\(base)/botframework/v1/.well-known/keys", idTokenSigningAlgValuesSupported: ["RS256"],
                    tokenEndpointAuthMethodsSupported: ["private_key_jwt"]))
        }
        router.get("botframework/v1/.well-known/keys") { _, _ in
            await state.countRequest(.botframework)
            await state.countRoute(SimRouteTemplates.channelKeys)
            return SimResponse.json(await keys.channelJWKS)
        }
    }
}
