import Crypto
import CryptoExtras
public import Foundation
public import JWTKit

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
    ///
    /// With a certificate, the key is published as Bot Framework publishes its channel keys: no `alg`,
    /// `use: "sig"`, `x5t` (the certificate's SHA-1 thumbprint, base64url) and `x5c` (the certificate,
    /// base64 DER). Without one, as a plain RS256 key with `alg`.
    /// - Parameter certificateDER: the key's certificate (DER), if it has one.
    /// - Throws: when the key's numbers cannot be read.
    public func publicJWK(certificateDER: Data? = nil) throws -> PublicJWK {
        let (modulus, exponent) = try privateKey.publicKey.getKeyPrimitives()
        let endorsed = endorsements.isEmpty ? nil : endorsements
        guard let certificateDER else {
            return PublicJWK(
                kty: "RSA", kid: kid, use: "sig", alg: "RS256", n: Self.base64URL(modulus), e: Self.base64URL(exponent), endorsements: endorsed)
        }
        let thumbprint = Data(Crypto.Insecure.SHA1.hash(data: certificateDER))
        return PublicJWK(
            kty: "RSA", kid: kid, use: "sig", n: Self.base64URL(modulus), e: Self.base64URL(exponent),
            x5t: Self.base64URL(thumbprint), x5c: [certificateDER.base64EncodedString()], endorsements: endorsed)
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
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
            of: "=", with: "")
    }
}
