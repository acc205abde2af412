/// One public key as a JSON Web Key Set publishes it (RFC 7517), with Bot Framework's `endorsements`.
///
/// Lenient on purpose: Bot Framework's channel key set carries `kty`, `use`, `kid`, `x5t`, `n`, `e`,
/// `x5c` and `endorsements` and no `alg`, and a set may hold keys of another type (`EC`, with `crv`,
/// `x`, `y`). Only `kty` and `kid` are required to decode; whether a key is usable for RS256 is decided
/// when it is loaded (``rsaComponents``).
public struct PublicJWK: Codable, Sendable, Equatable {
    /// The key type: `RSA`, `EC`, …
    public var kty: String
    /// The key's id, which token headers name.
    public var kid: String
    /// `sig` for a signing key; absent in some sets.
    public var use: String?
    /// The algorithm the key is meant for (`RS256`); Bot Framework's set omits it.
    public var alg: String?
    /// The RSA modulus, base64url.
    public var n: String?
    /// The RSA public exponent, base64url.
    public var e: String?
    /// The elliptic curve of an `EC` key.
    public var crv: String?
    /// The x coordinate of an `EC` key, base64url.
    public var x: String?
    /// The y coordinate of an `EC` key, base64url.
    public var y: String?
    /// The base64url SHA-1 thumbprint of the key's certificate (`x5c[0]`, DER).
    public var x5t: String?
    /// The key's certificate chain, each base64 (not base64url) DER.
    public var x5c: [String]?
    /// The channels this key may sign for (`msteams`, `skype`, …), as Bot Framework publishes them.
    public var endorsements: [String]?

    /// A key.
    /// - Parameters:
    ///   - kty: the key type.
    ///   - kid: the key id.
    ///   - use: the intended use (`sig`).
    ///   - alg: the intended algorithm, if the publisher names one.
    ///   - n: the RSA modulus, base64url.
    ///   - e: the RSA exponent, base64url.
    ///   - crv: an EC key's curve.
    ///   - x: an EC key's x coordinate.
    ///   - y: an EC key's y coordinate.
    ///   - x5t: the certificate's SHA-1 thumbprint, base64url.
    ///   - x5c: the certificate chain, base64 DER.
    ///   - endorsements: the channels the key is endorsed for.
    public init(
        kty: String, kid: String, use: String? = nil, alg: String? = nil, n: String? = nil, e: String? = nil,
        crv: String? = nil, x: String? = nil, y: String? = nil, x5t: String? = nil, x5c: [String]? = nil, endorsements: [String]? = nil
    ) {
        self.kty = kty
        self.kid = kid
        self.use = use
        self.alg = alg
        self.n = n
        self.e = e
        self.crv = crv
        self.x = x
        self.y = y
        self.x5t = x5t
        self.x5c = x5c
        self.endorsements = endorsements
    }

    /// Why a key in a set cannot verify RS256 channel tokens.
    public enum Unusable: Error, Equatable, Sendable, CustomStringConvertible {
        /// A key of another type (`EC`, `oct`): not an error, only not ours.
        case otherKeyType(String)
        /// A key published for another use (`enc`).
        case otherUse(String)
        /// A key published for another algorithm (`ES256`, `RS512`).
        case otherAlgorithm(String)
        /// An RSA key without its modulus or exponent, or with text that is not base64url.
        case malformed(String)

        /// The reason in words, for a log line.
        public var description: String {
            switch self {
            case .otherKeyType(let kty): "key type \(kty) is not RSA"
            case .otherUse(let use): "use \(use) is not sig"
            case .otherAlgorithm(let alg): "alg \(alg) is not RS256"
            case .malformed(let detail): "malformed RSA key: \(detail)"
            }
        }
    }

    /// The modulus and exponent of an RSA signing key usable for RS256, or why the key is not one.
    /// `alg` and `use` may be absent; when present they must be `RS256` and `sig`.
    public var rsaComponents: Result<(modulus: String, exponent: String), Unusable> {
        guard kty == "RSA" else { return .failure(.otherKeyType(kty)) }
        if let use, use != "sig" { return .failure(.otherUse(use)) }
        if let alg, alg != "RS256" { return .failure(.otherAlgorithm(alg)) }
        guard let n, !n.isEmpty else { return .failure(.malformed("no modulus (n)")) }
        guard let e, !e.isEmpty else { return .failure(.malformed("no exponent (e)")) }
        guard Base64URL.decode(n.utf8) != nil else { return .failure(.malformed("the modulus (n) is not base64url")) }
        guard Base64URL.decode(e.utf8) != nil else { return .failure(.malformed("the exponent (e) is not base64url")) }
        return .success((n, e))
    }
}
