public import Foundation

/// Renders a report as JSON, for scripts.
public enum JSONReport {
    struct Document: Encodable {
        let target: String
        let manifestVersion: String?
        let schema: String?
        let valid: Bool
        let counts: [String: Int]
        let findings: [Item]
    }

    struct Item: Encodable {
        let rule: String
        let severity: String
        let file: String
        let pointer: String?
        let line: Int?
        let column: Int?
        let message: String
        let hint: String?
        let details: [String]?
    }

    /// The report as pretty-printed JSON with sorted keys.
    /// - Parameter reports: one report per validated path.
    public static func render(_ reports: [ValidationReport]) -> Data {
        let documents = reports.map { report in
            Document(
                target: report.target, manifestVersion: report.manifestVersion, schema: report.schema, valid: report.isValid,
                counts: Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, report.count($0)) }),
                findings: report.findings.map { finding in
                    Item(
                        rule: finding.rule, severity: finding.severity.rawValue, file: finding.file, pointer: finding.pointer?.description,
                        line: finding.position?.line, column: finding.position?.column, message: finding.message, hint: finding.hint,
                        details: finding.details.isEmpty ? nil : finding.details)
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(documents.count == 1 ? AnyEncodable(documents[0]) : AnyEncodable(documents))) ?? Data()
    }
}

/// Erases an `Encodable` so one call can encode either a single document or an array.
struct AnyEncodable: Encodable {
    private let encodeValue: (any Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode(to:) }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
