/// How `ManifestValidator` treats placeholders and optional rule groups.
public struct ValidationOptions: Sendable {
    /// What to do with template placeholders (`${{VAR}}`, `<<VAR>>`, …).
    public enum PlaceholderMode: String, Sendable, CaseIterable {
        /// Fill from ``variables``; report the rest once each and skip checks on those fields.
        case resolve
        /// Fill from ``variables``, then fill the rest with plausible samples (GUIDs, URLs) and check everything.
        case sample
        /// No placeholder handling: validate the text as written.
        case off
    }

    /// Values for placeholders (an env file merged with the environment).
    public var variables: [String: String]
    /// What to do with placeholders.
    public var placeholderMode: PlaceholderMode
    /// The severity of an unresolved placeholder; `nil` means an error in a .zip and a warning in a
    /// folder or manifest file, which are usually templates.
    public var unresolvedSeverity: Severity?
    /// Whether the proactive-install readiness rules are errors (as `herald provision` needs) rather than warnings.
    public var requireProactiveInstall: Bool

    /// Options.
    /// - Parameters:
    ///   - variables: placeholder values.
    ///   - placeholderMode: what to do with placeholders.
    ///   - unresolvedSeverity: the severity of unresolved placeholders, or `nil` for the default.
    ///   - requireProactiveInstall: whether proactive-install readiness findings are errors.
    public init(
        variables: [String: String] = [:], placeholderMode: PlaceholderMode = .resolve, unresolvedSeverity: Severity? = nil,
        requireProactiveInstall: Bool = false
    ) {
        self.variables = variables
        self.placeholderMode = placeholderMode
        self.unresolvedSeverity = unresolvedSeverity
        self.requireProactiveInstall = requireProactiveInstall
    }
}
