import Foundation
import JWTKit
import Synchronization

/// The JSON decoder jwt-kit parses channel tokens' headers and payloads with, remembering recent
/// results. The channel reuses a token for many requests, so the same header and payload text arrive
/// again and again; the signature over them is still checked on every request, before the payload is read.
/// Bounded: a flood of distinct tokens only empties it.
final class RecentJSONDecodings: JWTJSONDecoder {
    private struct Key: Hashable {
        let type: ObjectIdentifier
        let json: Data
    }

    /// A decoded value. Only the tokens' header and claim types pass through here: structs of strings
    /// and numbers, immutable once decoded, so sharing them between requests is safe.
    private final class Decoded: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    private let capacity: Int
    private let entries = Mutex<[Key: Decoded]>([:])

    init(capacity: Int = 64) { self.capacity = capacity }

    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let key = Key(type: ObjectIdentifier(type), json: data)
        if let known = entries.withLock({ $0[key] })?.value as? T { return known }
        let value = try JSONDecoder().decode(type, from: data)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Decoded(value)
        }
        return value
    }
}
