/// Why a file is not JSON, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of the problem, so callers can name trailing commas and encodings apart.
    public enum Kind: String, Sendable, Equatable {
        case encoding
        case trailingComma
        case unexpectedCharacter
        case unexpectedEnd
        case invalidString
        case invalidNumber
        case tooDeep
    }

    /// The class of problem.
    public let kind: Kind
    /// What is wrong, for a person.
    public let message: String
    /// The byte offset in the decoded UTF-8 text.
    public let offset: Int
    /// The 1-based line, once known.
    public var line: Int
    /// The 1-based column, once known.
    public var column: Int
    /// What to do about it.
    public let hint: String?

    /// A syntax error.
    /// - Parameters:
    ///   - kind: the class of problem.
    ///   - message: what is wrong.
    ///   - offset: the byte offset in the decoded text.
    ///   - line: the 1-based line, if known.
    ///   - column: the 1-based column, if known.
    ///   - hint: what to do about it.
    public init(kind: Kind, message: String, offset: Int, line: Int = 1, column: Int = 1, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.hint = hint
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
