public import Foundation

/// A `.env`-style file as Teams Toolkit writes them (`env/.env.dev`): `KEY=value` lines.
///
/// Blank lines and lines starting with `#` are ignored, an optional `export ` prefix is allowed,
/// values may be wrapped in single or double quotes (double quotes understand `\n`, `\t`, `\"` and `\\`),
/// and an unquoted value ends at ` #` (an inline comment).
public struct EnvFile: Sendable, Equatable {
    /// The variables by name (a dictionary: the file's order is not kept); a key set twice keeps its last value.
    public private(set) var values: [String: String]

    /// An error in an env file, with the line it was found on.
    public struct SyntaxError: HeraldError, Equatable {
        /// The 1-based line number.
        public let line: Int
        /// What is wrong on that line.
        public let reason: String

        /// An error on `line`.
        /// - Parameters:
        ///   - line: the 1-based line number.
        ///   - reason: what is wrong there.
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }

        public var code: String { "EnvFileSyntax" }
        public var message: String { "line \(line): \(reason)" }
        public var hint: String? { "write each variable as KEY=value" }
    }

    /// Parses the text of an env file.
    /// - Parameter text: the file's contents.
    /// - Throws: ``SyntaxError`` naming the first line that is not a variable, a comment or blank.
    public init(parsing text: String) throws(SyntaxError) {
        var values: [String: String] = [:]
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            var body = trimmed
            if body.hasPrefix("export ") { body = body.dropFirst("export ".count) }
            guard let equals = body.firstIndex(of: "=") else {
                throw SyntaxError(line: lineNumber, reason: "no '=' in \"\(trimmed.prefix(40))\"")
            }
            let key = body[..<equals].trimmingCharacters(in: .whitespaces)
            guard Self.isValidKey(key) else {
                throw SyntaxError(line: lineNumber, reason: "\"\(key)\" is not a variable name")
            }
            values[key] = try Self.parseValue(body[body.index(after: equals)...], line: lineNumber)
        }
        self.values = values
    }

    /// Reads and parses an env file.
    /// - Parameter url: the file to read.
    /// - Throws: the read error, or ``SyntaxError``.
    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        try self.init(parsing: text)
    }

    /// The value of `key`, if the file sets it.
    public subscript(key: String) -> String? { values[key] }

    private static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "." || $0 == "-" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }

    private static func parseValue(_ raw: Substring, line: Int) throws(SyntaxError) -> String {
        let value = raw.drop(while: { $0 == " " || $0 == "\t" })
        guard let quote = value.first, quote == "\"" || quote == "'" else {
            var plain = value
            if let comment = plain.range(of: " #") { plain = plain[..<comment.lowerBound] }
            return plain.trimmingCharacters(in: .whitespaces)
        }
        var result = ""
        var index = value.index(after: value.startIndex)
        while index < value.endIndex {
            let character = value[index]
            if character == quote { return result }
            if quote == "\"" && character == "\\" {
                let next = value.index(after: index)
                guard next < value.endIndex else { break }
                switch value[next] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(value[next])
                }
                index = value.index(after: next)
                continue
            }
            result.append(character)
            index = value.index(after: index)
        }
        throw SyntaxError(line: line, reason: "the quoted value is not closed")
    }
}
