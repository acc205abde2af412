import Foundation

/// A value, or the finding that stopped it from being made.
enum Checked<Value> {
    case value(Value)
    case finding(Finding)
}

/// A JSON file of the package, parsed and with its placeholders handled.
struct PreparedDocument {
    let document: JSONDocument
    /// The value after placeholder filling.
    let value: JSONValue
    /// String values still holding an unresolved placeholder.
    let unresolvedPointers: Set<JSONPointer>
    /// String values holding only unfilled ambiguous placeholders (`<VAR>`, `[VAR]`), with the severity of
    /// such a placeholder: their findings are kept, but no more severe than that.
    var ambiguousPointers: Set<JSONPointer> = []
    var ambiguousSeverity: Severity = .warning
    /// Placeholder findings.
    let findings: [Finding]
}

extension ManifestValidator {
    /// Parses a package file and fills its placeholders; a syntax error becomes a finding.
    func prepare(_ data: Data, file: String, unresolvedSeverity: Severity) -> Checked<PreparedDocument> {
        let document: JSONDocument
        do {
            document = try JSONDocument(data: data)
        } catch {
            let rule = error.kind == .trailingComma ? Rules.trailingComma : Rules.fileNotValidJSON
            var finding = rule.finding(error.message, file: file, hint: error.hint ?? rule.hint)
            finding.position = SourcePosition(line: error.line, column: error.column)
            return .finding(finding)
        }
        guard options.placeholderMode != .off else {
            return .value(PreparedDocument(document: document, value: document.root, unresolvedPointers: [], findings: []))
        }
        let variables = options.variables, environment = options.environment
        var sources: [String: (placeholder: Placeholder, fromFile: Bool)] = [:]
        var sourceOrder: [String] = []
        let fill = PlaceholderFill(document.root) { placeholder in
            let fromFile = variables[placeholder.name]
            let value = fromFile ?? (placeholder.syntax == .teamsToolkit ? environment[placeholder.name] : nil)
            if value != nil, sources[placeholder.name] == nil {
                sources[placeholder.name] = (placeholder, fromFile != nil)
                sourceOrder.append(placeholder.name)
            }
            return value
        }
        var value = fill.value
        var pointers = fill.pointersWithUnresolved
        var severity = unresolvedSeverity
        if options.placeholderMode == .sample {
            value = PlaceholderSample.fill(value)
            pointers = []
            severity = .note
        }
        let findings = fill.unresolved.map { entry -> Finding in
            let first = entry.pointers[0]
            let others = entry.pointers.dropFirst().map(\.description)
            let filled =
                options.placeholderMode == .sample
                ? " (checked with the sample value \"\(Self.sampleShown(entry, in: document.root))\")" : ""
            var finding = Rules.unresolvedPlaceholder.finding(
                "\(entry.placeholder.text) is not set\(filled)\(others.isEmpty ? "" : "; it is also used at \(others.count) other place\(others.count == 1 ? "" : "s")")",
                at: first, file: file,
                hint: !Self.isVariableName(entry.placeholder.name)
                    ? "replace \(entry.placeholder.text) with the real value"
                    : entry.placeholder.syntax == .teamsToolkit
                        ? "set \(entry.placeholder.name) in --env-file or the environment"
                        : "set \(entry.placeholder.name) in --env-file (the environment fills only ${{\(entry.placeholder.name)}})",
                details: others.isEmpty ? [] : ["also at " + others.prefix(10).joined(separator: ", ") + (others.count > 10 ? ", …" : "")])
            finding.severity = severity
            finding.position = document.position(of: first)
            return finding
        }
        let notes = sourceOrder.map { name -> Finding in
            let (placeholder, fromFile) = sources[name]!
            return Rules.placeholderFilled.finding(
                "\(placeholder.text) was filled from \(fromFile ? options.variablesSource : "the environment")", file: file)
        }
        var prepared = PreparedDocument(document: document, value: value, unresolvedPointers: pointers, findings: notes + findings)
        if options.placeholderMode == .resolve {
            prepared.ambiguousPointers = fill.pointersWithAmbiguous
            prepared.ambiguousSeverity = unresolvedSeverity
        }
        return .value(prepared)
    }

    /// The stand-in used where a placeholder first occurs, as the note shows it.
    static func sampleShown(_ entry: PlaceholderFill.Unresolved, in root: JSONValue) -> String {
        let first = entry.pointers[0]
        let whole = first.resolve(in: root)?.stringValue == entry.placeholder.text
        return PlaceholderSample.value(for: entry.placeholder.name, field: first.tokens, wholeValue: whole)
    }

    /// Whether a placeholder's name can be an environment variable (`BOT_ID`, not `bot id`).
    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// Validates a prepared document against the schema of `version`; a missing schema becomes a finding.
    func schemaFindings(_ prepared: PreparedDocument, version: String, kind: SchemaCatalog.Kind, file: String) -> Checked<(String, [Finding])> {
        let entry: SchemaCatalog.Entry
        do {
            guard let found = try catalog.schema(forVersion: version, kind: kind) else {
                let what = kind == .manifest ? "manifest" : "localization"
                return .finding(
                    Rules.unknownVersion.finding(
                        "no \(what) schema for manifestVersion \"\(version)\" is shipped or cached",
                        at: JSONPointer.root.appending("manifestVersion"), file: file,
                        hint: "use a published version, or run `herald schemas fetch \(version)`"))
            }
            entry = found
        } catch {
            return .finding(Rules.unknownVersion.finding("the schema for \"\(version)\" cannot be used: \(error)", file: file))
        }
        let findings = entry.schema.validate(prepared.value)
            .filter { !prepared.unresolvedPointers.contains($0.pointer) && !prepared.unresolvedPointers.contains($0.focus) }
            .map { violation in
                Finding(
                    rule: violation.code, severity: .error, file: file, pointer: violation.pointer,
                    position: prepared.document.position(of: violation.focus),
                    message: "\(violation.pointer.description.isEmpty ? "the manifest" : violation.pointer.description): \(violation.message)",
                    hint: violation.hint ?? violation.keyword.hint, details: violation.details)
            }
        return .value(("\(entry.name) (\(entry.origin.rawValue))", findings))
    }
}
