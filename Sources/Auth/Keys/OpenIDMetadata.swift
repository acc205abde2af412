/// An OpenID Connect discovery document as Bot Framework publishes it at
/// `login.botframework.com/v1/.well-known/openidconfiguration`: the issuer, a placeholder authorization
/// endpoint, where the key set is, and the signing algorithms. Fields Herald does not read may be absent.
public struct OpenIDMetadata: Codable, Sendable, Equatable {
    /// The token issuer (`https://api.botframework.com`).
    public var issuer: String?
    /// Bot Framework publishes `https://invalid.botframework.com`: channels have no authorization flow.
    public var authorizationEndpoint: String?
    /// Where the key set is: the one field the validator needs.
    public var jwksURI: String
    /// The algorithms tokens are signed with (`["RS256"]`).
    public var idTokenSigningAlgValuesSupported: [String]?
    /// How a client authenticates to the token endpoint (`["private_key_jwt"]`).
    public var tokenEndpointAuthMethodsSupported: [String]?

    private enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case jwksURI = "jwks_uri"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
    }

    /// A metadata document.
    /// - Parameters:
    ///   - issuer: the token issuer.
    ///   - authorizationEndpoint: the authorization endpoint.
    ///   - jwksURI: where the key set is.
    ///   - idTokenSigningAlgValuesSupported: the signing algorithms.
    ///   - tokenEndpointAuthMethodsSupported: the token endpoint's client authentication methods.
    public init(
        issuer: String?, authorizationEndpoint: String?, jwksURI: String, idTokenSigningAlgValuesSupported: [String]?,
        tokenEndpointAuthMethodsSupported: [String]?
    ) {
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.jwksURI = jwksURI
        self.idTokenSigningAlgValuesSupported = idTokenSigningAlgValuesSupported
        self.tokenEndpointAuthMethodsSupported = tokenEndpointAuthMethodsSupported
    }
}
