public import Foundation
public import ManifestKit

/// An Adaptive Card template, as Teams developers write them for the official templating SDKs: JSON whose strings
/// hold `${…}` bindings, objects that repeat over an array with `$data` or drop out with `$when`. Rendering is
/// strict where the SDKs are lenient: a binding to a field the data lacks, or a function the engine does not
/// know, is an error with its line and column, never a card with `${…}` left in it.
public struct CardTemplate: Sendable {
    /// The template as parsed, with positions.
    public let document: JSONDocument
    /// Each string of the template that holds a binding, split and parsed once (a wave renders it per person).
    private let compiled: [String: [Piece]]

    /// Parses a template file.
    /// - Parameter data: the file's bytes.
    /// - Throws: ``CardTemplateError`` for JSON that does not parse, or an expression that does not.
    public init(data: Data) throws(CardTemplateError) {
        let document: JSONDocument
        do {
            document = try JSONDocument(data: data)
        } catch {
            throw CardTemplateError(line: error.line, column: error.column, pointer: "", message: error.message)
        }
        var compiled: [String: [Piece]] = [:]
        try Self.compile(document.root, at: .root, in: document, into: &compiled)
        self.document = document
        self.compiled = compiled
    }

    /// The card for `data`.
    /// - Parameter data: the binding data (`$root`).
    /// - Returns: the rendered card.
    /// - Throws: ``CardTemplateError``: a missing field, an unsupported function, a value of the wrong type.
    public func render(_ data: JSONValue) throws(CardTemplateError) -> JSONValue {
        let rendered = try render(document.root, at: .root, in: TemplateScope(root: data))
        guard rendered.count == 1 else {
            throw error(at: .root, offset: nil, "the card's root must render to one object (its $when or $data left \(rendered.count))")
        }
        return rendered[0]
    }

    /// `value` rendered: none (`$when` false, `$data` over an empty array), one, or one per element of `$data`.
    private func render(_ value: JSONValue, at pointer: JSONPointer, in scope: TemplateScope) throws(CardTemplateError) -> [JSONValue] {
        switch value {
        case .string(let text):
            return [try interpolate(text, at: pointer, in: scope)]
        case .array(let elements):
            var result: [JSONValue] = []
            for (index, element) in elements.enumerated() { result += try render(element, at: pointer.appending(index), in: scope) }
            return [.array(result)]
        case .object(let object):
            var scope = scope
            if let binding = object["$data"] {
                let data = try render(binding, at: pointer.appending("$data"), in: scope).first ?? .null
                if case .array(let items) = data {
                    var copies: [JSONValue] = []
                    for (index, item) in items.enumerated() {
                        copies += try renderMembers(
                            object, at: pointer, in: TemplateScope(root: scope.root, data: item, index: index))
                    }
                    return copies
                }
                scope = TemplateScope(root: scope.root, data: data, index: scope.index)
            }
            return try renderMembers(object, at: pointer, in: scope)
        default:
            return [value]
        }
    }

    private func renderMembers(_ object: JSONObject, at pointer: JSONPointer, in scope: TemplateScope) throws(CardTemplateError) -> [JSONValue] {
        if let condition = object["$when"] {
            let value = try render(condition, at: pointer.appending("$when"), in: scope).first ?? .null
            if !value.truthy { return [] }
        }
        var result = JSONObject()
        for (key, member) in object.members where key != "$data" && key != "$when" {
            let rendered = try render(member, at: pointer.appending(key), in: scope)
            if let first = rendered.first { result[key] = rendered.count == 1 ? first : .array(rendered) }
        }
        return [.object(result)]
    }

    /// A string with `${…}`: the expression's own value when the string is exactly one binding, else text.
    private func interpolate(_ text: String, at pointer: JSONPointer, in scope: TemplateScope) throws(CardTemplateError) -> JSONValue {
        guard let pieces = compiled[text] else { return .string(text) }
        if pieces.count == 1, case .binding(let expression, let source, let offset) = pieces[0] {
            return try evaluate(expression, source, at: pointer, offset: offset, in: scope)
        }
        var result = ""
        for piece in pieces {
            switch piece {
            case .text(let literal): result += literal
            case .binding(let expression, let source, let offset):
                result += try evaluate(expression, source, at: pointer, offset: offset, in: scope).text
            }
        }
        return .string(result)
    }

    private func evaluate(
        _ expression: TemplateExpression, _ source: String, at pointer: JSONPointer, offset: Int, in scope: TemplateScope
    ) throws(CardTemplateError) -> JSONValue {
        do {
            return try expression.evaluate(in: scope)
        } catch {
            throw self.error(at: pointer, offset: offset - 2, "\(error) in ${\(source)}")
        }
    }

    /// Splits and parses every string that holds a binding, and checks the functions it calls, without data.
    private static func compile(
        _ value: JSONValue, at pointer: JSONPointer, in document: JSONDocument, into compiled: inout [String: [Piece]]
    ) throws(CardTemplateError) {
        switch value {
        case .string(let text):
            let parts = split(text)
            guard compiled[text] == nil, parts.contains(where: { if case .binding = $0 { true } else { false } }) else { return }
            var pieces: [Piece] = []
            for part in parts {
                switch part {
                case .text(let literal): pieces.append(.text(literal))
                case .binding(let source, let offset):
                    do {
                        let expression = try TemplateExpression.parse(source)
                        try checkFunctions(expression)
                        pieces.append(.binding(expression, source, offset))
                    } catch let failure as TemplateSyntaxError {
                        throw error(at: pointer, offset: offset + failure.offset, "\(failure.message) in ${\(source)}", in: document)
                    } catch {
                        throw self.error(at: pointer, offset: offset - 2, "\(error) in ${\(source)}", in: document)
                    }
                }
            }
            compiled[text] = pieces
        case .array(let elements):
            for (index, element) in elements.enumerated() { try compile(element, at: pointer.appending(index), in: document, into: &compiled) }
        case .object(let object):
            for (key, member) in object.members { try compile(member, at: pointer.appending(key), in: document, into: &compiled) }
        default:
            break
        }
    }

    private static func checkFunctions(_ expression: TemplateExpression) throws(TemplateEvaluationError) {
        switch expression {
        case .literal: break
        case .path(_, let steps):
            for case .index(let inner) in steps { try checkFunctions(inner) }
        case .call(let name, let arguments):
            guard TemplateFunctions.supported.contains(name) else { throw .unsupportedFunction(name) }
            for argument in arguments { try checkFunctions(argument) }
        case .unary(_, let operand): try checkFunctions(operand)
        case .binary(_, let left, let right):
            try checkFunctions(left)
            try checkFunctions(right)
        }
    }

    /// A piece of a string that holds a binding: text, or a parsed expression with its source and offset.
    private enum Piece: Sendable {
        case text(String)
        case binding(TemplateExpression, String, Int)
    }

    private enum Part {
        case text(String)
        /// The expression and its character offset in the string.
        case binding(String, Int)
    }

    /// Splits a string into text and `${…}` bindings (braces and quotes inside a binding are matched).
    private static func split(_ text: String) -> [Part] {
        let characters = Array(text)
        var parts: [Part] = []
        var literal = ""
        var index = 0
        while index < characters.count {
            if characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "{" {
                var depth = 1
                var cursor = index + 2
                var quote: Character?
                while cursor < characters.count, depth > 0 {
                    let character = characters[cursor]
                    if let open = quote {
                        if character == open { quote = nil }
                    } else if character == "'" || character == "\"" {
                        quote = character
                    } else if character == "{" {
                        depth += 1
                    } else if character == "}" {
                        depth -= 1
                    }
                    cursor += 1
                }
                if depth == 0 {
                    if !literal.isEmpty { parts.append(.text(literal)) }
                    literal = ""
                    parts.append(.binding(String(characters[(index + 2)..<(cursor - 1)]), index + 2))
                    index = cursor
                    continue
                }
            }
            literal.append(characters[index])
            index += 1
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.text(literal)) }
        return parts
    }

    private func error(at pointer: JSONPointer, offset: Int?, _ message: String) -> CardTemplateError {
        Self.error(at: pointer, offset: offset, message, in: document)
    }

    private static func error(at pointer: JSONPointer, offset: Int?, _ message: String, in document: JSONDocument) -> CardTemplateError {
        let position = document.position(of: pointer)
        // A string starts at its opening quote; an offset counts characters after it (a binding's `$` for what it
        // means, the character itself for a syntax error).
        let column = (position?.column ?? 1) + (offset.map { $0 + 1 } ?? 0)
        return CardTemplateError(line: position?.line ?? 1, column: column, pointer: pointer.description, message: message)
    }
}

/// What is wrong with a card template, and where.
public struct CardTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line.
    public let line: Int
    /// The 1-based column.
    public let column: Int
    /// The JSON pointer of the value.
    public let pointer: String
    /// What is wrong.
    public let message: String

    public var description: String { "line \(line), column \(column)\(pointer.isEmpty ? "" : " (\(pointer))"): \(message)" }
}
