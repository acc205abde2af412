import Auth
import Foundation
import HeraldCore
import JWTKit

/// The simulator's signing keys: one for the login endpoint's access tokens, and the Bot Framework
/// channel keys that sign activities, published as Microsoft publishes them (no `alg`, `x5t`, a
/// self-signed `x5c`, endorsed for every Bot Framework channel), with rotation on demand.
actor SimKeys {
    /// A channel key and the JWK it is published as.
    private struct ChannelKey {
        let key: RSASigningKey
        let jwk: PublicJWK
    }

    private(set) var loginKey: RSASigningKey
    /// Published channel keys, the signing one first (never empty).
    private var channelKeys: [ChannelKey]
    private var generation = 1
    private var channelTokens = ChannelTokenCache()
    private let verifier: JWTKeyCollection
    private let clock: SimClock

    init(clock: SimClock) async throws {
        self.clock = clock
        loginKey = try RSASigningKey.generate(kid: "sim-login-1")
        channelKeys = [try Self.channelKey(generation: 1, now: clock.now())]
        verifier = JWTKeyCollection()
        await verifier.add(rsa: loginKey.privateKey.publicKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: loginKey.kid))
    }

    private static func channelKey(generation: Int, now: Date) throws -> ChannelKey {
        let key = try RSASigningKey.generate(kid: "sim-channel-\(generation)", endorsements: ChannelKeyCertificate.botFrameworkEndorsements)
        return ChannelKey(key: key, jwk: try ChannelKeyCertificate.publicJWK(for: key, now: now))
    }

    /// Makes a new channel signing key; the previous one stays published unless `retire` is set.
    func rotateChannelKey(retire: Bool) throws -> String {
        generation += 1
        let key = try Self.channelKey(generation: generation, now: clock.now())
        channelKeys = [key] + (retire ? [] : channelKeys)
        return key.key.kid
    }

    /// The channel key set, as `login.botframework.com/v1/.well-known/keys` serves it.
    var channelJWKS: JWKSDocument { JWKSDocument(keys: channelKeys.map(\.jwk)) }

    var loginJWKS: JWKSDocument {
        get throws { JWKSDocument(keys: [try loginKey.publicJWK()]) }
    }

    /// Signs claims with the current channel key; the header names its `kid` and `x5t`, as Bot Framework's do.
    func signChannelToken(_ claims: TokenClaims, headerFields: [String: String] = [:]) async throws -> String {
        guard let current = channelKeys.first else { throw SimKeysExhausted() }
        var fields = headerFields
        if fields["x5t"] == nil, let thumbprint = current.jwk.x5t { fields["x5t"] = thumbprint }
        return try await current.key.sign(claims, headerFields: fields)
    }

    /// The channel token for activities posted under `serviceUrl`: Teams' claims (`iss`, `aud`,
    /// `serviceurl`, `nbf`, `exp` an hour on), signed once and reused until shortly before it expires
    /// or the signing key changes.
    /// - Parameters:
    ///   - serviceUrl: the activities' serviceUrl (the `serviceurl` claim).
    ///   - audience: the bot's app id.
    /// - Throws: when signing fails.
    func channelToken(serviceUrl: String, audience: String) async throws -> String {
        guard let current = channelKeys.first else { throw SimKeysExhausted() }
        let date = clock.now()
        let signing: Task<String, any Error>
        if let cached = channelTokens.token(for: serviceUrl, kid: current.key.kid, at: date) {
            signing = cached
        } else {
            let now = date.timeIntervalSince1970.rounded(.down)
            let expires = now + ChannelTokenCache.lifetime
            let claims = TokenClaims([
                "iss": .string("https://api.botframework.com"), "aud": .string(audience), "serviceurl": .string(serviceUrl),
                "nbf": .number(now - 5), "exp": .number(expires),
            ])
            var fields: [String: String] = [:]
            if let thumbprint = current.jwk.x5t { fields["x5t"] = thumbprint }
            let key = current.key
            signing = Task { [fields] in try await key.sign(claims, headerFields: fields) }
            channelTokens.store(signing, for: serviceUrl, kid: key.kid, expires: expires)
        }
        do {
            return try await signing.value
        } catch {
            channelTokens.forget(serviceUrl)
            throw error
        }
    }

    /// Signs an access token with the login key.
    func signAccessToken(_ claims: TokenClaims) async throws -> String {
        try await loginKey.sign(claims)
    }

    /// The claims of an access token this simulator issued, if its signature holds and it has not expired.
    func verifyAccessToken(_ token: String) async -> TokenClaims? {
        guard let claims = try? await verifier.verify(token, as: TokenClaims.self) else { return nil }
        if case .number(let expiry)? = claims.values["exp"], expiry < clock.now().timeIntervalSince1970 { return nil }
        return claims
    }
}

/// No channel key is published (cannot happen: rotation always keeps the new key).
struct SimKeysExhausted: Error {}
