/// A parsed JSON value.
///
/// Numbers are kept as `Double` (manifests hold no integers beyond 2^53); equality follows JSON
/// Schema: `1 == 1.0`, but a boolean never equals a number, and object key order does not matter.
public enum JSONValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The member `key` of an object; `nil` for anything else.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The JSON type name as JSON Schema spells it (`integer` is reported as `number`).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// A short rendering for messages: strings quoted, containers summarised, long text cut.
    public var excerpt: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return JSONValue.format(value)
        case .string(let value):
            let scalars = value.unicodeScalars
            if scalars.count > 60 { return "\"\(String(String.UnicodeScalarView(scalars.prefix(57))))...\"" }
            return "\"\(value)\""
        case .array(let items): return "an array of \(items.count)"
        case .object(let object): return "an object with \(object.count) member\(object.count == 1 ? "" : "s")"
        }
    }

    /// Formats a number without a trailing `.0` when it is whole.
    public static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
