import Foundation
public import JWTKit
import CryptoExtras

/// An RSA key that signs tokens (RS256), with the `kid` and channel `endorsements` it is published under.
public struct RSASigningKey: Sendable {
    /// The key id in token headers and the JWKS.
    public let kid: String
    /// The channels this key may sign for (`msteams`), as the Bot Framework JWKS publishes them.
    public let endorsements: [String]
    /// The private key.
    public let privateKey: JWTKit.Insecure.RSA.PrivateKey

    /// A fresh 2048-bit key.
    /// - Parameters:
    ///   - kid: the key id.
    ///   - endorsements: the channels the key is endorsed for.
    /// - Throws: when the key cannot be generated.
    public static func generate(kid: String, endorsements: [String] = []) throws -> RSASigningKey {
        let backing = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        return RSASigningKey(kid: kid, endorsements: endorsements, privateKey: try JWTKit.Insecure.RSA.PrivateKey(backing: backing))
    }

    /// A key from its parts.
    /// - Parameters:
    ///   - kid: the key id.
    ///   - endorsements: the channels the key is endorsed for.
    ///   - privateKey: the private key.
    public init(kid: String, endorsements: [String], privateKey: JWTKit.Insecure.RSA.PrivateKey) {
        self.kid = kid
        self.endorsements = endorsements
        self.privateKey = privateKey
    }

    /// The public half as a JWK (RFC 7517), with `endorsements` when there are any.
    /// - Throws: when the key's numbers cannot be read.
    public func publicJWK() throws -> PublicJWK {
        let (modulus, exponent) = try privateKey.publicKey.getKeyPrimitives()
        return PublicJWK(kty: "RSA", use: "sig", alg: "RS256", kid: kid, n: Self.base64URL(modulus), e: Self.base64URL(exponent), endorsements: endorsements.isEmpty ? nil : endorsements)
    }

    /// Signs `claims` with this key (RS256), adding `kid`, `typ` and any extra header fields.
    /// - Parameters:
    ///   - claims: the payload.
    ///   - headerFields: header fields to add or override (a test may set `alg` or drop `kid`).
    /// - Returns: the compact JWT.
    /// - Throws: when signing fails.
    public func sign(_ claims: TokenClaims, headerFields: [String: String] = [:]) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(rsa: privateKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        var header = JWTHeader()
        header.typ = "JWT"
        header.alg = "RS256"
        header.kid = kid
        for (name, value) in headerFields { header.fields[name] = .string(value) }
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid), header: header)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// A public RSA key as a JWKS publishes it.
public struct PublicJWK: Codable, Sendable, Equatable {
    public let kty: String
    public let use: String
    public let alg: String
    public let kid: String
    public let n: String
    public let e: String
    public let endorsements: [String]?
}

/// A JSON Web Key Set document.
public struct JWKSDocument: Codable, Sendable, Equatable {
    /// The keys.
    public let keys: [PublicJWK]

    /// A key set.
    /// - Parameter keys: the keys.
    public init(keys: [PublicJWK]) { self.keys = keys }
}
