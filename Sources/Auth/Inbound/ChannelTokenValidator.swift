public import Foundation
public import HeraldCore
import JWTKit

/// Verifies the bearer token of a request from a Bot Framework channel as the authentication spec
/// requires: RS256 only, a key from the channel's OpenID metadata, issuer, audience, `nbf`/`exp` with
/// skew, the `serviceurl` claim equal to the activity's serviceUrl, and the key endorsed for the channel.
public struct ChannelTokenValidator: Sendable {
    /// The claims of a token that passed.
    public struct Validated: Sendable, Equatable {
        public let claims: [String: AnyJSON]
        public let keyId: String
    }

    private let configuration: ChannelTokenConfiguration
    private let cache: OpenIDKeyCache
    private let now: @Sendable () -> Date

    /// A validator.
    /// - Parameters:
    ///   - configuration: the rules and where the keys are.
    ///   - fetch: an HTTP GET (the metadata and the JWKS).
    ///   - now: the clock.
    public init(configuration: ChannelTokenConfiguration, fetch: @escaping @Sendable (URL) async throws -> Data, now: @escaping @Sendable () -> Date = Date.init) {
        self.configuration = configuration
        self.cache = OpenIDKeyCache(configuration: configuration, fetch: fetch)
        self.now = now
    }

    /// How many times the keys were fetched (for tests of the refresh rules).
    public var keyFetches: Int { get async { await cache.fetches } }

    /// Validates the `Authorization` header of a request carrying an activity.
    /// - Parameters:
    ///   - authorization: the header's value, if any.
    ///   - channelId: the activity's `channelId` (the key must be endorsed for it).
    ///   - serviceUrl: the activity's `serviceUrl` (the token's `serviceurl` claim must equal it).
    public func validate(authorization: String?, channelId: String?, serviceUrl: String?) async -> Result<Validated, AuthenticationFailure> {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else {
            return .failure(AuthenticationFailure(.missingToken, "no bearer token"))
        }
        let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Data(base64URLEncoded: String(parts[0])),
              let header = try? JSONDecoder().decode([String: AnyJSON].self, from: headerData) else {
            return .failure(AuthenticationFailure(.malformedToken, "the token is not a JWT"))
        }
        guard header["alg"]?.stringValue == "RS256" else {
            return .failure(AuthenticationFailure(.unsupportedAlgorithm, "only RS256 tokens are accepted"))
        }
        guard let kid = header["kid"]?.stringValue else { return .failure(AuthenticationFailure(.unknownKey, "the token names no key")) }
        let current = now()
        let key: OpenIDKeyCache.Key
        do {
            guard let found = try await cache.key(kid, now: current) else {
                return .failure(AuthenticationFailure(.unknownKey, "the token's key is not in the channel's key set"))
            }
            key = found
        } catch {
            return .failure(AuthenticationFailure(.keysUnavailable, "the channel's keys cannot be fetched"))
        }
        let claims: [String: AnyJSON]
        do {
            claims = try await key.collection.verify(token, as: TokenClaims.self).values
        } catch {
            return .failure(AuthenticationFailure(.badSignature, "the token's signature does not verify"))
        }
        return check(claims, key: key, kid: kid, now: current, channelId: channelId, serviceUrl: serviceUrl)
    }

    private func check(_ claims: [String: AnyJSON], key: OpenIDKeyCache.Key, kid: String, now: Date, channelId: String?, serviceUrl: String?) -> Result<Validated, AuthenticationFailure> {
        guard claims["iss"]?.stringValue == configuration.issuer else { return .failure(AuthenticationFailure(.wrongIssuer, "the token's issuer is not the channel")) }
        let audiences: [String] = switch claims["aud"] {
        case .string(let audience)?: [audience]
        case .array(let list)?: list.compactMap(\.stringValue)
        default: []
        }
        guard audiences.contains(configuration.appId) else { return .failure(AuthenticationFailure(.wrongAudience, "the token is not for this bot")) }
        guard case .number(let expiry)? = claims["exp"], now.timeIntervalSince1970 <= expiry + configuration.clockSkew else {
            return .failure(AuthenticationFailure(.expired, "the token has expired"))
        }
        if case .number(let notBefore)? = claims["nbf"], now.timeIntervalSince1970 + configuration.clockSkew < notBefore {
            return .failure(AuthenticationFailure(.notYetValid, "the token is not valid yet"))
        }
        guard let claimed = claims["serviceurl"]?.stringValue ?? claims["serviceUrl"]?.stringValue, claimed == serviceUrl else {
            return .failure(AuthenticationFailure(.serviceURLMismatch, "the token's serviceurl is not the activity's serviceUrl"))
        }
        guard let channelId, key.endorsements.contains(channelId) else {
            return .failure(AuthenticationFailure(.notEndorsed, "the signing key is not endorsed for this channel"))
        }
        return .success(Validated(claims: claims, keyId: kid))
    }
}

extension Data {
    /// Decodes base64url without padding.
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
