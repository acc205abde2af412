/// A rule Herald checks beyond the schema: stable id, default severity, what it checks, how to fix.
public struct RuleDescriptor: Sendable, Equatable, Hashable {
    /// The stable id; the Teams service's code where it has one.
    public let id: String
    /// The severity of its findings.
    public let severity: Severity
    /// The group it belongs to (`package`, `identity`, `icons`, `proactive-install`…).
    public let group: String
    /// One line: what the rule requires.
    public let summary: String
    /// How to fix a finding of this rule.
    public let hint: String

    /// A finding of this rule.
    /// - Parameters:
    ///   - message: what is wrong here, with the value and the limit.
    ///   - pointer: where, in the JSON file.
    ///   - file: which file of the package (the manifest by default).
    ///   - hint: a more specific hint than the rule's own.
    ///   - details: extra lines.
    func finding(_ message: String, at pointer: JSONPointer? = nil, file: String = "", hint: String? = nil, details: [String] = []) -> Finding {
        Finding(rule: id, severity: severity, file: file, pointer: pointer, message: message, hint: hint ?? self.hint, details: details)
    }
}
