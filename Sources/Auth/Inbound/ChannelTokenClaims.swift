import JWTKit

/// The claims a channel token must carry, read straight into fields (a dictionary of any JSON costs
/// several times more per request). A required claim of the wrong type reads as missing, so the check
/// that needs it refuses the token with its own reason; an `nbf` that is present but not a number reads
/// as "not before the end of time", so it is refused too.
struct ChannelTokenClaims: JWTPayload {
    var issuer: String?
    var audiences: [String]
    var expiresAt: Double?
    var notBefore: Double?
    var serviceUrl: String?

    private enum CodingKeys: String, CodingKey {
        case iss, aud, exp, nbf, serviceurl, serviceUrl
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try? container.decodeIfPresent(String.self, forKey: .iss)
        if let audience = try? container.decodeIfPresent(String.self, forKey: .aud) {
            audiences = [audience]
        } else {
            audiences = (try? container.decodeIfPresent([String].self, forKey: .aud)) ?? []
        }
        expiresAt = try? container.decodeIfPresent(Double.self, forKey: .exp)
        notBefore = container.contains(.nbf) ? (try? container.decode(Double.self, forKey: .nbf)) ?? .infinity : nil
        serviceUrl =
            (try? container.decodeIfPresent(String.self, forKey: .serviceurl)) ?? (try? container.decodeIfPresent(String.self, forKey: .serviceUrl))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(issuer, forKey: .iss)
        try container.encode(audiences, forKey: .aud)
        try container.encodeIfPresent(expiresAt, forKey: .exp)
        try container.encodeIfPresent(notBefore, forKey: .nbf)
        try container.encodeIfPresent(serviceUrl, forKey: .serviceurl)
    }

    /// The validator checks each claim itself, to answer with the precise reason.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
