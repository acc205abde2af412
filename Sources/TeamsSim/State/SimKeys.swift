import Auth
import Foundation
import HeraldCore
import JWTKit

/// The simulator's signing keys: one for the login endpoint's access tokens, and the Bot Framework
/// channel keys (endorsed for `msteams`) that sign activities, with rotation on demand.
actor SimKeys {
    private(set) var loginKey: RSASigningKey
    /// Published channel keys, the signing one first.
    private(set) var channelKeys: [RSASigningKey]
    private var generation = 1
    private let verifier: JWTKeyCollection

    init() async throws {
        loginKey = try RSASigningKey.generate(kid: "sim-login-1")
        channelKeys = [try RSASigningKey.generate(kid: "sim-channel-1", endorsements: ["msteams"])]
        verifier = JWTKeyCollection()
        await verifier.add(rsa: loginKey.privateKey.publicKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: loginKey.kid))
    }

    /// Makes a new channel signing key; the previous one stays published unless `retire` is set.
    func rotateChannelKey(retire: Bool) throws -> String {
        generation += 1
        let key = try RSASigningKey.generate(kid: "sim-channel-\(generation)", endorsements: ["msteams"])
        channelKeys = [key] + (retire ? [] : channelKeys)
        return key.kid
    }

    var channelJWKS: JWKSDocument {
        get throws { JWKSDocument(keys: try channelKeys.map { try $0.publicJWK() }) }
    }

    var loginJWKS: JWKSDocument {
        get throws { JWKSDocument(keys: [try loginKey.publicJWK()]) }
    }

    /// Signs claims with the current channel key.
    func signChannelToken(_ claims: TokenClaims, headerFields: [String: String] = [:]) async throws -> String {
        try await channelKeys[0].sign(claims, headerFields: headerFields)
    }

    /// Signs an access token with the login key.
    func signAccessToken(_ claims: TokenClaims) async throws -> String {
        try await loginKey.sign(claims)
    }

    /// The claims of an access token this simulator issued, if its signature holds and it has not expired.
    func verifyAccessToken(_ token: String) async -> TokenClaims? {
        guard let claims = try? await verifier.verify(token, as: TokenClaims.self) else { return nil }
        if case .number(let expiry)? = claims.values["exp"], expiry < Date().timeIntervalSince1970 { return nil }
        return claims
    }
}
