/// One walk of an instance against compiled nodes. In collecting mode it records every violation;
/// otherwise it stops at the first one (used for `anyOf`, `oneOf`, `not` and `if`).
struct SchemaEvaluation {
    let nodes: [SchemaNode]
    let collecting: Bool
    var path: [String] = []
    var violations: [SchemaViolation] = []

    init(nodes: [SchemaNode], collecting: Bool, path: [String] = []) {
        self.nodes = nodes
        self.collecting = collecting
        self.path = path
    }

    /// Evaluates node `index` against `value`; returns whether it held.
    mutating func evaluate(_ index: Int, _ value: JSONValue) -> Bool {
        let node = nodes[index]
        if let ref = node.ref { return evaluate(ref, value) }
        if node.alwaysValid { return true }
        if node.alwaysInvalid { return fail(.falseSchema, "no value is allowed here") }
        var valid = true
        if let types = node.types, !types.admits(value) {
            let expected = types.names.joined(separator: " or ")
            if !fail(.type, "\(value.excerpt) is \(article(value.typeName)); expected \(expected)") { return false }
            valid = false
        }
        if let allowed = node.enumValues, !allowed.contains(value) {
            let list = allowed.prefix(8).map(\.excerpt).joined(separator: ", ") + (allowed.count > 8 ? ", …" : "")
            if !fail(.enum, "\(value.excerpt) is not one of the allowed values: \(list)") { return false }
            valid = false
        }
        if let expected = node.constValue, expected != value {
            if !fail(.const, "\(value.excerpt) must be \(expected.excerpt)") { return false }
            valid = false
        }
        switch value {
        case .string(let string): valid = checkString(node, string) && valid
        case .number(let number): valid = checkNumber(node, number) && valid
        case .array(let items): valid = checkArray(node, items) && valid
        case .object(let object): valid = checkObject(node, object) && valid
        default: break
        }
        if !collecting && !valid { return false }
        return checkCombinators(node, value) && valid
    }

    // MARK: - Failure recording

    /// Records a violation at the current path; returns `false` when evaluation should stop.
    private mutating func fail(
        _ keyword: SchemaKeyword, _ message: String, member: String? = nil, details: [String] = [], hint: String? = nil
    ) -> Bool {
        guard collecting else { return false }
        violations.append(
            SchemaViolation(pointer: JSONPointer(tokens: path), member: member, keyword: keyword, message: message, details: details, hint: hint))
        return true
    }

    private func article(_ typeName: String) -> String {
        typeName == "array" || typeName == "object" ? "an \(typeName)" : "a \(typeName)"
    }

    // MARK: - Strings and numbers

    private mutating func checkString(_ node: SchemaNode, _ string: String) -> Bool {
        var valid = true
        if node.minLength != nil || node.maxLength != nil {
            let length = string.unicodeScalars.count
            if let limit = node.maxLength, length > limit {
                if !fail(.maxLength, "\(JSONValue.string(string).excerpt) is \(length) characters long; the maximum is \(limit)") { return false }
                valid = false
            }
            if let limit = node.minLength, length < limit {
                if !fail(.minLength, "\(JSONValue.string(string).excerpt) is \(length) characters long; the minimum is \(limit)") { return false }
                valid = false
            }
        }
        if let pattern = node.pattern, !pattern.matches(string) {
            let meaning = pattern.meaning
            let message =
                meaning.map { "\(JSONValue.string(string).excerpt) \($0.requirement)" }
                ?? "\(JSONValue.string(string).excerpt) does not match the pattern \(pattern.source)"
            if !fail(.pattern, message, hint: meaning?.hint) { return false }
            valid = false
        }
        if let format = node.format, !SchemaFormat.check(format, string) {
            if !fail(.format, "\(JSONValue.string(string).excerpt) is not a valid \(format)") { return false }
            valid = false
        }
        return valid
    }

    private mutating func checkNumber(_ node: SchemaNode, _ number: Double) -> Bool {
        var valid = true
        let shown = JSONValue.format(number)
        if let limit = node.minimum, number < limit {
            if !fail(.minimum, "\(shown) is less than the minimum of \(JSONValue.format(limit))") { return false }
            valid = false
        }
        if let limit = node.maximum, number > limit {
            if !fail(.maximum, "\(shown) is greater than the maximum of \(JSONValue.format(limit))") { return false }
            valid = false
        }
        if let limit = node.exclusiveMinimum, number <= limit {
            if !fail(.exclusiveMinimum, "\(shown) must be greater than \(JSONValue.format(limit))") { return false }
            valid = false
        }
        if let limit = node.exclusiveMaximum, number >= limit {
            if !fail(.exclusiveMaximum, "\(shown) must be less than \(JSONValue.format(limit))") { return false }
            valid = false
        }
        if let divisor = node.multipleOf, divisor > 0 {
            let quotient = number / divisor
            if quotient.rounded() != quotient {
                if !fail(.multipleOf, "\(shown) is not a multiple of \(JSONValue.format(divisor))") { return false }
                valid = false
            }
        }
        return valid
    }
}
