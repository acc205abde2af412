public import Foundation

/// Renders reports as SARIF 2.1.0, the format code-scanning services read.
public enum SARIFReport {
    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable {
        let tool: Tool
        let results: [Result]
    }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable {
        let name: String
        let version: String
        let rules: [Rule]
    }
    struct Rule: Encodable {
        let id: String
        let shortDescription: Text
        let help: Text
        let defaultConfiguration: Configuration
    }
    struct Configuration: Encodable { let level: String }
    struct Text: Encodable { let text: String }
    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
    }
    struct Location: Encodable {
        let physicalLocation: PhysicalLocation
        let logicalLocations: [LogicalLocation]?
    }
    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region?
    }
    struct ArtifactLocation: Encodable { let uri: String }
    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
    }
    struct LogicalLocation: Encodable {
        let fullyQualifiedName: String
        let kind = "member"
    }

    /// The reports as one SARIF run.
    /// - Parameters:
    ///   - reports: one report per validated path.
    ///   - toolVersion: Herald's version.
    ///   - artifactURI: the file a finding points at, as a path relative to the repository.
    public static func render(_ reports: [ValidationReport], toolVersion: String, artifactURI: (ValidationReport, Finding) -> String) -> Data {
        var rules: [Rule] = []
        var index: [String: Int] = [:]
        let known = Dictionary(Rules.all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func ruleIndex(_ finding: Finding) -> Int {
            if let existing = index[finding.rule] { return existing }
            let descriptor = known[finding.rule]
            rules.append(
                Rule(
                    id: finding.rule,
                    shortDescription: Text(text: descriptor?.summary ?? "The manifest satisfies the official JSON Schema (\(finding.rule))."),
                    help: Text(text: descriptor?.hint ?? finding.hint ?? ""),
                    defaultConfiguration: Configuration(level: level(descriptor?.severity ?? finding.severity))))
            index[finding.rule] = rules.count - 1
            return rules.count - 1
        }
        var results: [Result] = []
        for report in reports {
            for finding in report.findings {
                var text = finding.message
                if let hint = finding.hint { text += " (\(hint))" }
                let region = finding.position.map { Region(startLine: $0.line, startColumn: $0.column) }
                let logical = finding.pointer.map { [LogicalLocation(fullyQualifiedName: $0.description.isEmpty ? "/" : $0.description)] }
                let location = Location(
                    physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: artifactURI(report, finding)), region: region),
                    logicalLocations: logical)
                results.append(
                    Result(
                        ruleId: finding.rule, ruleIndex: ruleIndex(finding), level: level(finding.severity), message: Text(text: text),
                        locations: [location]))
            }
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(name: "herald", version: toolVersion, rules: rules)), results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(log)) ?? Data()
    }

    private static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
