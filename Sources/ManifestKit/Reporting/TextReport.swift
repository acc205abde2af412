/// Renders a report as grouped, readable text; ANSI colour only when asked (the CLI asks on a TTY).
public struct TextReport: Sendable {
    /// Whether to use ANSI colours.
    public var colors: Bool

    /// A renderer.
    /// - Parameter colors: whether to use ANSI colours.
    public init(colors: Bool) { self.colors = colors }

    /// The report as text, one block per file, one finding per line with its hint below.
    /// - Parameter report: the report to render.
    public func render(_ report: ValidationReport) -> String {
        var lines: [String] = []
        var header = report.target
        if let version = report.manifestVersion { header += " — manifest \(version)" }
        if let schema = report.schema { header += ", schema \(schema)" }
        lines.append(paint(header, "1"))
        let (shown, alsoIn) = Self.groupedAcrossFiles(report)
        var files: [String] = []
        for finding in shown where !files.contains(finding.file) { files.append(finding.file) }
        for file in files {
            lines.append("")
            lines.append(paint(file, "4"))
            for (index, finding) in shown.enumerated() where finding.file == file {
                let place = finding.position.map { "\($0.line):\($0.column)" } ?? "-"
                let label = finding.severity.rawValue.padding(7)
                let color = finding.severity == .error ? "31" : finding.severity == .warning ? "33" : "36"
                lines.append("  \(paint(label, color)) \(place.padding(7)) \(paint(finding.rule, "2"))")
                lines.append("          \(finding.message)")
                for detail in finding.details { lines.append("            · \(detail)") }
                if let others = alsoIn[index] { lines.append("            · also in " + others.joined(separator: ", ")) }
                var fix: [String] = []
                if let pointer = finding.pointer, !pointer.tokens.isEmpty { fix.append("at \(pointer)") }
                if let hint = finding.hint { fix.append(hint) }
                if !fix.isEmpty { lines.append("          " + paint("→ " + fix.joined(separator: " — "), "2")) }
            }
        }
        lines.append("")
        let errors = report.count(.error), warnings = report.count(.warning), notes = report.count(.note)
        var summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if notes > 0 { summary += ", \(notes) note\(notes == 1 ? "" : "s")" }
        lines.append(report.isValid ? paint("✓ valid (\(summary))", "32") : paint("✗ invalid (\(summary))", "31"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The findings to show, the same finding in several localization files once (the first file's), with the
    /// other places it occurs by index into the shown list. JSON, SARIF and JUnit keep every finding.
    static func groupedAcrossFiles(_ report: ValidationReport) -> (shown: [Finding], alsoIn: [Int: [String]]) {
        struct Key: Hashable {
            let rule: String, severity: Severity, pointer: JSONPointer?, message: String
        }
        var shown: [Finding] = []
        var alsoIn: [Int: [String]] = [:]
        var first: [Key: Int] = [:]
        for finding in report.findings {
            guard finding.file != report.manifestFile else {
                shown.append(finding)
                continue
            }
            let key = Key(rule: finding.rule, severity: finding.severity, pointer: finding.pointer, message: finding.message)
            if let index = first[key], shown[index].file != finding.file {
                alsoIn[index, default: []].append(finding.file + (finding.position.map { " \($0.line):\($0.column)" } ?? ""))
            } else {
                first[key] = shown.count
                shown.append(finding)
            }
        }
        return (shown, alsoIn)
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
