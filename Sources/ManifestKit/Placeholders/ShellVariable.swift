import Foundation

/// A shell-style variable written into a manifest (`$BOT_ID`, `${BOT_ID}`): not a placeholder form any
/// Teams tool fills, so a value holding one was almost surely meant to be filled before packaging.
enum ShellVariable {
    private static let expression: NSRegularExpression = {
        // `${NAME}` or an upper-case `$NAME` (not OData's `$metadata`), as a whole value or a whole part of a host
        // or URL (not "priced in $USD"), and never Teams Toolkit's `${{NAME}}`.
        try! NSRegularExpression(pattern: #"(?<![^/.:?#=&@])\$(?:\{(?!\{)[A-Za-z_][A-Za-z0-9_]*\}|[A-Z_][A-Z0-9_]*)(?![^/.:?#=&@])"#)
    }()

    /// The first shell-style variable in `text`, as written.
    static func first(in text: String) -> String? {
        guard text.contains("$") else { return nil }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = expression.firstMatch(in: text, range: range), let found = Range(match.range, in: text) else { return nil }
        return String(text[found])
    }
}
