import Foundation

/// Each localization file: present, parseable, the right `$schema`, valid against the localization
/// schema of the manifest's version.
struct LocalizationCheck {
    let validator: ManifestValidator
    let package: AppPackage
    let manifestVersion: ManifestVersion
    let unresolvedSeverity: Severity

    func check(_ manifest: JSONValue) -> [Finding] {
        let info = JSONPointer.root.appending("localizationInfo")
        var references: [(JSONPointer, String)] = []
        if let file = manifest["localizationInfo"]?["defaultLanguageFile"]?.stringValue {
            references.append((info.appending("defaultLanguageFile"), file))
        }
        for (offset, language) in (manifest["localizationInfo"]?["additionalLanguages"]?.arrayValue ?? []).enumerated() {
            if let file = language["file"]?.stringValue {
                references.append((info.appending("additionalLanguages").appending(offset).appending("file"), file))
            }
        }
        return references.flatMap { checkFile($0.1, referencedAt: $0.0) }
    }

    private func checkFile(_ path: String, referencedAt pointer: JSONPointer) -> [Finding] {
        let manifestFile = package.manifestPath
        guard let resolved = package.resolve(path) else {
            return [Rules.fileOutsidePackage.finding("the localization file \"\(path)\" points outside the package", at: pointer, file: manifestFile)]
        }
        let data: Data
        switch validator.jsonFileBytes(
            package.read(path, limit: AppPackage.maximumJSONFileBytes), file: resolved,
            missing: Rules.fileMissing.finding("the localization file \"\(path)\" is not in the package", at: pointer, file: manifestFile),
            folder: { Rules.fileMissing.finding("the localization file \($0)", at: pointer, file: manifestFile) })
        {
        case .finding(let finding): return [finding]
        case .value(let bytes): data = bytes
        }
        let prepared: PreparedDocument
        switch validator.prepare(data, file: resolved, unresolvedSeverity: unresolvedSeverity) {
        case .finding(let finding): return [finding]
        case .value(let document): prepared = document
        }
        var findings = prepared.findings
        let schemaPointer = JSONPointer.root.appending("$schema")
        if let url = prepared.value["$schema"]?.stringValue {
            if !prepared.unresolvedPointers.contains(schemaPointer) {
                if !url.lowercased().hasPrefix("https://developer.microsoft.com/") || !url.contains("MicrosoftTeams.Localization.schema.json") {
                    findings.append(
                        located(Rules.localizationSchemaURL.finding("\"$schema\" is \"\(url)\"", at: schemaPointer, file: resolved), prepared))
                } else if let named = IdentityRules.schemaVersion(inURL: url), named != manifestVersion.description {
                    findings.append(
                        located(
                            Rules.localizationVersion.finding(
                                "\"$schema\" names version \(named); the manifest is \(manifestVersion)", at: schemaPointer, file: resolved), prepared
                        ))
                }
            }
        } else {
            findings.append(
                located(Rules.localizationSchemaMissing.finding("the localization file has no \"$schema\"", at: .root, file: resolved), prepared))
        }
        switch validator.schemaFindings(prepared, version: manifestVersion.description, kind: .localization, file: resolved) {
        case .value(let (_, results)): findings += results
        case .finding(let finding): findings.append(finding)
        }
        return findings.map { $0.file == resolved ? ManifestValidator.adjusted($0, in: prepared) : $0 }
    }

    private func located(_ finding: Finding, _ prepared: PreparedDocument) -> Finding {
        var finding = finding
        finding.position = finding.pointer.flatMap(prepared.document.position(of:))
        return finding
    }
}
