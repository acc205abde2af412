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
            return ValidationReport(target: package.displayPath, manifestVersion: nil, schema: nil, findings: findings + [finding])
        case .value(let bytes):
            data = bytes
        }
        let prepared: PreparedDocument
        switch prepare(data, file: file, unresolvedSeverity: unresolvedSeverity(for: package)) {
        case .finding(let finding):
            return ValidationReport(target: package.displayPath, manifestVersion: nil, schema: nil, findings: findings + [finding])
        case .value(let document):
            prepared = document
        }
        findings += prepared.findings
        guard case .object = prepared.value else {
            var finding = Rules.manifestNotObject.finding("the manifest is \(prepared.value.excerpt), not an object", at: .root, file: file)
            finding.position = prepared.document.position(of: .root)
            findings.append(finding)
            return ValidationReport(target: package.displayPath, manifestVersion: nil, schema: nil, findings: findings)
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
            guard finding.file == file, let pointer = finding.pointer else { return finding }
            var located = Self.hintingShellVariable(finding, value: pointer.resolve(in: prepared.value))
            if prepared.ambiguousPointers.contains(pointer), finding.rule != Rules.unresolvedPlaceholder.id,
                located.severity < prepared.ambiguousSeverity
            {
                // Reported, never hidden; but a template's unfilled `<VAR>` fails it no more than the placeholder does.
                located.severity = prepared.ambiguousSeverity
                located.details.append("the value holds an unfilled placeholder; this is \(prepared.ambiguousSeverity.rawValue) until it is filled")
            }
            if located.position == nil { located.position = prepared.document.position(of: pointer) }
            return located
        }
        if let version {
            // The manifest's findings come first; the same finding in several localization files is shown once.
            findings += Self.grouped(
                LocalizationCheck(
                    validator: self, package: package, manifestVersion: version, unresolvedSeverity: unresolvedSeverity(for: package)
                ).check(prepared.value))
        }
        return ValidationReport(target: package.displayPath, manifestVersion: versionText, schema: schemaName, findings: findings, manifestFile: file)
    }

    /// A finding whose value looks like an unfilled shell-style placeholder (`$BOT_ID`, `${BOT_ID}`) says so.
    static func hintingShellVariable(_ finding: Finding, value: JSONValue?) -> Finding {
        guard finding.severity != .note, case .string(let text)? = value, let match = ShellVariable.first(in: text) else { return finding }
        return Finding(
            rule: finding.rule, severity: finding.severity, file: finding.file, pointer: finding.pointer, position: finding.position,
            message: finding.message,
            hint:
                "\"\(match)\" looks like an unfilled placeholder: fill it before packaging (Teams Toolkit's form is ${{NAME}}, filled from --env-file)",
            details: finding.details)
    }

    /// Identical findings of several localization files as one, naming the other files.
    static func grouped(_ findings: [Finding]) -> [Finding] {
        struct Key: Hashable {
            let rule: String, severity: Severity, pointer: JSONPointer?, message: String
        }
        var order: [Key] = []
        var groups: [Key: (first: Finding, others: [String])] = [:]
        for finding in findings {
            let key = Key(rule: finding.rule, severity: finding.severity, pointer: finding.pointer, message: finding.message)
            if groups[key] == nil {
                groups[key] = (finding, [])
                order.append(key)
            } else if groups[key]!.first.file != finding.file, !groups[key]!.others.contains(finding.file) {
                groups[key]!.others.append(finding.file)
            }
        }
        return order.map { key in
            var (finding, others) = groups[key]!
            if !others.isEmpty { finding.details.append("also in " + others.joined(separator: ", ")) }
            return finding
        }
    }

    private func unresolvedSeverity(for package: AppPackage) -> Severity {
        options.unresolvedSeverity ?? (package.kind == .zip ? .error : .warning)
    }

    /// Schema findings that a rule reports better at the same place (a GUID rule over a pattern, a length rule
    /// over maxLength): only a rule that says the same thing (``Rules/restatingSchema``) at the same pointer,
    /// at least as severe. A warning never hides an error.
    static func removingSuperseded(_ findings: [Finding], by rules: [Finding]) -> [Finding] {
        let supersedable: Set<String> = [SchemaKeyword.pattern, .maxLength, .minLength, .format].map(\.teamsCode).reduce(into: []) { $0.insert($1) }
        return findings.filter { finding in
            guard let pointer = finding.pointer, supersedable.contains(finding.rule) else { return true }
            return !rules.contains { rule in
                rule.pointer == pointer && Rules.restatingSchema.contains(rule.rule) && rule.severity <= finding.severity
            }
        }
    }
}
