public import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Renders reports as JUnit XML, which Azure Pipelines, GitLab and Jenkins show as test results: a test suite
/// per package; a passing test case per rule (every rule Herald checks, and each schema failure code that
/// occurred) with no error finding; and a test case with its `<failure>` per error finding (named by the rule,
/// file and pointer), since those tools show only one failure per case. When a package could not be read or
/// parsed, its rules did not run: they are `<skipped/>`. Warnings and notes go to `<system-out>`. Written with
/// Foundation's XML support (libxml2 on Linux); characters XML 1.0 cannot carry are replaced.
public enum JUnitReport {
    /// The reports as a JUnit XML document.
    /// - Parameter reports: one report per validated path.
    public static func render(_ reports: [ValidationReport]) -> Data {
        let root = XMLElement(name: "testsuites")
        var totals = (tests: 0, failures: 0, skipped: 0)
        for report in reports {
            let suite = XMLElement(name: "testsuite")
            var counts = (tests: 0, failures: 0, skipped: 0)
            let known = Rules.all.map(\.id)
            let rules = known + Set(report.findings.map(\.rule)).subtracting(known).sorted()
            for rule in rules {
                let findings = report.findings.filter { $0.rule == rule }
                let errors = findings.filter { $0.severity == .error }
                let others = findings.filter { $0.severity != .error }
                if errors.isEmpty {
                    let testCase = element("testcase", ["name": rule, "classname": report.target])
                    if !report.rulesRan && findings.isEmpty {
                        testCase.addChild(element("skipped", ["message": "not checked: the package could not be read or parsed"]))
                        counts.skipped += 1
                    }
                    addOutput(others, to: testCase)
                    suite.addChild(testCase)
                    counts.tests += 1
                }
                for (index, finding) in errors.enumerated() {
                    let place = finding.file + (finding.pointer.map { $0.description.isEmpty ? " /" : " " + $0.description } ?? "")
                    let testCase = element("testcase", ["name": "\(rule) (\(place))", "classname": report.target])
                    let failure = element("failure", ["message": finding.message, "type": finding.rule])
                    failure.stringValue = xmlSafe(body(finding))
                    testCase.addChild(failure)
                    if index == 0 { addOutput(others, to: testCase) }
                    suite.addChild(testCase)
                    counts.tests += 1
                    counts.failures += 1
                }
            }
            for (name, value) in [
                ("name", report.target), ("tests", String(counts.tests)), ("failures", String(counts.failures)), ("errors", "0"),
                ("skipped", String(counts.skipped)),
            ] {
                suite.addAttribute(attribute(name, value))
            }
            totals = (totals.tests + counts.tests, totals.failures + counts.failures, totals.skipped + counts.skipped)
            root.addChild(suite)
        }
        for (name, value) in [
            ("name", "herald validate"), ("tests", String(totals.tests)), ("failures", String(totals.failures)), ("errors", "0"),
            ("skipped", String(totals.skipped)),
        ] {
            root.addAttribute(attribute(name, value))
        }
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document.xmlData(options: [.nodePrettyPrint])
    }

    /// A finding as the lines of a failure: what, where, how to fix.
    private static func body(_ finding: Finding) -> String {
        var lines = [finding.message]
        var place = finding.file
        if let pointer = finding.pointer { place += " " + (pointer.description.isEmpty ? "/" : pointer.description) }
        if let position = finding.position { place += " (line \(position.line), column \(position.column))" }
        lines.append("at " + place)
        if let hint = finding.hint { lines.append("fix: " + hint) }
        lines += finding.details
        return lines.joined(separator: "\n")
    }

    private static func addOutput(_ findings: [Finding], to testCase: XMLElement) {
        guard !findings.isEmpty else { return }
        let output = XMLElement(name: "system-out")
        output.stringValue = xmlSafe(findings.map { "\($0.severity.rawValue): \(body($0))" }.joined(separator: "\n"))
        testCase.addChild(output)
    }

    /// An element with attributes in the given order (a dictionary would reorder them from run to run).
    private static func element(_ name: String, _ attributes: KeyValuePairs<String, String>) -> XMLElement {
        let element = XMLElement(name: name)
        for (key, value) in attributes { element.addAttribute(attribute(key, value)) }
        return element
    }

    private static func attribute(_ name: String, _ value: String) -> XMLNode {
        // swift-corelibs returns `Any` here; on Apple platforms it is already an XMLNode.
        XMLNode.attribute(withName: name, stringValue: xmlSafe(value)) as! XMLNode
    }

    /// `text` with the characters XML 1.0 forbids (C0 controls but tab, newline and carriage return, and
    /// U+FFFE/U+FFFF) replaced by U+FFFD: a manifest string may hold them, and one would make the whole report
    /// unreadable to the CI tool.
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isForbidden(scalar) ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
