import Foundation
public import ManifestKit

/// Where an expression is evaluated: the whole data (`$root`), the current `$data` and, inside a repeated
/// element, its `$index`.
public struct TemplateScope: Sendable {
    /// `$root`.
    public let root: JSONValue
    /// `$data`: what unqualified names are looked up in.
    public let data: JSONValue
    /// `$index`, inside an element repeated over an array.
    public let index: Int?

    /// A scope.
    /// - Parameters:
    ///   - root: the whole data.
    ///   - data: the current data.
    ///   - index: the index in the array being repeated over.
    public init(root: JSONValue, data: JSONValue? = nil, index: Int? = nil) {
        self.root = root
        self.data = data ?? root
        self.index = index
    }
}

/// Why an expression could not be evaluated.
public enum TemplateEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A name the data does not have (official templating would leave `${…}` in the card: Herald refuses).
    case missingField(String)
    /// A function the engine does not implement.
    case unsupportedFunction(String)
    /// A function called with arguments it cannot take.
    case badArguments(function: String, String)
    /// An operator applied to values it cannot take.
    case badOperands(String)

    public var description: String {
        switch self {
        case .missingField(let path): "the data has no field \"\(path)\""
        case .unsupportedFunction(let name): "the function \(name)() is not supported by Herald's template engine"
        case .badArguments(let function, let detail): "\(function)(): \(detail)"
        case .badOperands(let detail): detail
        }
    }
}

extension TemplateExpression {
    /// The expression's value in `scope`.
    /// - Parameter scope: the data.
    /// - Throws: ``TemplateEvaluationError``.
    public func evaluate(in scope: TemplateScope) throws(TemplateEvaluationError) -> JSONValue {
        switch self {
        case .literal(let value):
            return value
        case .path(let name, let steps):
            var value: JSONValue
            var described = name
            switch name {
            case "$root": value = scope.root
            case "$data": value = scope.data
            case "$index":
                guard let index = scope.index else { throw .missingField("$index") }
                value = .number(Double(index))
            default:
                guard let member = scope.data[name] else { throw .missingField(name) }
                value = member
            }
            for step in steps {
                switch step {
                case .member(let member):
                    described += "." + member
                    guard let next = value[member] else { throw .missingField(described) }
                    value = next
                case .index(let expression):
                    let key = try expression.evaluate(in: scope)
                    if case .number(let number) = key, number.isFinite, abs(number) < 1e9, let array = value.arrayValue, Int(number) >= 0,
                        Int(number) < array.count
                    {
                        described += "[\(Int(number))]"
                        value = array[Int(number)]
                    } else if case .string(let member) = key, let next = value[member] {
                        described += "['\(member)']"
                        value = next
                    } else {
                        throw .missingField(described + "[…]")
                    }
                }
            }
            return value
        case .call(let name, let arguments):
            return try TemplateFunctions.call(name, arguments, in: scope)
        case .unary(let symbol, let operand):
            let value = try operand.evaluate(in: scope)
            if symbol == "!" { return .bool(!value.truthy) }
            guard case .number(let number) = value else { throw .badOperands("- needs a number") }
            return .number(-number)
        case .binary(let symbol, let left, let right):
            switch symbol {
            case "&&":
                guard try left.evaluate(in: scope).truthy else { return .bool(false) }
                return .bool(try right.evaluate(in: scope).truthy)
            case "||":
                if try left.evaluate(in: scope).truthy { return .bool(true) }
                return .bool(try right.evaluate(in: scope).truthy)
            default: return try Self.apply(symbol, try left.evaluate(in: scope), try right.evaluate(in: scope))
            }
        }
    }

    private static func apply(_ symbol: String, _ left: JSONValue, _ right: JSONValue) throws(TemplateEvaluationError) -> JSONValue {
        switch symbol {
        case "==": return .bool(left == right)
        case "!=": return .bool(left != right)
        default: break
        }
        if symbol == "+", case .string = left { return .string(left.text + right.text) }
        if symbol == "+", case .string = right { return .string(left.text + right.text) }
        if case .string(let a) = left, case .string(let b) = right {
            switch symbol {
            case "<": return .bool(a < b)
            case "<=": return .bool(a <= b)
            case ">": return .bool(a > b)
            case ">=": return .bool(a >= b)
            default: break
            }
        }
        guard case .number(let a) = left, case .number(let b) = right else {
            throw .badOperands("\(symbol) needs two numbers (or two strings), not \(left.typeName) and \(right.typeName)")
        }
        switch symbol {
        case "+": return .number(a + b)
        case "-": return .number(a - b)
        case "*": return .number(a * b)
        case "/":
            guard b != 0 else { throw .badOperands("division by zero") }
            return .number(a / b)
        case "%":
            guard b != 0 else { throw .badOperands("division by zero") }
            return .number(a.truncatingRemainder(dividingBy: b))
        case "<": return .bool(a < b)
        case "<=": return .bool(a <= b)
        case ">": return .bool(a > b)
        default: return .bool(a >= b)
        }
    }
}

extension JSONValue {
    /// Truth as Adaptive Expressions sees it: false, null, missing and 0 are false; everything else true.
    var truthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let value): value != 0
        default: true
        }
    }

    /// The value as text in a string: strings as they are, whole numbers without a fraction, null as nothing,
    /// objects and arrays as JSON.
    var text: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .number(let value):
            value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): value
        case .array, .object: serialized
        }
    }
}
