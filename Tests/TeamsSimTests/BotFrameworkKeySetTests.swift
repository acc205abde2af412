import Auth
import Crypto
import CryptoExtras
import Foundation
import HTTPTypes
import HeraldCore
import HeraldTesting
import SwiftASN1
import Testing
import X509

/// The sim's Bot Framework documents have Microsoft's shapes: the metadata fields of
/// `login.botframework.com`, and keys without `alg`, with `x5t` and an `x5c` certificate for the same key.
@Suite("TeamsSim Bot Framework key set")
struct BotFrameworkKeySetTests {
    @Test("the metadata decodes as Bot Framework's document, with its fields and values")
    func metadata() async throws {
        try await SimHarness().test { sim in
            let reply = try await sim.request(.get, "/botframework/v1/.well-known/openidconfiguration")
            let metadata = try JSONDecoder().decode(OpenIDMetadata.self, from: reply.body)
            let fixture = try MicrosoftFixtures.decode(OpenIDMetadata.self, "botframework/openid-metadata.json")
            #expect(metadata.issuer == fixture.issuer)
            #expect(metadata.authorizationEndpoint == fixture.authorizationEndpoint)
            #expect(metadata.idTokenSigningAlgValuesSupported == fixture.idTokenSigningAlgValuesSupported)
            #expect(metadata.tokenEndpointAuthMethodsSupported == fixture.tokenEndpointAuthMethodsSupported)
            #expect(
                Set(reply.json?.objectKeys ?? []) == Set(try MicrosoftFixtures.decode(AnyJSON.self, "botframework/openid-metadata.json").objectKeys))
        }
    }

    @Test("each key has the fixture's fields and no alg; x5t is the SHA-1 of x5c's certificate, whose key is the JWK's")
    func keys() async throws {
        try await SimHarness().test { sim in
            let reply = try await sim.request(.get, "/botframework/v1/.well-known/keys")
            let set = try JSONDecoder().decode(JWKSDocument.self, from: reply.body)
            #expect(set.skipped.isEmpty)
            let key = try #require(set.keys.first)
            guard case .array(let raw)? = reply.json?["keys"], let first = raw.first else {
                Issue.record("no keys")
                return
            }
            guard case .array(let fixtureKeys)? = try MicrosoftFixtures.decode(AnyJSON.self, "botframework/keys.json")["keys"],
                let published = fixtureKeys.first
            else {
                Issue.record("no fixture keys")
                return
            }
            #expect(Set(first.objectKeys) == Set(published.objectKeys), "the same fields as Bot Framework's keys")
            #expect(key.alg == nil)
            #expect(key.use == "sig")
            let der = try #require(key.x5c?.first.flatMap { Data(base64Encoded: $0) })
            #expect(key.x5t == Self.base64URL(Data(Crypto.Insecure.SHA1.hash(data: der))))
            let certificate = try Certificate(derEncoded: Array(der))
            let modulus = try #require(key.n), exponent = try #require(key.e)
            let jwkKey = try _RSA.Signing.PublicKey(n: try #require(Data(base64URL: modulus)), e: try #require(Data(base64URL: exponent)))
            #expect(certificate.publicKey == Certificate.PublicKey(jwkKey))
            guard case .success = key.rsaComponents else {
                Issue.record("the sim's key is unusable")
                return
            }
        }
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
            of: "=", with: "")
    }
}

extension AnyJSON {
    /// The keys of an object, empty for anything else.
    var objectKeys: [String] {
        if case .object(let members) = self { Array(members.keys) } else { [] }
    }
}
