import Foundation

/// A shell-style variable written into a manifest (`$BOT_ID`, `${BOT_ID}`): not a placeholder form any
/// Teams tool fills, so a value holding one was almost surely meant to be filled before packaging.
enum ShellVariable {
    private static let expression: NSRegularExpression = {
        // `$NAME` or `${NAME}`, but not Teams Toolkit's `${{NAME}}`.
        try! NSRegularExpression(pattern: #"\$(?:\{(?!\{)[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)"#)
    }()

    /// The first shell-style variable in `text`, as written.
    static func first(in text: String) -> String? {
        guard text.contains("$") else { return nil }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = expression.firstMatch(in: text, range: range), let found = Range(match.range, in: text) else { return nil }
        return String(text[found])
    }
}
