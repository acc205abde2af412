import Foundation

/// An RFC 6901 JSON Pointer, such as `/bots/0/botId` (the empty pointer is the whole document).
public struct JSONPointer: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unescaped reference tokens.
    public let tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// A pointer made of the given reference tokens.
    /// - Parameter tokens: unescaped tokens, array indices in decimal.
    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the string form (`/a/b~1c`).
    /// - Parameter string: `""` or a string starting with `/`.
    public init?(_ string: String) {
        if string.isEmpty {
            self.tokens = []
            return
        }
        guard string.hasPrefix("/") else { return nil }
        self.tokens = string.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// This pointer extended by one member name.
    public func appending(_ key: String) -> JSONPointer { JSONPointer(tokens: tokens + [key]) }
    /// This pointer extended by one array index.
    public func appending(_ index: Int) -> JSONPointer { JSONPointer(tokens: tokens + [String(index)]) }

    /// The string form, escaped as RFC 6901 requires.
    public var description: String {
        tokens.reduce(into: "") { result, token in
            result.append("/")
            result.append(Self.escape(token))
        }
    }

    /// Escapes one token (`~` → `~0`, `/` → `~1`).
    public static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The value this pointer designates inside `value`, if it exists.
    public func resolve(in value: JSONValue) -> JSONValue? {
        var current = value
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.description < rhs.description
    }
}
