import Foundation
import ManifestKit

/// The Adaptive Expressions functions card templates commonly use. A name outside this list is reported as
/// unsupported, by name, instead of being rendered wrong.
enum TemplateFunctions {
    /// The functions the engine knows.
    static let supported: Set<String> = [
        "if", "exists", "coalesce", "concat", "formatDateTime", "toUpper", "toLower", "trim", "length", "count", "empty", "not", "and",
        "or", "equals", "string", "int", "float", "join", "first", "last", "substring", "replace", "startsWith", "endsWith", "contains",
        "add", "sub", "mul", "div", "max", "min", "split",
    ]

    static func call(_ name: String, _ arguments: [TemplateExpression], in scope: TemplateScope) throws(TemplateEvaluationError) -> JSONValue {
        guard supported.contains(name) else { throw .unsupportedFunction(name) }
        // The lazy ones: an unused branch may name a field the data lacks.
        switch name {
        case "if":
            guard arguments.count == 3 else { throw .badArguments(function: name, "takes a condition and two values") }
            return try arguments[try arguments[0].evaluate(in: scope).truthy ? 1 : 2].evaluate(in: scope)
        case "exists":
            guard arguments.count == 1 else { throw .badArguments(function: name, "takes one value") }
            do {
                return .bool(try arguments[0].evaluate(in: scope) != .null)
            } catch .missingField {
                return .bool(false)
            }
        case "coalesce":
            for argument in arguments {
                if let value = try? argument.evaluate(in: scope), value != .null { return value }
            }
            return .null
        default:
            var values: [JSONValue] = []
            for argument in arguments { values.append(try argument.evaluate(in: scope)) }
            return try apply(name, values)
        }
    }

    private static func apply(_ name: String, _ values: [JSONValue]) throws(TemplateEvaluationError) -> JSONValue {
        func count(_ allowed: ClosedRange<Int>) throws(TemplateEvaluationError) {
            guard allowed.contains(values.count) else {
                throw .badArguments(
                    function: name,
                    "takes \(allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)" : "\(allowed.lowerBound)–\(allowed.upperBound)") argument(s), not \(values.count)"
                )
            }
        }
        func numbers() throws(TemplateEvaluationError) -> [Double] {
            var result: [Double] = []
            for value in values {
                guard case .number(let number) = value else { throw .badArguments(function: name, "takes numbers, not \(value.typeName)") }
                result.append(number)
            }
            return result
        }
        switch name {
        case "concat":
            if values.allSatisfy({ $0.arrayValue != nil }) { return .array(values.flatMap { $0.arrayValue ?? [] }) }
            return .string(values.map(\.text).joined())
        case "formatDateTime":
            try count(1...2)
            return .string(try formatDateTime(values[0], values.count == 2 ? values[1].text : nil))
        case "toUpper":
            try count(1...1)
            return .string(values[0].text.uppercased())
        case "toLower":
            try count(1...1)
            return .string(values[0].text.lowercased())
        case "trim":
            try count(1...1)
            return .string(values[0].text.trimmingCharacters(in: .whitespacesAndNewlines))
        case "length", "count":
            try count(1...1)
            if let array = values[0].arrayValue { return .number(Double(array.count)) }
            if let object = values[0].objectValue { return .number(Double(object.count)) }
            return .number(Double(values[0].text.count))
        case "empty":
            try count(1...1)
            switch values[0] {
            case .null: return .bool(true)
            case .string(let text): return .bool(text.isEmpty)
            case .array(let array): return .bool(array.isEmpty)
            case .object(let object): return .bool(object.count == 0)
            default: return .bool(false)
            }
        case "not":
            try count(1...1)
            return .bool(!values[0].truthy)
        case "and": return .bool(values.allSatisfy(\.truthy))
        case "or": return .bool(values.contains(where: \.truthy))
        case "equals":
            try count(2...2)
            return .bool(values[0] == values[1])
        case "string":
            try count(1...1)
            return .string(values[0].text)
        case "int", "float":
            try count(1...1)
            let number: Double? =
                switch values[0] {
                case .number(let value): value
                case .string(let text): Double(text.trimmingCharacters(in: .whitespaces))
                case .bool(let value): value ? 1 : 0
                default: nil
                }
            guard let number else { throw .badArguments(function: name, "cannot read a number from \(values[0].typeName)") }
            return .number(name == "int" ? number.rounded(.towardZero) : number)
        case "join":
            try count(2...2)
            guard let array = values[0].arrayValue else { throw .badArguments(function: name, "takes an array first") }
            return .string(array.map(\.text).joined(separator: values[1].text))
        case "first", "last":
            try count(1...1)
            if let array = values[0].arrayValue { return (name == "first" ? array.first : array.last) ?? .null }
            let text = values[0].text
            return (name == "first" ? text.first : text.last).map { .string(String($0)) } ?? .null
        case "substring":
            try count(2...3)
            let text = Array(values[0].text)
            var bounds: [Int] = []
            for value in values.dropFirst() {
                guard case .number(let number) = value, number.isFinite, abs(number) < 1e9 else {
                    throw .badArguments(function: name, "takes a start and a length that are numbers")
                }
                bounds.append(Int(number))
            }
            let start = bounds[0]
            let length = bounds.count > 1 ? bounds[1] : text.count - start
            guard start >= 0, length >= 0, start + length <= text.count else {
                throw .badArguments(function: name, "the range is outside the string")
            }
            return .string(String(text[start..<start + length]))
        case "replace":
            try count(3...3)
            return .string(values[0].text.replacingOccurrences(of: values[1].text, with: values[2].text))
        case "startsWith":
            try count(2...2)
            return .bool(values[0].text.hasPrefix(values[1].text))
        case "endsWith":
            try count(2...2)
            return .bool(values[0].text.hasSuffix(values[1].text))
        case "contains":
            try count(2...2)
            if let array = values[0].arrayValue { return .bool(array.contains(values[1])) }
            if let object = values[0].objectValue { return .bool(object[values[1].text] != nil) }
            return .bool(values[0].text.contains(values[1].text))
        case "split":
            try count(2...2)
            return .array(values[0].text.components(separatedBy: values[1].text).map { .string($0) })
        case "add", "sub", "mul", "div", "max", "min":
            let operands = try numbers()
            guard let first = operands.first, operands.count >= (name == "max" || name == "min" ? 1 : 2) else {
                throw .badArguments(function: name, "takes at least two numbers")
            }
            switch name {
            case "add": return .number(operands.reduce(0, +))
            case "sub": return .number(operands.dropFirst().reduce(first, -))
            case "mul": return .number(operands.reduce(1, *))
            case "div":
                guard !operands.dropFirst().contains(0) else { throw .badArguments(function: name, "division by zero") }
                return .number(operands.dropFirst().reduce(first, /))
            case "max": return .number(operands.max() ?? first)
            default: return .number(operands.min() ?? first)
            }
        default:
            throw .unsupportedFunction(name)
        }
    }

    /// `formatDateTime(timestamp, format)`: an ISO 8601 timestamp in a .NET-style custom format (`yyyy-MM-dd`,
    /// `dddd d MMMM`, `HH:mm`, `tt`), in UTC.
    static func formatDateTime(_ value: JSONValue, _ format: String?) throws(TemplateEvaluationError) -> String {
        let text = value.text
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = parser.date(from: text) ?? plain.date(from: text) else {
            throw .badArguments(function: "formatDateTime", "\"\(text)\" is not an ISO 8601 timestamp")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat =
            (format ?? "yyyy-MM-ddTHH:mm:ss.fffZ")
            .replacingOccurrences(of: "dddd", with: "EEEE").replacingOccurrences(of: "ddd", with: "EEE")
            .replacingOccurrences(of: "tt", with: "a").replacingOccurrences(of: "fff", with: "SSS").replacingOccurrences(of: "T", with: "'T'")
        return formatter.string(from: date)
    }
}
