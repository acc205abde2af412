/// The JSON Schema keywords whose failures the engine reports.
public enum SchemaKeyword: String, Sendable, Equatable, Hashable, CaseIterable {
    case type, required, additionalProperties, patternProperties, additionalItems
    case `enum`, const, pattern, format
    case minLength, maxLength, minItems, maxItems, uniqueItems
    case minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf
    case minProperties, maxProperties, dependencies
    case anyOf, oneOf, allOf, not, then, `else`
    case falseSchema = "false"

    /// The code the Teams service uses for a failure of this keyword (`SchemaError_MaximumLength`…).
    public var teamsCode: String {
        let name: String
        switch self {
        case .minLength: name = "MinimumLength"
        case .maxLength: name = "MaximumLength"
        case .minItems: name = "MinimumItems"
        case .maxItems: name = "MaximumItems"
        case .minProperties: name = "MinimumProperties"
        case .maxProperties: name = "MaximumProperties"
        case .exclusiveMinimum: name = "Minimum"
        case .exclusiveMaximum: name = "Maximum"
        case .falseSchema: name = "Valid"
        default: name = rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
        return "SchemaError_" + name
    }
}
