import Foundation
import ManifestKit
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("herald validate --format junit")
struct ValidateJUnitTests {
    @Test("a test suite per package, a test case per rule, a failure per error finding with its pointer, line and hint; parsed back as XML")
    func junit() throws {
        let folder = try Herald.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifestURL = folder.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: manifestURL, encoding: .utf8).replacingOccurrences(
            of: "\"version\": \"1.0.0\"", with: "\"version\": \"1.0\"")
        try text.write(to: manifestURL, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("outline.png"))
        let result = try Herald.run(["validate", "--format", "junit", folder.path, Herald.manifests.path])
        #expect(result.status == 1)
        let document = try XMLDocument(data: Data(result.output.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == [folder.path, Herald.manifests.path])
        let broken = try #require(suites.first)
        let cases = broken.elements(forName: "testcase")
        #expect(cases.count == Int(broken.attribute(forName: "tests")?.stringValue ?? ""))
        let name = { (testCase: XMLElement) in testCase.attribute(forName: "name")?.stringValue ?? "" }
        let version = try #require(cases.first { name($0) == "VersionContainsOnlyNumbersDotSeparated (manifest.json /version)" })
        let failure = try #require(version.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue?.contains("1.0") == true)
        let body = failure.stringValue ?? ""
        #expect(body.contains("manifest.json /version (line "), "\(body)")
        #expect(body.contains("fix: "))
        #expect(cases.filter { name($0).hasPrefix("Serialization_FileMissing") }.map { $0.elements(forName: "failure").count } == [1])
        #expect(cases.allSatisfy { $0.elements(forName: "failure").count <= 1 }, "one failure per case: CI tools show only the first")
        #expect(broken.attribute(forName: "failures")?.stringValue == "2")
        #expect(suites.last?.attribute(forName: "failures")?.stringValue == "0")
        #expect(cases.first { name($0) == "CommonAppIdIsNotGuid" }?.elements(forName: "failure").isEmpty == true)
    }

    @Test("an unreadable package's rules are skipped, not passed; characters XML cannot carry are replaced")
    func skippedAndSafe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = folder.appendingPathComponent("manifest.json")
        try Data(#"{"manifestVersion": "1.17", "id": "bad\u0001id\u000b"}"#.utf8).write(to: manifest)
        let missing = "/nonexistent/herald-\(UUID().uuidString)"
        let result = try Herald.run(["validate", "--format", "junit", manifest.path, missing])
        #expect(result.status == 2)
        let xmlStart = try #require(result.output.range(of: "<?xml"))
        let xml = String(result.output[xmlStart.lowerBound...])
        let document = try XMLDocument(data: Data(xml.utf8))
        let suites = try #require(document.rootElement()).elements(forName: "testsuite")
        #expect(suites.count == 2)
        let ids = try #require(suites.first).elements(forName: "testcase").filter {
            ($0.attribute(forName: "name")?.stringValue ?? "").hasPrefix("CommonAppIdIsNotGuid")
        }
        #expect(ids.first?.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue?.contains("bad\u{FFFD}id\u{FFFD}") == true)
        let unreadable = try #require(suites.last)
        #expect(unreadable.attribute(forName: "failures")?.stringValue == "1")
        #expect(Int(unreadable.attribute(forName: "skipped")?.stringValue ?? "") ?? 0 > 40, "the rules that never ran are skipped")
        #expect(JUnitReportProbe.safe("a\u{1}b\u{B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    }
}

/// The XML-safety rule, seen from the outside through a finding that carries forbidden characters.
enum JUnitReportProbe {
    static func safe(_ text: String) -> String {
        let report = ValidationReport(
            target: "p", manifestVersion: nil, schema: nil, findings: [Finding(rule: "R", severity: .error, file: "f", message: text)])
        let data = JUnitReport.render([report])
        guard let document = try? XMLDocument(data: data),
            let failure = document.rootElement()?.elements(forName: "testsuite").first?
                .elements(forName: "testcase").first(where: { !$0.elements(forName: "failure").isEmpty })?.elements(forName: "failure").first
        else { return "unparseable" }
        return failure.attribute(forName: "message")?.stringValue ?? ""
    }
}
