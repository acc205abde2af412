extension JSONValue {
    /// Compact JSON text for this value (members in document order).
    public var serialized: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += JSONValue.format(value)
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let items):
            output += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (offset, member) in object.members.enumerated() {
                if offset > 0 { output += "," }
                JSONValue.writeString(member.key, to: &output)
                output += ":"
                member.value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// This value with the value at `pointer` replaced (or removed when `newValue` is `nil`).
    /// Missing intermediate objects are created; array indices must exist (or equal the count, to append).
    /// - Parameters:
    ///   - pointer: where to write.
    ///   - newValue: the value to put there, or `nil` to remove it.
    public func setting(_ pointer: JSONPointer, to newValue: JSONValue?) -> JSONValue {
        guard let first = pointer.tokens.first else { return newValue ?? .null }
        let rest = JSONPointer(tokens: Array(pointer.tokens.dropFirst()))
        switch self {
        case .array(var items):
            guard let index = Int(first), index <= items.count else { return self }
            if rest.tokens.isEmpty {
                if let newValue {
                    if index == items.count { items.append(newValue) } else { items[index] = newValue }
                } else if index < items.count {
                    items.remove(at: index)
                }
            } else if index < items.count {
                items[index] = items[index].setting(rest, to: newValue)
            }
            return .array(items)
        default:
            var object = objectValue ?? JSONObject()
            object[first] = rest.tokens.isEmpty ? newValue : (object[first] ?? .object(JSONObject())).setting(rest, to: newValue)
            return .object(object)
        }
    }
}
