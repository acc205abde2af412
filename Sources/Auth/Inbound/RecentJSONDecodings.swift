import Foundation
import JWTKit
import Synchronization

/// The JSON decoder jwt-kit parses channel tokens' headers and payloads with, remembering recent
/// results. The channel reuses a token for many requests, so the same header and payload text arrive
/// again and again; the signature over them is still checked on every request, before the payload is read.
/// Bounded: a flood of distinct tokens only empties it.
final class RecentJSONDecodings: JWTJSONDecoder {
    /// The type and the JSON text: text, because `Data` hashes only its first 80 bytes, which would let
    /// crafted tokens share one bucket.
    private struct Key: Hashable {
        let type: ObjectIdentifier
        let json: String
    }

    /// A decoded value. Only the tokens' header and claim types pass through here (jwt-kit's
    /// `MandatoryVerificationFields` and ``ChannelTokenClaims``): structs of strings and numbers,
    /// immutable once decoded, so sharing them between requests is safe. Nothing else may use this decoder.
    private final class Decoded: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    private let capacity: Int
    private let entries = Mutex<[Key: Decoded]>([:])
    private let decoder: JSONDecoder

    init(capacity: Int = 64) {
        self.capacity = capacity
        decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970  // as jwt-kit's own decoder: JWT dates are seconds since 1970
    }

    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let key = Key(type: ObjectIdentifier(type), json: String(decoding: data, as: UTF8.self))
        if let known = entries.withLock({ $0[key] })?.value as? T { return known }
        let value = try decoder.decode(type, from: data)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Decoded(value)
        }
        return value
    }
}
