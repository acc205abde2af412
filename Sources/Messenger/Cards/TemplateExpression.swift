public import ManifestKit

/// One `${…}` expression of an Adaptive Card template, parsed: the subset of Adaptive Expressions that card
/// templates use (property paths from `$root`, `$data` and `$index`, literals, the usual operators, function calls).
public indirect enum TemplateExpression: Sendable, Equatable {
    /// A string, number, boolean or null.
    case literal(JSONValue)
    /// A property path: its first name (`name`, `$root`, `$data`, `$index`), then members and indexes.
    case path(String, [PathStep])
    /// A function call.
    case call(String, [TemplateExpression])
    /// `!x`, `-x`.
    case unary(String, TemplateExpression)
    /// `a == b`, `a && b`, `a + b`, …
    case binary(String, TemplateExpression, TemplateExpression)

    /// One step of a property path.
    public enum PathStep: Sendable, Equatable {
        /// `.name`
        case member(String)
        /// `[expression]`
        case index(TemplateExpression)
    }

    /// Parses the text between `${` and `}`.
    /// - Parameter text: the expression.
    /// - Throws: ``TemplateSyntaxError`` with the offset (in characters) where it went wrong.
    public static func parse(_ text: String) throws(TemplateSyntaxError) -> TemplateExpression {
        var parser = TemplateExpressionParser(text)
        let expression = try parser.expression()
        try parser.expectEnd()
        return expression
    }
}

/// What is wrong in an expression, and where (a character offset into it).
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    /// What is wrong.
    public let message: String
    /// The character offset in the expression.
    public let offset: Int
}

/// A recursive-descent parser, lowest precedence first: `||`, `&&`, equality, comparison, `+ -`, `* / %`,
/// unary `! -`, then paths, calls, literals and parentheses.
struct TemplateExpressionParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) { characters = Array(text) }

    mutating func expectEnd() throws(TemplateSyntaxError) {
        skipSpace()
        guard position == characters.count else { throw error("unexpected \"\(characters[position])\"") }
    }

    mutating func expression() throws(TemplateSyntaxError) -> TemplateExpression { try binary(level: 0) }

    private static let levels: [[String]] = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]]

    private mutating func binary(level: Int) throws(TemplateSyntaxError) -> TemplateExpression {
        guard level < Self.levels.count else { return try unary() }
        var left = try binary(level: level + 1)
        while true {
            skipSpace()
            guard let symbol = Self.levels[level].first(where: { take($0) }) else { return left }
            left = .binary(symbol, left, try binary(level: level + 1))
        }
    }

    private mutating func unary() throws(TemplateSyntaxError) -> TemplateExpression {
        skipSpace()
        if peek == "!", peek(1) != "=" {
            position += 1
            return .unary("!", try unary())
        }
        if peek == "-", !(peek(1)?.isNumber ?? false) {
            position += 1
            return .unary("-", try unary())
        }
        return try postfix()
    }

    private mutating func postfix() throws(TemplateSyntaxError) -> TemplateExpression {
        skipSpace()
        guard let first = peek else { throw error("the expression ends too early") }
        if first == "(" {
            position += 1
            let inner = try expression()
            try expect(")")
            return inner
        }
        if first == "'" || first == "\"" { return .literal(.string(try string(quote: first))) }
        if first.isNumber || (first == "-" && (peek(1)?.isNumber ?? false)) { return .literal(.number(try number())) }
        guard first.isLetter || first == "$" || first == "_" else { throw error("unexpected \"\(first)\"") }
        let name = identifier()
        switch name {
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        case "null": return .literal(.null)
        default: break
        }
        skipSpace()
        if peek == "(" {
            position += 1
            var arguments: [TemplateExpression] = []
            skipSpace()
            if peek == ")" {
                position += 1
            } else {
                while true {
                    arguments.append(try expression())
                    skipSpace()
                    if take(",") { continue }
                    try expect(")")
                    break
                }
            }
            return .call(name, arguments)
        }
        var steps: [TemplateExpression.PathStep] = []
        while true {
            if peek == "." {
                position += 1
                guard let next = peek, next.isLetter || next == "_" || next == "$" else { throw error("a name must follow \".\"") }
                steps.append(.member(identifier()))
            } else if peek == "[" {
                position += 1
                steps.append(.index(try expression()))
                try expect("]")
            } else {
                return .path(name, steps)
            }
        }
    }

    private mutating func identifier() -> String {
        let start = position
        while let character = peek, character.isLetter || character.isNumber || character == "_" || character == "$" { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func number() throws(TemplateSyntaxError) -> Double {
        let start = position
        if peek == "-" { position += 1 }
        while let character = peek, character.isNumber || character == "." { position += 1 }
        guard let value = Double(String(characters[start..<position])) else { throw error("not a number") }
        return value
    }

    private mutating func string(quote: Character) throws(TemplateSyntaxError) -> String {
        let start = position
        position += 1
        var value = ""
        while let character = peek {
            position += 1
            if character == quote { return value }
            if character == "\\", let escaped = peek {
                position += 1
                value.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
            } else {
                value.append(character)
            }
        }
        throw TemplateSyntaxError(message: "a string is not closed", offset: start)
    }

    private var peek: Character? { position < characters.count ? characters[position] : nil }
    private func peek(_ ahead: Int) -> Character? { position + ahead < characters.count ? characters[position + ahead] : nil }

    private mutating func skipSpace() {
        while let character = peek, character.isWhitespace { position += 1 }
    }

    private mutating func take(_ symbol: String) -> Bool {
        let symbolCharacters = Array(symbol)
        guard position + symbolCharacters.count <= characters.count,
            Array(characters[position..<position + symbolCharacters.count]) == symbolCharacters
        else { return false }
        position += symbolCharacters.count
        return true
    }

    private mutating func expect(_ symbol: String) throws(TemplateSyntaxError) {
        skipSpace()
        guard take(symbol) else { throw error(peek.map { "expected \"\(symbol)\", found \"\($0)\"" } ?? "expected \"\(symbol)\" before the end") }
    }

    private func error(_ message: String) -> TemplateSyntaxError { TemplateSyntaxError(message: message, offset: position) }
}
