import Foundation

/// A compiled `pattern` in ICU syntax (lookahead, `\p{L}`), matched anywhere in the string.
final class SchemaPattern: @unchecked Sendable {
    // NSRegularExpression is immutable once built and documented as safe to share between threads.
    let source: String
    /// What the pattern means in words, for the patterns the Teams schemas use most.
    let meaning: SchemaPatternMeaning?
    private let expression: NSRegularExpression

    init?(_ source: String) {
        guard let expression = try? NSRegularExpression(pattern: source) else { return nil }
        self.source = source
        self.expression = expression
        meaning = SchemaPatternMeaning.known[source]
    }

    func matches(_ string: String) -> Bool {
        let range = NSRange(string.startIndex..<string.endIndex, in: string)
        return expression.firstMatch(in: string, options: [], range: range) != nil
    }
}
