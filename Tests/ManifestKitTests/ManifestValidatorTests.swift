import Foundation
import ManifestKit
import Testing

@Suite("ManifestValidator: package, schema and placeholders")
struct ManifestValidatorTests {
    @Test("the sample package is valid with no findings at all")
    func sampleIsClean() {
        let report = SamplePackage.validate()
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.isValid)
        #expect(report.schema == "v1.30.schema.json (shipped)")
    }

    @Test("a JSON syntax error is one finding with line and column")
    func syntaxError() {
        let report = SamplePackage.validate(manifestText: "{\n  \"id\": \"x\"\n  \"version\": \"1\"\n}")
        #expect(report.findings.map(\.rule) == ["Serialization_FileNotValidJson"])
        #expect(report.findings.first?.position == SourcePosition(line: 3, column: 3))
    }

    @Test("a trailing comma has its own code")
    func trailingComma() {
        let report = SamplePackage.validate(manifestText: "{\"id\": \"x\",\n}")
        #expect(report.findings.map(\.rule) == ["Serialization_TrailingCommaInManifestJsonFile"])
    }

    @Test("schema failures are named as the Teams service names them, with value, limit and line")
    func schemaFailures() {
        let report = SamplePackage.validate(["/accentColor": .string("blue"), "/bots/0/scopes/0": .string("Personal"), "/extra": .bool(true)])
        #expect(report.rules.isSuperset(of: ["SchemaError_Pattern", "SchemaError_Enum", "SchemaError_AdditionalProperties"]))
        let pattern = report.findings("SchemaError_Pattern").first
        #expect(pattern?.pointer?.description == "/accentColor")
        #expect(pattern?.message.contains("\"blue\"") == true)
        #expect(pattern?.position != nil)
        #expect(!report.isValid)
    }

    @Test("a missing manifestVersion and an unknown one are reported")
    func versions() {
        #expect(SamplePackage.validate(["/manifestVersion": nil]).rules.contains("Serialization_ManifestVersionPropertyMissing"))
        let unknown = SamplePackage.validate(["/manifestVersion": .string("1.99")])
        #expect(unknown.rules.contains("UnknownManifestVersion"))
        #expect(unknown.findings("UnknownManifestVersion").first?.hint?.contains("herald schemas fetch 1.99") == true)
    }

    @Test("every shipped schema version compiles and rejects an empty object")
    func everyVersionCompiles() throws {
        let versions = SamplePackage.catalog.shippedVersions
        #expect(versions.count == 31)
        #expect(versions.first == "1.0")
        #expect(versions.last == "devPreview")
        for version in versions {
            let entry = try #require(try SamplePackage.catalog.schema(forVersion: version))
            #expect(!entry.schema.isValid(.object(JSONObject())), "v\(version)")
            if ManifestVersion(version)! >= ManifestVersion("1.5")! {
                #expect(try SamplePackage.catalog.schema(forVersion: version, kind: .localization) != nil, "localization v\(version)")
            }
        }
    }

    @Test("an unresolved placeholder is reported once, and its fields are not reported again")
    func unresolvedPlaceholders() {
        let report = SamplePackage.validate([
            "/id": .string("${{TEAMS_APP_ID}}"), "/bots/0/botId": .string("${{BOT_ID}}"), "/webApplicationInfo/id": .string("${{BOT_ID}}"),
        ])
        #expect(report.findings("UnresolvedPlaceholder").count == 2)
        let bot = report.findings("UnresolvedPlaceholder").first { $0.message.contains("BOT_ID") }
        #expect(bot?.message.contains("1 other place") == true)
        #expect(bot?.severity == .warning, "a folder is a template: warning by default")
        #expect(!report.rules.contains("SchemaError_Pattern"))
        #expect(!report.rules.contains("CommonAppIdIsNotGuid"))
        #expect(!report.rules.contains("BotIdIsNotGuid"))
        #expect(report.isValid)
    }

    @Test("placeholders are filled from variables; --unresolved error makes the rest errors")
    func filledPlaceholders() {
        let manifest = SamplePackage.manifest(["/id": .string("${{TEAMS_APP_ID}}"), "/name/short": .string("Greeter${{APP_NAME_SUFFIX}}")])
        let filled = SamplePackage.validate(
            manifest, options: ValidationOptions(variables: ["TEAMS_APP_ID": SamplePackage.appId, "APP_NAME_SUFFIX": "-dev"]))
        #expect(filled.findings.allSatisfy { $0.rule == "PlaceholderFilled" && $0.severity == .note }, "\(filled.findings)")
        #expect(
            filled.findings.map(\.message) == ["${{TEAMS_APP_ID}} was filled from --env-file", "${{APP_NAME_SUFFIX}} was filled from --env-file"])
        let wrong = SamplePackage.validate(manifest, options: ValidationOptions(variables: ["TEAMS_APP_ID": "not-a-guid", "APP_NAME_SUFFIX": ""]))
        #expect(wrong.rules.contains("CommonAppIdIsNotGuid"))
        let strict = SamplePackage.validate(manifest, options: ValidationOptions(unresolvedSeverity: .error))
        #expect(strict.findings("UnresolvedPlaceholder").allSatisfy { $0.severity == .error })
        #expect(!strict.isValid)
    }

    @Test("sample mode checks filled fields and keeps placeholders as notes")
    func sampleMode() {
        let manifest = SamplePackage.manifest(["/id": .string("${{TEAMS_APP_ID}}"), "/developer/websiteUrl": .string("http://${{HOST}}")])
        let report = SamplePackage.validate(manifest, options: ValidationOptions(placeholderMode: .sample))
        #expect(report.findings("UnresolvedPlaceholder").allSatisfy { $0.severity == .note })
        #expect(report.rules.contains("DeveloperUrlMustBeHttps"))
    }

    @Test("placeholders off validates the text as written")
    func placeholdersOff() {
        let report = SamplePackage.validate(["/id": .string("${{TEAMS_APP_ID}}")], options: ValidationOptions(placeholderMode: .off))
        #expect(report.rules.contains("CommonAppIdIsNotGuid"))
        #expect(!report.rules.contains("UnresolvedPlaceholder"))
    }

    @Test("a rule finding replaces the schema's pattern failure at the same place")
    func noDuplicates() {
        let report = SamplePackage.validate(["/id": .string("not-a-guid")])
        #expect(report.findings.filter { $0.pointer?.description == "/id" }.map(\.rule) == ["CommonAppIdIsNotGuid"])
    }

    @Test("a zip whose manifest is inside a folder is reported")
    func nestedManifest() {
        var files = ["appPackage/color.png": SamplePackage.colorIcon, "appPackage/outline.png": SamplePackage.outlineIcon]
        files["appPackage/manifest.json"] = Data(SamplePackage.manifest.serialized.utf8)
        let report = ManifestValidator(catalog: SamplePackage.catalog).validate(
            AppPackage(files: files, kind: .zip, displayPath: "app.zip", manifestPath: "appPackage/manifest.json"))
        #expect(report.rules == ["ManifestNotAtPackageRoot"])
    }
}

@Suite("ManifestValidator: placeholders in structural fields")
struct StructuralPlaceholderTests {
    @Test("a placeholder manifestVersion is reported once, not again as an unknown version")
    func placeholderVersion() {
        let report = SamplePackage.validate(["/manifestVersion": .string("{{MANIFEST_VERSION}}")])
        #expect(report.rules.contains("UnresolvedPlaceholder"))
        #expect(!report.rules.contains("UnknownManifestVersion"))
        #expect(!report.rules.contains("ManifestVersionAndSchemaVersionAreNotTheSame"))
    }
}
