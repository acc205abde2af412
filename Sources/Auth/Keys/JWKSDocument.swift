import HeraldCore

/// A JSON Web Key Set document (`{"keys": […]}`), decoded one key at a time: a key that does not
/// decode (no `kid`, a number where text belongs) is set aside in ``skipped`` with the reason instead of
/// failing the whole set, so one bad entry never locks every tenant out.
public struct JWKSDocument: Codable, Sendable, Equatable {
    /// A key that could not be read, and why.
    public struct SkippedKey: Sendable, Equatable {
        /// Its position in `keys`.
        public let index: Int
        /// Its `kid`, when that much could be read.
        public let kid: String?
        /// What was wrong, in words (from the decoder; never a key's value).
        public let reason: String

        /// A skipped key.
        /// - Parameters:
        ///   - index: its position.
        ///   - kid: its id, if readable.
        ///   - reason: what was wrong.
        public init(index: Int, kid: String?, reason: String) {
            self.index = index
            self.kid = kid
            self.reason = reason
        }
    }

    /// The keys that decoded, of every type.
    public let keys: [PublicJWK]
    /// The keys that did not decode; never encoded.
    public let skipped: [SkippedKey]

    /// A key set.
    /// - Parameter keys: the keys.
    public init(keys: [PublicJWK]) {
        self.keys = keys
        skipped = []
    }

    private enum CodingKeys: String, CodingKey { case keys }

    public init(from decoder: any Decoder) throws {
        var entries = try decoder.container(keyedBy: CodingKeys.self).nestedUnkeyedContainer(forKey: .keys)
        var keys: [PublicJWK] = []
        var skipped: [SkippedKey] = []
        while !entries.isAtEnd {
            let index = entries.currentIndex
            let entry = try entries.decode(LenientEntry.self)
            switch entry.key {
            case .success(let key): keys.append(key)
            case .failure(let error):
                skipped.append(SkippedKey(index: index, kid: entry.kid, reason: (error as? DecodingError)?.summary ?? "\(type(of: error))"))
            }
        }
        self.keys = keys
        self.skipped = skipped
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keys, forKey: .keys)
    }

    /// One entry, read without throwing, so the array's position always advances.
    private struct LenientEntry: Decodable {
        let key: Result<PublicJWK, any Error>
        let kid: String?

        private enum Field: String, CodingKey { case kid }

        init(from decoder: any Decoder) throws {
            key = Result { try PublicJWK(from: decoder) }
            kid = try? decoder.container(keyedBy: Field.self).decodeIfPresent(String.self, forKey: .kid)
        }
    }
}
