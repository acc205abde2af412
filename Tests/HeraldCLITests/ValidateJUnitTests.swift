import Foundation
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
        let version = try #require(cases.first { $0.attribute(forName: "name")?.stringValue == "VersionContainsOnlyNumbersDotSeparated" })
        let failure = try #require(version.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue?.contains("1.0") == true)
        let body = failure.stringValue ?? ""
        #expect(body.contains("manifest.json /version (line "), "\(body)")
        #expect(body.contains("fix: "))
        let missing = try #require(cases.first { $0.attribute(forName: "name")?.stringValue == "Serialization_FileMissing" })
        #expect(missing.elements(forName: "failure").count == 1)
        #expect(broken.attribute(forName: "failures")?.stringValue == "2")
        #expect(suites.last?.attribute(forName: "failures")?.stringValue == "0")
        #expect(cases.first { $0.attribute(forName: "name")?.stringValue == "CommonAppIdIsNotGuid" }?.elements(forName: "failure").isEmpty == true)
    }
}
