public import Foundation

/// A parsed JSON file: its value, its text, and where each value stands in the text.
public struct JSONDocument: Sendable {
    /// The root value.
    public var root: JSONValue
    /// The decoded text it was parsed from.
    public let text: SourceText
    private let locations: JSONLocationIndex

    init(root: JSONValue, text: SourceText, locations: JSONLocationIndex) {
        self.root = root
        self.text = text
        self.locations = locations
    }

    /// Parses a file's bytes in any encoding ``SourceText`` accepts.
    /// - Parameter data: the raw bytes.
    /// - Throws: ``JSONSyntaxError``.
    public init(data: Data) throws(JSONSyntaxError) {
        self = try JSONParser.parse(try SourceText(data: data))
    }

    /// The line and column where the value at `pointer` starts, or where its nearest recorded
    /// ancestor starts (a missing member is reported at its object).
    /// - Parameter pointer: a pointer into ``root``.
    public func position(of pointer: JSONPointer) -> SourcePosition? {
        locations.offset(of: pointer, in: text.utf8).map(text.position(ofOffset:))
    }
}
