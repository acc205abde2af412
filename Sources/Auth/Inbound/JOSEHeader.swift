import Foundation
import Synchronization

/// The two fields of a token's JOSE header the validator reads before choosing a key.
struct JOSEHeader: Decodable, Sendable {
    let alg: String?
    let kid: String?

    /// Decoded headers by their base64url text. A channel signs every token with one of a few keys, so a
    /// handful of distinct headers arrive again and again; decoding each once saves a base64 pass and a
    /// JSON parse per request. The signature, which covers the header, is still verified every time.
    final class Cache: Sendable {
        private static let capacity = 32
        private let entries = Mutex<[String: JOSEHeader]>([:])

        /// The header of a compact JWS (three base64url parts separated by dots), if it is one.
        func header(of token: Substring) -> JOSEHeader? {
            let bytes = token.utf8
            guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), let second = bytes[bytes.index(after: dot)...].firstIndex(of: UInt8(ascii: ".")),
                !bytes[bytes.index(after: second)...].contains(UInt8(ascii: "."))
            else { return nil }
            let text = String(token[..<dot])
            if let known = entries.withLock({ $0[text] }) { return known }
            guard let data = Base64URL.decode(text.utf8), let header = try? JSONDecoder().decode(JOSEHeader.self, from: data) else { return nil }
            entries.withLock { entries in
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                entries[text] = header
            }
            return header
        }
    }
}

/// base64url without padding (RFC 7515 §2).
enum Base64URL {
    static func decode(_ text: String.UTF8View) -> Data? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            default: return nil
            }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return bits >= 6 ? nil : Data(output)
    }
}
