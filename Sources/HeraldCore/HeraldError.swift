/// An error that carries what a person needs to act on it.
///
/// Every module's error type conforms, so the CLI can print any of them the same way:
/// a stable ``code`` for scripts, a human ``message`` and, where one exists, a ``hint``.
public protocol HeraldError: Error, CustomStringConvertible, Sendable {
    /// A stable identifier, safe for scripts and metric labels (no dynamic values).
    var code: String { get }
    /// What went wrong, in a sentence a person can read.
    var message: String { get }
    /// What to do about it, when there is something to do.
    var hint: String? { get }
}

extension HeraldError {
    /// `message` followed by the hint, if any.
    public var description: String {
        if let hint { return "\(message) (\(hint))" }
        return message
    }
}
