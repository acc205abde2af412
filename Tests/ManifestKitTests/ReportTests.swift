import Foundation
import ManifestKit
import Testing

@Suite("Reports")
struct ReportTests {
    private var broken: ValidationReport {
        SamplePackage.validate(["/id": .string("nope"), "/version": .string("0.1.0")])
    }

    @Test("text groups findings by file, with line, rule, message and hint; colour only when asked")
    func text() {
        let plain = TextReport(colors: false).render(broken)
        #expect(plain.contains("manifest.json"))
        #expect(plain.contains("CommonAppIdIsNotGuid"))
        #expect(plain.contains("\"id\" is \"nope\""))
        #expect(plain.contains("→ at /id"))
        #expect(plain.contains("✗ invalid (1 error, 1 warning)"))
        #expect(!plain.contains("\u{1B}["))
        #expect(TextReport(colors: true).render(broken).contains("\u{1B}[31m"))
        #expect(TextReport(colors: false).render(SamplePackage.validate()).contains("✓ valid"))
    }

    @Test("json carries every field of every finding")
    func json() throws {
        let data = JSONReport.render([broken])
        let document = try JSONDocument(data: data).root
        #expect(document["valid"] == .bool(false))
        #expect(document["counts"]?["error"] == .number(1))
        let first = try #require(document["findings"]?.arrayValue?.first)
        #expect(first["rule"] == .string("CommonAppIdIsNotGuid"))
        #expect(first["pointer"] == .string("/id"))
        #expect(first["line"]?.typeName == "number")
        #expect(first["hint"]?.stringValue?.isEmpty == false)
    }

    @Test("sarif is a SARIF 2.1.0 log with rules, levels and regions")
    func sarif() throws {
        let data = SARIFReport.render([broken], toolVersion: "9.9.9") { _, finding in "app/\(finding.file)" }
        let log = try JSONDocument(data: data).root
        #expect(log["version"] == .string("2.1.0"))
        let run = try #require(log["runs"]?.arrayValue?.first)
        #expect(run["tool"]?["driver"]?["name"] == .string("herald"))
        let rules = run["tool"]?["driver"]?["rules"]?.arrayValue ?? []
        let results = run["results"]?.arrayValue ?? []
        #expect(results.count == 2)
        for result in results {
            let index = Int(result["ruleIndex"]?.serialized ?? "") ?? -1
            #expect(rules.indices.contains(index))
            #expect(rules[index]["id"] == result["ruleId"])
        }
        let error = try #require(results.first { $0["level"] == .string("error") })
        let location = error["locations"]?.arrayValue?.first?["physicalLocation"]
        #expect(location?["artifactLocation"]?["uri"] == .string("app/manifest.json"))
        #expect(location?["region"]?["startLine"]?.typeName == "number")
        #expect(results.contains { $0["level"] == .string("warning") })
    }
}
