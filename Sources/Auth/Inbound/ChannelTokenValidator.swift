public import Foundation
public import HeraldCore
import JWTKit
public import Logging

/// Verifies the bearer token of a request from a Bot Framework channel as the authentication spec
/// requires: RS256 only, a key from the channel's OpenID metadata, issuer, audience, `nbf`/`exp` with
/// skew, the `serviceurl` claim equal to the activity's serviceUrl, and the key endorsed for the channel.
public struct ChannelTokenValidator: Sendable {
    /// What a token that passed says.
    public struct Validated: Sendable, Equatable {
        /// The signing key's id.
        public let keyId: String
        /// The `serviceurl` claim (equal to the activity's serviceUrl).
        public let serviceUrl: String
        /// When the token expires.
        public let expiresAt: Date
    }

    private let configuration: ChannelTokenConfiguration
    private let cache: OpenIDKeyCache
    private let headers = JOSEHeader.Cache()
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// A validator.
    /// - Parameters:
    ///   - configuration: the rules and where the keys are.
    ///   - fetch: an HTTP GET (the metadata and the JWKS); it may throw ``KeyFetchHTTPError`` so the log
    ///     names the status.
    ///   - now: the clock.
    ///   - logger: where key fetches, skipped keys and refusals are logged (never a token).
    public init(
        configuration: ChannelTokenConfiguration, fetch: @escaping @Sendable (URL) async throws -> Data,
        now: @escaping @Sendable () -> Date = Date.init,
        logger: Logger = Logger(label: "herald.auth")
    ) {
        self.configuration = configuration
        self.cache = OpenIDKeyCache(configuration: configuration, fetch: fetch, logger: logger)
        self.now = now
        self.logger = logger
    }

    /// A validator that reads the time from `clock`.
    /// - Parameters:
    ///   - configuration: the rules and where the keys are.
    ///   - fetch: an HTTP GET (the metadata and the JWKS).
    ///   - clock: the clock (`SystemClock` in production, `ManualClock` in tests).
    ///   - logger: where key fetches and refusals are logged (never a token).
    public init(
        configuration: ChannelTokenConfiguration, fetch: @escaping @Sendable (URL) async throws -> Data, clock: some HeraldClock,
        logger: Logger = Logger(label: "herald.auth")
    ) {
        self.init(configuration: configuration, fetch: fetch, now: { clock.date }, logger: logger)
    }

    /// How many times the keys were fetched (for tests of the refresh rules).
    public var keyFetches: Int { get async { await cache.fetches } }

    /// Validates the `Authorization` header of a request carrying an activity.
    /// - Parameters:
    ///   - authorization: the header's value, if any.
    ///   - channelId: the activity's `channelId` (the key must be endorsed for it).
    ///   - serviceUrl: the activity's `serviceUrl` (the token's `serviceurl` claim must equal it).
    public func validate(authorization: String?, channelId: String?, serviceUrl: String?) async -> Result<Validated, AuthenticationFailure> {
        let result = await verify(authorization: authorization, channelId: channelId, serviceUrl: serviceUrl)
        if case .failure(let failure) = result {
            if failure.reason == .keysUnavailable {
                logger.warning("channel token not checked: the keys are unavailable", metadata: ["reason": "\(failure.code)"])
            } else {
                logger.debug("channel token refused", metadata: ["reason": "\(failure.code)", "detail": "\(failure.message)"])
            }
        }
        return result
    }

    private func verify(authorization: String?, channelId: String?, serviceUrl: String?) async -> Result<Validated, AuthenticationFailure> {
        guard let token = Self.bearerToken(authorization) else {
            return .failure(AuthenticationFailure(.missingToken, "no bearer token"))
        }
        guard token.utf8.count <= Self.maximumTokenBytes else {
            return .failure(AuthenticationFailure(.malformedToken, "the token is longer than any channel token"))
        }
        guard Self.isCompactJWS(token), let header = headers.header(of: token) else {
            return .failure(AuthenticationFailure(.malformedToken, "the token is not a JWT (three base64url parts, a JSON header)"))
        }
        guard header.alg == "RS256" else {
            return .failure(AuthenticationFailure(.unsupportedAlgorithm, "only RS256 tokens are accepted"))
        }
        guard let kid = header.kid else { return .failure(AuthenticationFailure(.unknownKey, "the token names no key")) }
        let current = now()
        let key: OpenIDKeyCache.Key
        do {
            var found = cache.freshKey(kid, now: current)
            if found == nil { found = try await cache.key(kid, now: current) }
            guard let found else {
                return .failure(AuthenticationFailure(.unknownKey, "the token's key is not in the channel's key set"))
            }
            key = found
        } catch {
            return .failure(AuthenticationFailure(.keysUnavailable, "the channel's keys cannot be fetched"))
        }
        let claims: ChannelTokenClaims
        do {
            claims = try await key.collection.verify(String(token), as: ChannelTokenClaims.self)
        } catch let error as JWTError where error.errorType == .malformedToken {
            return .failure(AuthenticationFailure(.malformedToken, "the token's parts do not decode"))
        } catch {
            return .failure(AuthenticationFailure(.badSignature, "the token's signature does not verify"))
        }
        return check(claims, key: key, kid: kid, now: current, channelId: channelId, serviceUrl: serviceUrl)
    }

    /// Whether `token` is made only of base64url text and dots, as a compact JWS is; anything else is
    /// malformed, told apart from a well-formed token whose signature does not verify.
    static func isCompactJWS(_ token: Substring) -> Bool {
        token.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                true
            default: false
            }
        }
    }

    /// Channel tokens are 1–2 KB; anything far longer is refused before it is decoded or cached.
    static let maximumTokenBytes = 16 * 1024

    /// The token of an `Authorization: Bearer <token>` value (scheme case-insensitive, spaces and tabs
    /// around the token ignored), cut on bytes so no combining character can join the separator.
    static func bearerToken(_ authorization: String?) -> Substring? {
        guard let bytes = authorization?.utf8, bytes.count > 7, bytes.prefix(6).elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 }),
            bytes[bytes.index(bytes.startIndex, offsetBy: 6)] == UInt8(ascii: " ")
        else { return nil }
        let rest = bytes.dropFirst(7)
        let blank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = rest.firstIndex(where: { !blank($0) }), let last = rest.lastIndex(where: { !blank($0) }) else { return nil }
        return Substring(rest[first...last])
    }

    private func check(
        _ claims: ChannelTokenClaims, key: OpenIDKeyCache.Key, kid: String, now: Date, channelId: String?, serviceUrl: String?
    ) -> Result<Validated, AuthenticationFailure> {
        guard claims.issuer == configuration.issuer else {
            return .failure(AuthenticationFailure(.wrongIssuer, "the token's issuer is not the channel"))
        }
        guard claims.audiences.contains(configuration.appId) else {
            return .failure(AuthenticationFailure(.wrongAudience, "the token is not for this bot"))
        }
        guard let expiry = claims.expiresAt, now.timeIntervalSince1970 <= expiry + configuration.clockSkew else {
            return .failure(AuthenticationFailure(.expired, "the token has expired"))
        }
        if let notBefore = claims.notBefore, now.timeIntervalSince1970 + configuration.clockSkew < notBefore {
            return .failure(AuthenticationFailure(.notYetValid, "the token is not valid yet"))
        }
        guard let claimed = claims.serviceUrl, claimed == serviceUrl else {
            return .failure(AuthenticationFailure(.serviceURLMismatch, "the token's serviceurl is not the activity's serviceUrl"))
        }
        guard let channelId, key.endorsements.contains(channelId) else {
            return .failure(AuthenticationFailure(.notEndorsed, "the signing key is not endorsed for this channel"))
        }
        return .success(Validated(keyId: kid, serviceUrl: claimed, expiresAt: Date(timeIntervalSince1970: expiry)))
    }
}
