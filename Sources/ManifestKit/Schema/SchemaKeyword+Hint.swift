extension SchemaKeyword {
    /// What usually fixes a failure of this keyword.
    var hint: String {
        switch self {
        case .type: "use a value of the expected type"
        case .required: "add the missing property"
        case .additionalProperties: "remove it or fix its spelling; it may belong to a newer manifestVersion"
        case .patternProperties: "check the key's format"
        case .additionalItems: "remove the extra items"
        case .enum: "use one of the allowed values (they are case-sensitive)"
        case .const: "use exactly the value required"
        case .pattern: "make the value match the required format"
        case .format: "use a valid value of this format"
        case .minLength: "lengthen the text"
        case .maxLength: "shorten the text"
        case .minItems: "add items"
        case .maxItems: "remove items"
        case .uniqueItems: "remove the duplicate"
        case .minimum, .exclusiveMinimum: "use a larger number"
        case .maximum, .exclusiveMaximum: "use a smaller number"
        case .multipleOf: "use a multiple of the given number"
        case .minProperties: "add properties"
        case .maxProperties: "remove properties"
        case .dependencies: "add the property this one depends on"
        case .anyOf, .oneOf: "make the value fit one of the allowed forms"
        case .allOf: "make the value fit every required form"
        case .not: "change the value so that it no longer fits the forbidden form"
        case .then, .else: "add what the condition requires"
        case .falseSchema: "remove this value"
        }
    }
}
