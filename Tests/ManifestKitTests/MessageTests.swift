import Foundation
import ManifestKit
import Testing

/// Messages that say what to do (issue 9): requirements in words, values as written, placeholders that
/// were never going to be filled, one finding for the same problem in several localization files.
@Suite("Messages")
struct MessageTests {
    private static func object(_ members: [String: JSONValue]) -> JSONValue {
        var object = JSONObject()
        for key in members.keys.sorted() { object[key] = members[key] }
        return .object(object)
    }

    @Test("a GUID pattern failure says it must be a GUID and how to make one, not the regular expression")
    func guidInWords() throws {
        let report = SamplePackage.validate(["/webApplicationInfo/id": .string("not-a-guid")])
        let finding = try #require(report.findings.first { $0.rule == "SchemaError_Pattern" && $0.pointer?.description == "/webApplicationInfo/id" })
        #expect(finding.message.contains("\"not-a-guid\" must be a GUID"), "\(finding.message)")
        #expect(!finding.message.contains("[0-9a-fA-F]"))
        #expect(finding.hint?.contains("uuidgen") == true)
    }

    @Test("a URL pattern failure says it must be an https:// URL")
    func urlInWords() throws {
        let schema = try JSONSchema(document: try JSONDocument(data: Data(#"{"pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}"#.utf8)).root)
        let violation = try #require(schema.validate(.string("greeter.contoso.com/tab")).first)
        #expect(violation.message == "\"greeter.contoso.com/tab\" must be an https:// URL", "\(violation.message)")
        #expect(violation.hint?.contains("https://") == true)
    }

    @Test("values are quoted as written, not lower-cased")
    func quotedAsWritten() throws {
        let report = SamplePackage.validate(["/validDomains/0": .string("*.SharePoint.com")])
        let finding = try #require(report.findings("ValidDomainWildcardOnSharedHost").first)
        #expect(finding.message.contains("\"*.SharePoint.com\""), "\(finding.message)")
    }

    @Test(
        "a $VAR or ${VAR} value gets a detail that it looks like an unfilled placeholder, beside the rule's own hint",
        arguments: ["$BOT_ID", "${BOT_ID}"])
    func shellVariables(_ value: String) throws {
        let report = SamplePackage.validate(["/bots/0/botId": .string(value)])
        let finding = try #require(report.findings("BotIdIsNotGuid").first, "\(report.findings)")
        #expect(finding.details.contains { $0.contains("\"\(value)\" looks like an unfilled placeholder") }, "\(finding.details)")
        #expect(finding.hint?.contains("Microsoft App ID") == true, "the rule's own advice stays")
    }

    @Test(
        "OData's $metadata and a price in $USD are not taken for shell variables",
        arguments: ["https://contoso.com/odata/$metadata", "priced in $USD"])
    func notShellVariables(_ value: String) throws {
        let report = SamplePackage.validate(["/bots/0/botId": .string(value)])
        #expect(report.findings("BotIdIsNotGuid").first?.details.isEmpty == true)
    }

    @Test("the same finding in several localization files is shown once, naming the others; the manifest's findings come first")
    func groupedLocalization() throws {
        let info = Self.object([
            "defaultLanguageTag": .string("en-us"),
            "additionalLanguages": .array([
                Self.object(["languageTag": .string("fr"), "file": .string("fr.json")]),
                Self.object(["languageTag": .string("de"), "file": .string("de.json")]),
            ]),
        ])
        let localized = Data(#"{"name.short": "S", "description.short": "d", "description.full": "f"}"#.utf8)
        let manifest = SamplePackage.manifest(["/localizationInfo": info, "/version": .string("v1")])
        let report = SamplePackage.validate(manifest, files: ["fr.json": localized, "de.json": localized])
        let missing = report.findings("LocalizationSchemaIsMissing")
        #expect(Set(missing.map(\.file)) == ["fr.json", "de.json"], "JSON, SARIF and JUnit keep every file's finding")
        let files = report.findings.map(\.file)
        #expect(files.firstIndex { $0 != "manifest.json" }! > files.lastIndex(of: "manifest.json")!, "the manifest's findings come first")
        let text = TextReport(colors: false).render(report)
        #expect(text.components(separatedBy: "LocalizationSchemaIsMissing").count == 2, "shown once in text:\n\(text)")
        #expect(text.contains("· also in "), "\(text)")
    }
}
