/// How `ManifestValidator` treats placeholders and optional rule groups.
public struct ValidationOptions: Sendable {
    /// What to do with template placeholders (`${{VAR}}`, `<<VAR>>`, …).
    public enum PlaceholderMode: String, Sendable, CaseIterable {
        /// Fill from ``variables`` and (`${{VAR}}` only) ``environment``; report the rest once each and skip checks on those fields.
        case resolve
        /// Fill from ``variables``, then fill the rest with plausible samples (GUIDs, URLs) and check everything.
        case sample
        /// No placeholder handling: validate the text as written.
        case off
    }

    /// Values given explicitly (an `--env-file`): they fill placeholders of every form.
    public var variables: [String: String]
    /// Where ``variables`` came from, for the notes that say so (`--env-file env/.env.dev`).
    public var variablesSource: String
    /// The process environment: it fills only Teams Toolkit's `${{VAR}}` form, as Teams Toolkit does, so a
    /// `{{HOSTNAME}}` or `%USERNAME%` is never filled by what every shell and CI runner happens to set.
    public var environment: [String: String]
    /// What to do with placeholders.
    public var placeholderMode: PlaceholderMode
    /// The severity of an unresolved placeholder; `nil` means an error in a .zip and a warning in a
    /// folder or manifest file, which are usually templates.
    public var unresolvedSeverity: Severity?
    /// Whether the proactive-install readiness rules are errors (as `herald provision` needs) rather than warnings.
    public var requireProactiveInstall: Bool

    /// Options.
    /// - Parameters:
    ///   - variables: placeholder values given explicitly (every form).
    ///   - variablesSource: where they came from.
    ///   - environment: the process environment (`${{VAR}}` only).
    ///   - placeholderMode: what to do with placeholders.
    ///   - unresolvedSeverity: the severity of unresolved placeholders, or `nil` for the default.
    ///   - requireProactiveInstall: whether proactive-install readiness findings are errors.
    public init(
        variables: [String: String] = [:], variablesSource: String = "--env-file", environment: [String: String] = [:],
        placeholderMode: PlaceholderMode = .resolve, unresolvedSeverity: Severity? = nil, requireProactiveInstall: Bool = false
    ) {
        self.variables = variables
        self.variablesSource = variablesSource
        self.environment = environment
        self.placeholderMode = placeholderMode
        self.unresolvedSeverity = unresolvedSeverity
        self.requireProactiveInstall = requireProactiveInstall
    }
}
