import Auth
import Foundation
import HeraldCore
import JWTKit
import Testing

/// Forged and subtly wrong channel tokens, each refused with the right status; the genuine one accepted.
@Suite("ChannelTokenValidator")
struct ChannelTokenValidatorTests {
    static let appId = "9c4e2a7b-1d3f-4b6a-8e0c-5f7a9b1d3e52"
    static let serviceUrl = "https://smba.trafficmanager.net/amer/"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A channel with one endorsed key and one that is not endorsed for msteams.
    struct Channel: Sendable {
        let endorsed: RSASigningKey
        let unendorsed: RSASigningKey
        let fetches = Counter()

        static func make() throws -> Channel {
            Channel(endorsed: try RSASigningKey.generate(kid: "good", endorsements: ["msteams"]),
                    unendorsed: try RSASigningKey.generate(kid: "other", endorsements: ["skype"]))
        }

        func validator(now: Date = ChannelTokenValidatorTests.now) -> ChannelTokenValidator {
            let jwks = try! JSONEncoder().encode(JWKSDocument(keys: [try! endorsed.publicJWK(), try! unendorsed.publicJWK()]))
            let fetches = fetches
            return ChannelTokenValidator(configuration: ChannelTokenConfiguration(appId: ChannelTokenValidatorTests.appId, openIDMetadataURL: URL(string: "http://127.0.0.1:1/metadata")!), fetch: { url in
                await fetches.increment()
                if url.path == "/metadata" { return Data(#"{"issuer": "https://api.botframework.com", "jwks_uri": "http://127.0.0.1:1/keys"}"#.utf8) }
                return jwks
            }, now: { now })
        }
    }

    actor Counter {
        var value = 0
        func increment() { value += 1 }
    }

    static func claims(_ changes: [String: AnyJSON?] = [:]) -> TokenClaims {
        var values: [String: AnyJSON] = ["iss": .string("https://api.botframework.com"), "aud": .string(appId), "serviceurl": .string(serviceUrl),
                                         "nbf": .number(now.timeIntervalSince1970 - 60), "exp": .number(now.timeIntervalSince1970 + 3_600)]
        for (name, value) in changes { values[name] = value }
        return TokenClaims(values)
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    enum Forgery: String, CaseIterable, Sendable {
        case noToken, notAJWT, algNone, hs256WithPublicKey, wrongIssuer, wrongAudience, expired, notYetValid
        case unknownKid, badSignature, serviceURLMismatch, notEndorsed
    }

    static func token(_ forgery: Forgery, _ channel: Channel) async throws -> String? {
        switch forgery {
        case .noToken: return nil
        case .notAJWT: return "Bearer not.a-jwt"
        case .algNone:
            let header = base64URL(Data(#"{"alg":"none","kid":"good","typ":"JWT"}"#.utf8))
            let payload = base64URL(try JSONEncoder().encode(claims()))
            return "Bearer \(header).\(payload)."
        case .hs256WithPublicKey:
            let keys = JWTKeyCollection()
            await keys.add(hmac: HMACKey(from: channel.endorsed.privateKey.publicKey.pemRepresentation), digestAlgorithm: .sha256, kid: "good")
            return "Bearer " + (try await keys.sign(claims(), kid: "good"))
        case .wrongIssuer: return "Bearer " + (try await channel.endorsed.sign(claims(["iss": .string("https://sts.windows.net/x/")])))
        case .wrongAudience: return "Bearer " + (try await channel.endorsed.sign(claims(["aud": .string("someone-else")])))
        case .expired: return "Bearer " + (try await channel.endorsed.sign(claims(["exp": .number(now.timeIntervalSince1970 - 301)])))
        case .notYetValid: return "Bearer " + (try await channel.endorsed.sign(claims(["nbf": .number(now.timeIntervalSince1970 + 301)])))
        case .unknownKid:
            return "Bearer " + (try await RSASigningKey.generate(kid: "stranger", endorsements: ["msteams"]).sign(claims()))
        case .badSignature:
            let genuine = try await channel.endorsed.sign(claims())
            let parts = genuine.split(separator: ".").map(String.init)
            let forged = try await channel.endorsed.sign(claims(["aud": .string("someone-else")])).split(separator: ".").map(String.init)
            return "Bearer \(forged[0]).\(forged[1]).\(parts[2])"
        case .serviceURLMismatch: return "Bearer " + (try await channel.endorsed.sign(claims(["serviceurl": .string("https://evil.example/")])))
        case .notEndorsed: return "Bearer " + (try await channel.unendorsed.sign(claims()))
        }
    }

    static let expectedStatus: [Forgery: Int] = [
        .noToken: 401, .notAJWT: 401, .algNone: 401, .hs256WithPublicKey: 401, .wrongIssuer: 401, .wrongAudience: 401, .expired: 401,
        .notYetValid: 401, .unknownKid: 401, .badSignature: 401, .serviceURLMismatch: 403, .notEndorsed: 403,
    ]

    @Test("a genuine channel token is accepted, within the clock skew too")
    func genuine() async throws {
        let channel = try Channel.make()
        let token = try await channel.endorsed.sign(Self.claims(["exp": .number(Self.now.timeIntervalSince1970 - 200)]))
        let result = await channel.validator().validate(authorization: "Bearer \(token)", channelId: "msteams", serviceUrl: Self.serviceUrl)
        guard case .success(let validated) = result else { Issue.record("refused: \(result)"); return }
        #expect(validated.keyId == "good")
        #expect(validated.claims["serviceurl"] == .string(Self.serviceUrl))
    }

    @Test("forged and subtly wrong tokens are refused with 401 or 403", arguments: Forgery.allCases)
    func refused(_ forgery: Forgery) async throws {
        let channel = try Channel.make()
        let result = await channel.validator().validate(authorization: try await Self.token(forgery, channel), channelId: "msteams", serviceUrl: Self.serviceUrl)
        guard case .failure(let failure) = result else { Issue.record("\(forgery) was accepted"); return }
        #expect(failure.status == Self.expectedStatus[forgery])
    }

    @Test("keys are fetched once, refreshed after a day, and an unknown kid forces at most one refresh a minute")
    func refreshRules() async throws {
        let channel = try Channel.make()
        let validator = channel.validator()
        let good = "Bearer " + (try await channel.endorsed.sign(Self.claims()))
        for _ in 0..<5 { _ = await validator.validate(authorization: good, channelId: "msteams", serviceUrl: Self.serviceUrl) }
        #expect(await validator.keyFetches == 1)
        let stranger = try await Self.token(.unknownKid, channel)
        _ = await validator.validate(authorization: stranger, channelId: "msteams", serviceUrl: Self.serviceUrl)
        _ = await validator.validate(authorization: stranger, channelId: "msteams", serviceUrl: Self.serviceUrl)
        #expect(await validator.keyFetches == 2, "one forced refresh for the unknown key, not two")
        let tomorrow = channel.validator(now: Self.now.addingTimeInterval(86_401))
        _ = await tomorrow.validate(authorization: good, channelId: "msteams", serviceUrl: Self.serviceUrl)
        #expect(await tomorrow.keyFetches == 1)
    }

    @Test("unreachable keys answer 503, not 401")
    func unreachable() async throws {
        let channel = try Channel.make()
        let validator = ChannelTokenValidator(configuration: ChannelTokenConfiguration(appId: Self.appId), fetch: { _ in throw URLError(.cannotConnectToHost) }, now: { Self.now })
        let result = await validator.validate(authorization: "Bearer " + (try await channel.endorsed.sign(Self.claims())), channelId: "msteams", serviceUrl: Self.serviceUrl)
        guard case .failure(let failure) = result else { Issue.record("accepted"); return }
        #expect(failure.status == 503)
    }
}
