import Foundation
import Testing
import ZIPFoundation

/// `herald validate` end to end: the built binary on the sample package and broken copies.
@Suite("herald validate")
struct ValidateCommandTests {
    @Test("the sample package in manifests/ is valid (placeholders are warnings in a folder)")
    func sampleIsValid() throws {
        let result = try Herald.run(["validate", "--no-color", Herald.manifests.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("✓ valid"))
        #expect(result.output.contains("UnresolvedPlaceholder"))
    }

    @Test("with the sample env file every placeholder is filled and nothing is reported")
    func sampleWithEnvFile() throws {
        let result = try Herald.run([
            "validate", "--no-color", "--require-proactive-install", "--env-file", Herald.manifests.appendingPathComponent("env/.env.sample").path,
            Herald.manifests.path,
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("✓ valid (0 errors, 0 warnings, 4 notes)"), "\(result.output)")
        #expect(result.output.contains("${{BOT_ID}} was filled from --env-file \(Herald.manifests.appendingPathComponent("env/.env.sample").path)"))
    }

    @Test("a broken copy exits 1 with readable findings")
    func brokenCopy() throws {
        let folder = try Herald.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifestURL = folder.appendingPathComponent("manifest.json")
        var text = try String(contentsOf: manifestURL, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"1.0\"")
        text = text.replacingOccurrences(of: "\"#3B5BDB\"", with: "\"blue\"")
        try text.write(to: manifestURL, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("outline.png"))
        let result = try Herald.run(["validate", "--no-color", folder.path])
        #expect(result.status == 1)
        #expect(result.output.contains("VersionContainsOnlyNumbersDotSeparated"))
        #expect(result.output.contains("SchemaError_Pattern"))
        #expect(result.output.contains("Serialization_FileMissing"))
        #expect(result.output.contains("✗ invalid (3 errors"))
        #expect(result.output.range(of: #"error\s+\d+:\d+"#, options: .regularExpression) != nil, "findings carry line:column")
    }

    @Test("a zipped package: placeholders must be filled; json and sarif outputs parse")
    func zipAndFormats() throws {
        let folder = try Herald.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zipURL = folder.appendingPathComponent("app.zip")
        let archive = try Archive(url: zipURL, accessMode: .create)
        for name in ["manifest.json", "color.png", "outline.png"] {
            try archive.addEntry(with: name, relativeTo: folder)
        }
        let unfilled = try Herald.run(["validate", "--format", "json", zipURL.path])
        #expect(unfilled.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(unfilled.output.utf8)) as? [String: Any]
        #expect(json?["valid"] as? Bool == false)
        let env = Herald.manifests.appendingPathComponent("env/.env.sample").path
        let filled = try Herald.run(["validate", "--format", "sarif", "--env-file", env, zipURL.path])
        #expect(filled.status == 0, "\(filled.output)")
        let sarif = try JSONSerialization.jsonObject(with: Data(filled.output.utf8)) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
    }

    @Test(
        "usage errors and unreadable input exit 2",
        arguments: [
            ["validate"],
            ["validate", "--format", "xml", "manifests"],
            ["validate", "/nonexistent/package.zip"],
            ["validate", "--env-file", "/nonexistent/.env", "manifests"],
        ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try Herald.run(arguments.map { $0 == "manifests" ? Herald.manifests.path : $0 })
        #expect(result.status == 2, "\(result.output)")
        #expect(!result.output.isEmpty)
    }

    @Test("--schema validates against a file of the user's choice; --placeholders sample checks filled fields")
    func schemaOverrideAndSamples() throws {
        let folder = try Herald.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = folder.appendingPathComponent("strict.json")
        try Data(#"{"type": "object", "required": ["publisher"]}"#.utf8).write(to: schema)
        let overridden = try Herald.run(["validate", "--no-color", "--schema", schema.path, folder.path])
        #expect(overridden.status == 1)
        #expect(overridden.output.contains("the required property \"publisher\" is missing"))
        #expect(overridden.output.contains("strict.json (override)"))
        let sampled = try Herald.run(["validate", "--no-color", "--placeholders", "sample", folder.path])
        #expect(sampled.status == 0, "\(sampled.output)")
        #expect(sampled.output.contains("checked with the sample value"))
    }

    @Test("--help describes the command and its exit codes")
    func help() throws {
        let result = try Herald.run(["validate", "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("Exit status: 0 valid"))
        #expect(result.output.contains("--env-file"))
    }

    @Test("--list-rules prints the rule catalog")
    func listRules() throws {
        let result = try Herald.run(["validate", "--list-rules"])
        #expect(result.status == 0)
        #expect(result.output.contains("InvalidOutlineIconTransparency"))
        #expect(result.output.contains("proactive-install"))
    }
}

@Suite("herald validate, several packages")
struct ValidateSeveralTests {
    @Test("one unreadable path is reported with the others, in every format, and the run exits 2", arguments: ["text", "json", "sarif", "junit"])
    func unreadableAmongOthers(_ format: String) throws {
        let missing = "/nonexistent/herald-\(UUID().uuidString)"
        let result = try Herald.run(["validate", "--no-color", "--format", format, missing, Herald.manifests.path])
        #expect(result.status == 2, "\(result.output)")
        // Standard error says it too; look only at the report, which starts after that line.
        let report = result.output.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix("herald validate: ") }
            .joined(separator: "\n")
        switch format {
        case "json":
            let reports = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [[String: Any]]
            #expect(reports?.map { $0["target"] as? String } == [missing, Herald.manifests.path])
            #expect((reports?.first?["findings"] as? [[String: Any]])?.first?["rule"] as? String == "PackageNotFound")
        case "sarif":
            let sarif = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any]
            let results = ((sarif?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
            #expect(results.contains { ($0["ruleId"] as? String) == "PackageNotFound" }, "\(results)")
        case "junit":
            #expect(report.contains("<testsuite name=\"\(missing)\""), "\(report)")
            #expect(report.contains("<testsuite name=\"\(Herald.manifests.path)\""))
        default:
            #expect(report.contains(missing))
            #expect(report.contains(Herald.manifests.path))
        }
    }
}
