public import Auth
import CryptoExtras
public import Foundation
import JWTKit
import SwiftASN1
import X509

/// A self-signed X.509 certificate for a channel signing key, as Bot Framework publishes one per key in
/// `x5c` (and its thumbprint in `x5t`). Nothing checks the chain; it is there so the key set has
/// Microsoft's shape, and so clients that read `x5c` find a real certificate for the same key.
public enum ChannelKeyCertificate {
    /// The certificate of `key`, DER-encoded, valid from a day before `now` for a year.
    /// - Parameters:
    ///   - key: the signing key.
    ///   - now: the time the certificate is made.
    /// - Throws: when the key cannot be read or the certificate cannot be signed.
    public static func selfSigned(for key: RSASigningKey, now: Date) throws -> Data {
        let privateKey = Certificate.PrivateKey(try _RSA.Signing.PrivateKey(pemRepresentation: key.privateKey.pemRepresentation))
        let name = try DistinguishedName {
            OrganizationName("Herald TeamsSim")
            CommonName("channel key \(key.kid)")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: privateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions { Critical(BasicConstraints.notCertificateAuthority) },
            issuerPrivateKey: privateKey)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return Data(serializer.serializedBytes)
    }

    /// The channels Bot Framework endorses its channel keys for: every published channel id, of which
    /// Teams checks `msteams`.
    public static let botFrameworkEndorsements = [
        "msteams", "skype", "slack", "webchat", "directline", "directlinespeech", "email", "facebook", "telegram", "line",
        "groupme", "kik", "twilio-sms", "telephony", "omnichannel", "outlook",
    ]

    /// `key` published as Bot Framework publishes a channel key: no `alg`, `use: "sig"`, `x5t`, `x5c`.
    /// - Parameters:
    ///   - key: the signing key.
    ///   - now: the time its certificate is made.
    /// - Throws: when the key or its certificate cannot be made.
    public static func publicJWK(for key: RSASigningKey, now: Date) throws -> PublicJWK {
        try key.publicJWK(certificateDER: selfSigned(for: key, now: now))
    }
}
