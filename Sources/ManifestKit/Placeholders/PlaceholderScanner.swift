import Foundation

/// Finds placeholders in strings. Single-brace Teams run-time tokens (`{teamSiteDomain}`,
/// `{locale}`) and `[[key]]` localization keys are legitimate and never match. The bare `<VAR>` and `[VAR]`
/// forms are ordinary text too often (`[Preview] Task Module`, `Press <Enter>`, `<b>bold</b>`, a markdown link
/// `[guide](https://…)`), so they count only as a whole value or a whole part of a host or URL: between the
/// start or end of the value and `/ . : ? # = & @`.
public enum PlaceholderScanner {
    private static let expression: NSRegularExpression = {
        let source =
            #"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}"#
            + #"|\{\{\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\}\}"#
            + #"|<<([A-Za-z][A-Za-z0-9_ .\-]*)>>"#
            + #"|(?<![^/.:?#=&@])<([A-Za-z][A-Za-z0-9_ \-]*)>(?![^/.:?#=&@])"#
            + #"|%([A-Za-z_][A-Za-z0-9_]*)%"#
            + #"|(?<![^/.:?#=&@])\[([A-Za-z][A-Za-z0-9_ \-]*)\](?![^/.:?#=&@])"#
        return try! NSRegularExpression(pattern: source)
    }()
    private static let syntaxes: [Placeholder.Syntax] = [.teamsToolkit, .mustache, .doubleAngle, .angle, .percent, .bracket]
    private static let triggers: Set<Unicode.Scalar> = ["{", "<", "%", "["]

    /// The placeholders in `string`, left to right.
    /// - Parameter string: any manifest string value.
    public static func placeholders(in string: String) -> [Placeholder] {
        matches(in: string).map(\.placeholder)
    }

    /// Replaces each placeholder for which `value` returns a string; others are left as written.
    /// - Parameters:
    ///   - string: the text to fill.
    ///   - value: the replacement for a placeholder, or `nil` to leave it.
    /// - Returns: the filled text and the placeholders that were left.
    public static func substitute(in string: String, _ value: (Placeholder) -> String?) -> (text: String, unresolved: [Placeholder]) {
        let found = matches(in: string)
        guard !found.isEmpty else { return (string, []) }
        var result = ""
        var unresolved: [Placeholder] = []
        var cursor = string.startIndex
        for match in found {
            result += string[cursor..<match.range.lowerBound]
            if let replacement = value(match.placeholder) {
                result += replacement
            } else {
                result += string[match.range]
                unresolved.append(match.placeholder)
            }
            cursor = match.range.upperBound
        }
        result += string[cursor...]
        return (result, unresolved)
    }

    private static func matches(in string: String) -> [(placeholder: Placeholder, range: Range<String.Index>)] {
        guard string.unicodeScalars.contains(where: { triggers.contains($0) }) else { return [] }
        let whole = NSRange(string.startIndex..<string.endIndex, in: string)
        return expression.matches(in: string, range: whole).compactMap { match in
            guard let range = Range(match.range, in: string) else { return nil }
            for group in 1...syntaxes.count {
                let groupRange = match.range(at: group)
                if groupRange.location != NSNotFound, let nameRange = Range(groupRange, in: string) {
                    let placeholder = Placeholder(name: String(string[nameRange]), syntax: syntaxes[group - 1], text: String(string[range]))
                    return (placeholder, range)
                }
            }
            return nil
        }
    }
}
