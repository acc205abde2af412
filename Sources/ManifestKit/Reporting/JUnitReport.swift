public import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Renders reports as JUnit XML, which Azure Pipelines, GitLab and Jenkins show as test results: a test
/// suite per package, a test case per package and rule (every rule Herald checks, and each schema failure
/// code that occurred), a `<failure>` per error finding with its file, pointer, line and hint. Warnings and
/// notes go to the test case's `<system-out>`. Written with Foundation's XML support (libxml2 on Linux).
public enum JUnitReport {
    /// The reports as a JUnit XML document.
    /// - Parameter reports: one report per validated path.
    public static func render(_ reports: [ValidationReport]) -> Data {
        let root = XMLElement(name: "testsuites")
        root.setAttributesWith(["name": "herald validate"])
        var totalTests = 0, totalFailures = 0
        for report in reports {
            let suite = XMLElement(name: "testsuite")
            let rules = Rules.all.map(\.id) + Array(Set(report.findings.map(\.rule)).subtracting(Rules.all.map(\.id))).sorted()
            var failures = 0
            for rule in rules {
                let testCase = XMLElement(name: "testcase")
                testCase.setAttributesWith(["name": rule, "classname": report.target])
                let findings = report.findings.filter { $0.rule == rule }
                for finding in findings where finding.severity == .error {
                    let failure = XMLElement(name: "failure", stringValue: body(finding))
                    failure.setAttributesWith(["message": finding.message, "type": finding.rule])
                    testCase.addChild(failure)
                }
                let others = findings.filter { $0.severity != .error }
                if !others.isEmpty {
                    testCase.addChild(
                        XMLElement(name: "system-out", stringValue: others.map { "\($0.severity.rawValue): \(body($0))" }.joined(separator: "\n")))
                }
                if findings.contains(where: { $0.severity == .error }) { failures += 1 }
                suite.addChild(testCase)
            }
            suite.setAttributesWith([
                "name": report.target, "tests": String(rules.count), "failures": String(failures), "errors": "0", "skipped": "0",
            ])
            totalTests += rules.count
            totalFailures += failures
            root.addChild(suite)
        }
        root.addAttribute(attribute("tests", String(totalTests)))
        root.addAttribute(attribute("failures", String(totalFailures)))
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

    private static func attribute(_ name: String, _ value: String) -> XMLNode {
        // swift-corelibs returns `Any` here; on Apple platforms it is already an XMLNode.
        XMLNode.attribute(withName: name, stringValue: value) as! XMLNode
    }
}
