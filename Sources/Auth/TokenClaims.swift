public import HeraldCore
public import JWTKit

/// Any set of claims, as a JWT payload: lets a signer mint exactly the token a test asks for.
public struct TokenClaims: JWTPayload, Equatable {
    /// The claims by name.
    public var values: [String: AnyJSON]

    /// Claims.
    /// - Parameter values: the claims by name.
    public init(_ values: [String: AnyJSON]) { self.values = values }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: AnyJSON].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    /// Minting does not verify; readers check the claims they need themselves.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
