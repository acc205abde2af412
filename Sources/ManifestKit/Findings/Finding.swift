/// One problem found in an app package: a value, not a throw, so validation reports everything at once.
public struct Finding: Sendable, Equatable, Hashable {
    /// The stable rule id (the Teams service's code where it has one, e.g. `CommonAppIdIsNotGuid`).
    public let rule: String
    /// How much it matters.
    public var severity: Severity
    /// The file inside the package (`manifest.json`, `en-us.json`, `color.png`).
    public let file: String
    /// The place in that file's JSON, when the finding is about a value.
    public let pointer: JSONPointer?
    /// Line and column in the file, when known.
    public var position: SourcePosition?
    /// What is wrong, with the offending value and the limit.
    public let message: String
    /// How to fix it.
    public let hint: String?
    /// Extra lines (what the closest alternative of an `anyOf` lacks, other places of a placeholder).
    public var details: [String]

    /// A finding.
    /// - Parameters:
    ///   - rule: the rule id.
    ///   - severity: how much it matters.
    ///   - file: the file inside the package.
    ///   - pointer: the JSON location, if any.
    ///   - position: the line and column, if known.
    ///   - message: what is wrong.
    ///   - hint: how to fix it.
    ///   - details: extra lines.
    public init(
        rule: String, severity: Severity, file: String, pointer: JSONPointer? = nil, position: SourcePosition? = nil, message: String,
        hint: String? = nil, details: [String] = []
    ) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.pointer = pointer
        self.position = position
        self.message = message
        self.hint = hint
        self.details = details
    }
}
