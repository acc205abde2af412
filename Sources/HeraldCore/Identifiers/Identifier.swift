/// A string identifier with a type of its own, so a tenant id cannot be passed where a user's Entra
/// object id is wanted. Encodes as the bare string, as the wire and the store carry it.
public protocol Identifier: RawRepresentable, Codable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
where RawValue == String {
    /// The identifier as written.
    var rawValue: String { get }
    /// An identifier from its text (kept as written).
    /// - Parameter rawValue: the text.
    init(rawValue: String)
}

extension Identifier {
    /// An identifier from its text.
    /// - Parameter value: the text.
    public init(_ value: String) { self.init(rawValue: value) }

    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
