import Foundation

/// The small part of OData `$filter` the Teams calls use: `name eq 'value'` clauses joined by `and`.
struct ODataFilter: Equatable {
    let clauses: [(property: String, value: String)]

    /// Parses `externalId eq 'x' and distributionMethod eq 'organization'` (a property path, `eq`, a quoted
    /// value); `nil` for anything else.
    init?(_ text: String) {
        var clauses: [(String, String)] = []
        for part in text.components(separatedBy: " and ") {
            let words = part.trimmingCharacters(in: .whitespaces)
            guard let eq = words.range(of: " eq ") else { return nil }
            let property = words[..<eq.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !property.isEmpty, property.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "/" || $0 == "_" }) else {
                return nil
            }
            var value = words[eq.upperBound...].trimmingCharacters(in: .whitespaces)
            guard value.hasPrefix("'"), value.hasSuffix("'"), value.count >= 2 else { return nil }
            value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
            clauses.append((property, value))
        }
        self.clauses = clauses
    }

    /// Whether an item whose properties `lookup` gives satisfies every clause.
    func matches(_ lookup: (String) -> String?) -> Bool {
        clauses.allSatisfy { lookup($0.property)?.lowercased() == $0.value.lowercased() }
    }

    static func == (lhs: ODataFilter, rhs: ODataFilter) -> Bool {
        lhs.clauses.map { "\($0.property)=\($0.value)" } == rhs.clauses.map { "\($0.property)=\($0.value)" }
    }
}
