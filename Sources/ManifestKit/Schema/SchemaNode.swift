/// One compiled subschema. Children are indices into ``JSONSchema``'s node table, so `$ref`
/// cycles need no reference types.
struct SchemaNode: Sendable {
    enum Items: Sendable { case all(Int), tuple([Int]) }
    enum Additional: Sendable { case allowed, forbidden, schema(Int) }
    enum Dependency: Sendable { case properties([String]), schema(Int) }

    var alwaysValid = false
    var alwaysInvalid = false
    var ref: Int?
    var types: SchemaTypes?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format: String?
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var multipleOf: Double?
    var items: Items?
    var additionalItems: Additional = .allowed
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var properties: [String: Int] = [:]
    var patternProperties: [(SchemaPattern, Int)] = []
    var additionalProperties: Additional = .allowed
    var required: [String] = []
    var minProperties: Int?
    var maxProperties: Int?
    var dependencies: [(String, Dependency)] = []
    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var not: Int?
    var ifSchema: Int?
    var thenSchema: Int?
    var elseSchema: Int?

    var hasObjectKeywords: Bool {
        !properties.isEmpty || !patternProperties.isEmpty || !required.isEmpty || minProperties != nil
            || maxProperties != nil || !dependencies.isEmpty || { if case .allowed = additionalProperties { return false } else { return true } }()
    }
}

/// The set of JSON types a `type` keyword allows.
struct SchemaTypes: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = SchemaTypes(rawValue: 1)
    static let boolean = SchemaTypes(rawValue: 2)
    static let object = SchemaTypes(rawValue: 4)
    static let array = SchemaTypes(rawValue: 8)
    static let number = SchemaTypes(rawValue: 16)
    static let integer = SchemaTypes(rawValue: 32)
    static let string = SchemaTypes(rawValue: 64)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "object": self = .object
        case "array": self = .array
        case "number": self = .number
        case "integer": self = .integer
        case "string": self = .string
        default: return nil
        }
    }

    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .object: return contains(.object)
        case .array: return contains(.array)
        case .string: return contains(.string)
        case .number(let number): return contains(.number) || (contains(.integer) && number.rounded() == number)
        }
    }

    var names: [String] {
        [
            (SchemaTypes.object, "object"), (.array, "array"), (.string, "string"), (.number, "number"),
            (.integer, "integer"), (.boolean, "boolean"), (.null, "null"),
        ]
        .filter { contains($0.0) }.map(\.1)
    }
}
