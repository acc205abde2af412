/// Fills the placeholders in every string value of a document (member names are left alone).
public struct PlaceholderFill: Sendable {
    /// One placeholder left unresolved, with every place it occurs.
    public struct Unresolved: Sendable, Equatable {
        /// The placeholder as first seen.
        public let placeholder: Placeholder
        /// Every string value that holds it, in document order.
        public var pointers: [JSONPointer]
    }

    /// The document with resolvable placeholders filled.
    public let value: JSONValue
    /// The placeholders that remain, one entry per variable name.
    public let unresolved: [Unresolved]
    /// The string values that still hold an unambiguous placeholder (checks on them are not meaningful); an
    /// unfilled `<VAR>` or `[VAR]` alone does not put a value here.
    public let pointersWithUnresolved: Set<JSONPointer>
    /// The string values whose only unfilled placeholders are the ambiguous `<VAR>`/`[VAR]` forms: their
    /// findings are reported, at most as severe as the placeholder itself.
    public let pointersWithAmbiguous: Set<JSONPointer>

    /// Fills `value`.
    /// - Parameters:
    ///   - value: a parsed document.
    ///   - resolve: the replacement for a placeholder, or `nil` when unknown.
    public init(_ value: JSONValue, resolve: (Placeholder) -> String?) {
        self.init(value) { placeholder, _, _ in resolve(placeholder) }
    }

    /// Fills `value`, telling the resolver where each placeholder stands.
    /// - Parameters:
    ///   - value: a parsed document.
    ///   - resolve: the replacement for a placeholder in the string at `field` (its JSON pointer's tokens), told
    ///     whether the placeholder is the whole value; `nil` when unknown.
    public init(_ value: JSONValue, resolveIn resolve: (Placeholder, _ field: [String], _ wholeValue: Bool) -> String?) {
        var unresolved: [String: Unresolved] = [:]
        var order: [String] = []
        var pointers = Set<JSONPointer>()
        var ambiguous = Set<JSONPointer>()
        func fill(_ value: JSONValue, _ path: [String]) -> JSONValue {
            switch value {
            case .string(let string):
                let (text, left) = PlaceholderScanner.substitute(in: string) { resolve($0, path, $0.text == string) }
                if !left.isEmpty {
                    let pointer = JSONPointer(tokens: path)
                    if left.contains(where: { !$0.syntax.isAmbiguous }) { pointers.insert(pointer) } else { ambiguous.insert(pointer) }
                    for placeholder in left {
                        if unresolved[placeholder.name] == nil {
                            unresolved[placeholder.name] = Unresolved(placeholder: placeholder, pointers: [])
                            order.append(placeholder.name)
                        }
                        if unresolved[placeholder.name]!.pointers.last != pointer { unresolved[placeholder.name]!.pointers.append(pointer) }
                    }
                }
                return .string(text)
            case .array(let items):
                return .array(items.enumerated().map { fill($0.element, path + [String($0.offset)]) })
            case .object(let object):
                var filled = JSONObject()
                for (key, member) in object.members { filled[key] = fill(member, path + [key]) }
                return .object(filled)
            default:
                return value
            }
        }
        self.value = fill(value, [])
        self.unresolved = order.map { unresolved[$0]! }
        self.pointersWithUnresolved = pointers
        self.pointersWithAmbiguous = ambiguous
    }
}
