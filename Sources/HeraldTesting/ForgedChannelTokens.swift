public import Auth
public import Foundation
public import HeraldCore
import JWTKit

/// A test channel: an endorsed key and one that is not endorsed for `msteams`, an in-process key
/// fetch, and every kind of forged or subtly wrong token the listener must refuse.
public struct TestChannel: Sendable {
    /// A bot app id for tests.
    public static let appId = "9c4e2a7b-1d3f-4b6a-8e0c-5f7a9b1d3e52"
    /// The serviceUrl the tokens claim.
    public static let serviceUrl = "https://smba.trafficmanager.net/amer/"

    /// The key endorsed for msteams (`kid` "good").
    public let endorsed: RSASigningKey
    /// A key endorsed only for another channel (`kid` "other").
    public let unendorsed: RSASigningKey
    private let fetchCount = FetchCount()

    /// A channel with fresh keys.
    public init() throws {
        endorsed = try RSASigningKey.generate(kid: "good", endorsements: ["msteams"])
        unendorsed = try RSASigningKey.generate(kid: "other", endorsements: ["skype"])
    }

    /// How many times a validator made by ``validator(now:)`` fetched the keys.
    public var keyFetches: Int { get async { await fetchCount.value } }

    /// A validator for ``appId`` whose metadata and keys are served in-process, at a fixed time.
    public func validator(now: Date) -> ChannelTokenValidator {
        validator(clock: { now })
    }

    /// A validator for ``appId`` whose metadata and keys are served in-process, reading `clock`.
    public func validator(clock: @escaping @Sendable () -> Date) -> ChannelTokenValidator {
        let jwks = (try? JSONEncoder().encode(JWKSDocument(keys: [try endorsed.publicJWK(), try unendorsed.publicJWK()]))) ?? Data()
        let count = fetchCount
        return ChannelTokenValidator(
            configuration: ChannelTokenConfiguration(appId: Self.appId, openIDMetadataURL: URL(string: "http://127.0.0.1:1/metadata")!),
            fetch: { url in
                await count.increment()
                if url.path == "/metadata" { return Data(#"{"issuer": "https://api.botframework.com", "jwks_uri": "http://127.0.0.1:1/keys"}"#.utf8) }
                return jwks
            }, now: clock)
    }

    /// The claims of a genuine token at `now`, with `changes` applied (`nil` removes a claim).
    public static func claims(at now: Date, _ changes: [String: AnyJSON?] = [:]) -> TokenClaims {
        var values: [String: AnyJSON] = [
            "iss": .string("https://api.botframework.com"), "aud": .string(appId), "serviceurl": .string(serviceUrl),
            "nbf": .number(now.timeIntervalSince1970 - 60), "exp": .number(now.timeIntervalSince1970 + 3_600),
        ]
        for (name, value) in changes { values[name] = value }
        return TokenClaims(values)
    }

    /// A genuine `Authorization` header value.
    public func genuine(at now: Date, serviceUrl: String = TestChannel.serviceUrl) async throws -> String {
        "Bearer " + (try await endorsed.sign(Self.claims(at: now, ["serviceurl": .string(serviceUrl)])))
    }

    /// The ways a request's token can be wrong, and the status each must get.
    public enum Forgery: String, CaseIterable, Sendable {
        case noToken, notAJWT, algNone, hs256WithPublicKey, wrongIssuer, wrongAudience, expired, notYetValid
        case unknownKid, badSignature, serviceURLMismatch, notEndorsed

        /// 401, or 403 for a genuine token that may not do this.
        public var expectedStatus: Int { self == .serviceURLMismatch || self == .notEndorsed ? 403 : 401 }

        /// The reason the validator must give.
        public var expectedReason: AuthenticationFailure.Reason {
            switch self {
            case .noToken: .missingToken
            case .notAJWT: .malformedToken
            case .algNone, .hs256WithPublicKey: .unsupportedAlgorithm
            case .wrongIssuer: .wrongIssuer
            case .wrongAudience: .wrongAudience
            case .expired: .expired
            case .notYetValid: .notYetValid
            case .unknownKid: .unknownKey
            case .badSignature: .badSignature
            case .serviceURLMismatch: .serviceURLMismatch
            case .notEndorsed: .notEndorsed
            }
        }
    }

    /// The `Authorization` header value of a forgery (`nil` for no header).
    public func authorization(_ forgery: Forgery, at now: Date) async throws -> String? {
        switch forgery {
        case .noToken: return nil
        case .notAJWT: return "Bearer not.a-jwt"
        case .algNone:
            let header = Self.base64URL(Data(#"{"alg":"none","kid":"good","typ":"JWT"}"#.utf8))
            return "Bearer \(header).\(Self.base64URL(try JSONEncoder().encode(Self.claims(at: now))))."
        case .hs256WithPublicKey:
            let keys = JWTKeyCollection()
            await keys.add(hmac: HMACKey(from: endorsed.privateKey.publicKey.pemRepresentation), digestAlgorithm: .sha256, kid: "good")
            return "Bearer " + (try await keys.sign(Self.claims(at: now), kid: "good"))
        case .wrongIssuer: return "Bearer " + (try await endorsed.sign(Self.claims(at: now, ["iss": .string("https://sts.windows.net/x/")])))
        case .wrongAudience: return "Bearer " + (try await endorsed.sign(Self.claims(at: now, ["aud": .string("someone-else")])))
        case .expired: return "Bearer " + (try await endorsed.sign(Self.claims(at: now, ["exp": .number(now.timeIntervalSince1970 - 301)])))
        case .notYetValid: return "Bearer " + (try await endorsed.sign(Self.claims(at: now, ["nbf": .number(now.timeIntervalSince1970 + 301)])))
        case .unknownKid: return "Bearer " + (try await RSASigningKey.generate(kid: "stranger", endorsements: ["msteams"]).sign(Self.claims(at: now)))
        case .badSignature:
            let genuine = try await endorsed.sign(Self.claims(at: now)).split(separator: ".").map(String.init)
            let forged = try await endorsed.sign(Self.claims(at: now, ["aud": .string("someone-else")])).split(separator: ".").map(String.init)
            return "Bearer \(forged[0]).\(forged[1]).\(genuine[2])"
        case .serviceURLMismatch: return "Bearer " + (try await endorsed.sign(Self.claims(at: now, ["serviceurl": .string("https://evil.example/")])))
        case .notEndorsed: return "Bearer " + (try await unendorsed.sign(Self.claims(at: now)))
        }
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
            of: "=", with: "")
    }
}

private actor FetchCount {
    var value = 0
    func increment() { value += 1 }
}
