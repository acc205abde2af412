import Foundation

/// Validates app packages: JSON syntax, the official schema for the manifest's version, then
/// Herald's rules, returning every finding at once.
public struct ManifestValidator: Sendable {
    /// Where schemas come from.
    public let catalog: SchemaCatalog
    /// Placeholder handling and optional rule groups.
    public let options: ValidationOptions

    /// A validator.
    /// - Parameters:
    ///   - catalog: where schemas come from.
    ///   - options: placeholder handling and optional rule groups.
    public init(catalog: SchemaCatalog, options: ValidationOptions = ValidationOptions()) {
        self.catalog = catalog
        self.options = options
    }

    /// Validates an opened package.
    /// - Parameter package: the package.
    /// - Returns: every finding, with file, JSON pointer, line and column.
    public func validate(_ package: AppPackage) -> ValidationReport {
        let file = package.manifestPath
        var findings: [Finding] = []
        if !package.manifestFolder.isEmpty {
            findings.append(
                Rules.manifestNotAtRoot.finding(
                    "manifest.json is inside the folder \"\(package.manifestFolder)/\", not at the root of the zip", file: file))
        }
        let data: Data
        switch jsonFileBytes(
            package.readManifest(), file: file, missing: Rules.fileMissing.finding("\(file) cannot be read", file: file),
            folder: { Rules.fileMissing.finding($0, file: file, hint: "the package must hold the file manifest.json") })
        {
        case .finding(let finding):
            return ValidationReport(
                target: package.displayPath, manifestVersion: nil, schema: nil, findings: findings + [finding], manifestFile: file, rulesRan: false)
        case .value(let bytes):
            data = bytes
        }
        let prepared: PreparedDocument
        switch prepare(data, file: file, unresolvedSeverity: unresolvedSeverity(for: package)) {
        case .finding(let finding):
            return ValidationReport(
                target: package.displayPath, manifestVersion: nil, schema: nil, findings: findings + [finding], manifestFile: file, rulesRan: false)
        case .value(let document):
            prepared = document
        }
        findings += prepared.findings
        guard case .object = prepared.value else {
            var finding = Rules.manifestNotObject.finding("the manifest is \(prepared.value.excerpt), not an object", at: .root, file: file)
            finding.position = prepared.document.position(of: .root)
            findings.append(finding)
            return ValidationReport(
                target: package.displayPath, manifestVersion: nil, schema: nil, findings: findings, manifestFile: file, rulesRan: false)
        }
        let versionText = prepared.value["manifestVersion"]?.stringValue
        let version = versionText.flatMap(ManifestVersion.init)
        var schemaName: String? = nil
        if prepared.unresolvedPointers.contains(JSONPointer.root.appending("manifestVersion")) {
            // The placeholder finding already says it; no schema can be chosen until it is filled.
        } else if let versionText {
            switch schemaFindings(prepared, version: versionText, kind: .manifest, file: file) {
            case .value(let (name, schemaResults)):
                schemaName = name
                findings += schemaResults
            case .finding(let finding):
                findings.append(finding)
            }
        } else {
            findings.append(Rules.manifestVersionMissing.finding("the manifest has no string \"manifestVersion\"", at: .root, file: file))
        }
        let context = RuleContext(manifest: prepared.value, version: version, package: package, unresolved: prepared.unresolvedPointers)
        var ruleFindings =
            IdentityRules.check(context) + NameRules.check(context) + IconRules.check(context)
            + DomainRules.check(context) + CommandRules.check(context)
        ruleFindings += ProactiveInstallRules.check(context).map { finding in
            var finding = finding
            if options.requireProactiveInstall { finding.severity = .error }
            return finding
        }
        ruleFindings = ruleFindings.map { finding in
            Finding(
                rule: finding.rule, severity: finding.severity, file: file, pointer: finding.pointer, message: finding.message, hint: finding.hint,
                details: finding.details)
        }
        findings = Self.removingSuperseded(findings, by: ruleFindings) + ruleFindings
        findings = findings.map { finding in
            guard finding.file == file else { return finding }
            var adjusted = Self.adjusted(finding, in: prepared)
            if adjusted.position == nil, let pointer = finding.pointer { adjusted.position = prepared.document.position(of: pointer) }
            return adjusted
        }
        if let version {
            findings += LocalizationCheck(
                validator: self, package: package, manifestVersion: version, unresolvedSeverity: unresolvedSeverity(for: package)
            ).check(prepared.value)
        }
        return ValidationReport(target: package.displayPath, manifestVersion: versionText, schema: schemaName, findings: findings, manifestFile: file)
    }

    /// A finding about a value of `prepared`, adjusted for what the value holds: a shell-style `$VAR` gets a
    /// detail saying it looks unfilled; a value holding only unfilled `<VAR>`/`[VAR]` placeholders keeps its
    /// finding, no more severe than the placeholder itself (reported, never hidden, and a template is not failed
    /// by its own placeholders).
    static func adjusted(_ finding: Finding, in prepared: PreparedDocument) -> Finding {
        guard let pointer = finding.pointer, finding.severity != .note else { return finding }
        var adjusted = finding
        if case .string(let text)? = pointer.resolve(in: prepared.value), let match = ShellVariable.first(in: text) {
            adjusted.details.append(
                "\"\(match)\" looks like an unfilled placeholder: fill it before packaging (Teams Toolkit's form is ${{NAME}}, filled from --env-file)"
            )
        }
        if prepared.ambiguousPointers.contains(pointer), finding.rule != Rules.unresolvedPlaceholder.id,
            adjusted.severity < prepared.ambiguousSeverity
        {
            adjusted.severity = prepared.ambiguousSeverity
            adjusted.details.append("the value holds an unfilled placeholder; this is a \(prepared.ambiguousSeverity.rawValue) until it is filled")
        }
        return adjusted
    }

    private func unresolvedSeverity(for package: AppPackage) -> Severity {
        options.unresolvedSeverity ?? (package.kind == .zip ? .error : .warning)
    }

    /// Schema findings that a rule reports better at the same place (a GUID rule over a pattern, a length rule
    /// over maxLength): only a rule that restates that keyword (``Rules/restatingSchema``) at the same pointer,
    /// at least as severe. A warning never hides an error.
    static func removingSuperseded(_ findings: [Finding], by rules: [Finding]) -> [Finding] {
        findings.filter { finding in
            guard let pointer = finding.pointer, let keyword = SchemaKeyword.allCases.first(where: { $0.teamsCode == finding.rule }) else {
                return true
            }
            return !rules.contains { rule in
                rule.pointer == pointer && Rules.restatingSchema[rule.rule]?.contains(keyword) == true && rule.severity <= finding.severity
            }
        }
    }
}
