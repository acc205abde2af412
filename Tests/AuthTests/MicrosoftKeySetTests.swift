import Auth
import Foundation
import HeraldCore
import HeraldTesting
import Logging
import Testing

/// Bot Framework's key set as Microsoft publishes it: no `alg`, `x5t`/`x5c`, endorsements, and keys of
/// another type or malformed ones that must be skipped without losing the rest of the set.
@Suite("Bot Framework key set in Microsoft's format")
struct MicrosoftKeySetTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the published key set decodes without alg; the key without a kid is set aside with its reason")
    func decodesTheFixture() throws {
        let set = try MicrosoftFixtures.decode(JWKSDocument.self, "botframework/keys.json")
        #expect(set.keys.map(\.kty) == ["RSA", "RSA", "EC", "RSA"])
        #expect(set.keys.allSatisfy { $0.alg == nil })
        let first = try #require(set.keys.first)
        #expect(first.use == "sig")
        #expect(first.x5t == first.kid)
        #expect(first.x5c?.count == 1)
        #expect(first.endorsements?.contains("msteams") == true)
        #expect(set.keys[1].endorsements?.contains("msteams") == false)
        #expect(set.skipped == [JWKSDocument.SkippedKey(index: 4, kid: nil, reason: "no keys[4].kid")])
    }

    @Test("RSA signing keys are usable without alg; the EC key is another type and the bad modulus is malformed")
    func usability() throws {
        let keys = try MicrosoftFixtures.decode(JWKSDocument.self, "botframework/keys.json").keys
        guard case .success = keys[0].rsaComponents, case .success = keys[1].rsaComponents else {
            Issue.record("the RSA keys are unusable")
            return
        }
        #expect(keys[2].rsaComponents.failure == .otherKeyType("EC"))
        guard case .malformed? = keys[3].rsaComponents.failure else {
            Issue.record("the bad modulus was accepted")
            return
        }
        #expect(PublicJWK(kty: "RSA", kid: "k", use: "enc", n: "AQAB", e: "AQAB").rsaComponents.failure == .otherUse("enc"))
        #expect(PublicJWK(kty: "RSA", kid: "k", alg: "RS512", n: "AQAB", e: "AQAB").rsaComponents.failure == .otherAlgorithm("RS512"))
    }

    @Test("the OpenID metadata document decodes and names the key set")
    func metadata() throws {
        let metadata = try MicrosoftFixtures.decode(OpenIDMetadata.self, "botframework/openid-metadata.json")
        #expect(metadata.issuer == "https://api.botframework.com")
        #expect(metadata.jwksURI == "https://login.botframework.com/v1/.well-known/keys")
        #expect(metadata.idTokenSigningAlgValuesSupported == ["RS256"])
    }

    @Test("a token from a key published without alg is accepted; the other-type and malformed keys are skipped and logged")
    func validatesWithMicrosoftKeys() async throws {
        let channel = try TestChannel()
        let logs = LogCapture()
        let validator = TestChannel.validator(serving: try channel.microsoftKeySet(now: Self.now), now: Self.now, logger: logs.logger)
        let result = await validator.validate(
            authorization: try await channel.genuine(at: Self.now), channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .success(let validated) = result else {
            Issue.record("refused: \(result)")
            return
        }
        #expect(validated.keyId == "good")
        let skipped = logs.records.filter { $0.message.hasPrefix("channel key skipped") }
        #expect(skipped.contains { $0.level == .warning && $0.metadata["kid"] == "fixture-malformed-modulus" })
        #expect(skipped.contains { $0.level == .debug && $0.metadata["kty"] == "EC" })
        #expect(skipped.contains { $0.level == .warning && $0.metadata["reason"] == "no keys[4].kid" })
        #expect(logs.records.contains { $0.message == "channel keys loaded" && $0.metadata["usable"] == "2" })
    }

    @Test("the key that is not endorsed for msteams is still refused with 403")
    func unendorsed() async throws {
        let channel = try TestChannel()
        let validator = TestChannel.validator(serving: try channel.microsoftKeySet(now: Self.now), now: Self.now)
        let result = await validator.validate(
            authorization: try await channel.authorization(.notEndorsed, at: Self.now), channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(result.failure?.reason == .notEndorsed)
        #expect(result.failure?.status == 403)
    }
}

extension Result {
    /// The failure, if it is one.
    var failure: Failure? {
        if case .failure(let failure) = self { failure } else { nil }
    }
}
