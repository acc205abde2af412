import Foundation
import ManifestKit
import Testing

/// Each rule beyond the schema: the sample passes it, a broken copy fails it at the right pointer.
@Suite("Rules")
struct RuleTests {
    private func expect(
        _ rule: String, at pointer: String, for changes: [String: JSONValue?], severity: Severity = .error,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let report = SamplePackage.validate(changes)
        let found = report.findings(rule)
        #expect(
            found.count == 1, "expected one \(rule), got \(report.findings.map { "\($0.rule) \($0.pointer?.description ?? "")" })",
            sourceLocation: sourceLocation)
        #expect(found.first?.pointer?.description == pointer, sourceLocation: sourceLocation)
        #expect(found.first?.severity == severity, sourceLocation: sourceLocation)
        #expect(found.first?.hint?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(found.first?.position != nil, sourceLocation: sourceLocation)
    }

    @Test("every rule has a unique id, a summary and a hint")
    func catalog() {
        #expect(Set(Rules.all.map(\.id)).count == Rules.all.count)
        #expect(Rules.all.allSatisfy { !$0.summary.isEmpty && !$0.hint.isEmpty })
    }

    @Test("id: present and a GUID")
    func appId() {
        expect("CommonAppIdIsRequiredField", at: "", for: ["/id": nil])
        expect("CommonAppIdIsNotGuid", at: "/id", for: ["/id": .string("my-app")])
    }

    @Test("$schema: present, and its version equals manifestVersion")
    func schemaURL() {
        expect("CommonSchemaUrlIsRequiredField", at: "", for: ["/$schema": nil])
        expect(
            "ManifestVersionAndSchemaVersionAreNotTheSame", at: "/$schema",
            for: ["/$schema": .string("https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json")])
    }

    @Test("version: semver digits, major at least 1")
    func version() {
        expect("VersionCannotBeEmpty", at: "/version", for: ["/version": .string("")])
        expect("VersionContainsOnlyNumbersDotSeparated", at: "/version", for: ["/version": .string("1.0")])
        expect("VersionContainsOnlyNumbersDotSeparated", at: "/version", for: ["/version": .string("1.0.0-beta")])
        expect("VersionHasMajorLessThan1", at: "/version", for: ["/version": .string("0.9.1")], severity: .warning)
    }

    @Test("bot ids are GUIDs (also before the schema enforced it)")
    func botIds() {
        expect("BotIdIsNotGuid", at: "/bots/0/botId", for: ["/bots/0/botId": .string("28:bot")])
        let report = SamplePackage.validate(
            SamplePackage.manifest([
                "/composeExtensions": .array([.object(JSONObject())]), "/composeExtensions/0/botId": .string("bot"),
                "/composeExtensions/0/commands": .array([]),
            ]))
        #expect(report.findings("BotBasedComposeExtensionBotIdNotGuid").first?.pointer?.description == "/composeExtensions/0/botId")
    }

    @Test("groupChat needs 1.3; packageName is gone after 1.16")
    func versionGates() throws {
        let old = SamplePackage.manifest([
            "/manifestVersion": .string("1.2"),
            "/$schema": .string("https://developer.microsoft.com/json-schemas/teams/v1.2/MicrosoftTeams.schema.json"),
            "/bots/0/scopes/1": .string("groupchat"),
        ])
        #expect(SamplePackage.validate(old).findings("GroupChatForBotsLessThanV13").first?.pointer?.description == "/bots/0/scopes/1")
        expect(
            "PackageNameIsDefinedAfterManifestVersion116", at: "/packageName", for: ["/packageName": .string("com.contoso.greeter")],
            severity: .warning)
    }

    @Test("names and descriptions: lengths Teams enforces, not empty, not reserved")
    func names() {
        expect("ShortNameLengthCheck", at: "/name/short", for: ["/name/short": .string(String(repeating: "a", count: 31))])
        expect("ShortNameIsRequiredField", at: "/name/short", for: ["/name/short": .string(" ")])
        expect("ShortNameEqualsReservedName", at: "/name/short", for: ["/name/short": .string("Calendar")])
        expect("FullNameLengthCheck", at: "/name/full", for: ["/name/full": .string(String(repeating: "a", count: 101))])
        expect("ShortDescriptionLengthCheck", at: "/description/short", for: ["/description/short": .string(String(repeating: "a", count: 81))])
        expect("ShortDescriptionCannotBeEmpty", at: "/description/short", for: ["/description/short": .string("")])
        expect("FullDescriptionLengthCheck", at: "/description/full", for: ["/description/full": .string(String(repeating: "a", count: 4001))])
        expect(
            "FullDescriptionContainsShortDescription", at: "/description/full",
            for: ["/description/full": .string("Says hello to new colleagues. And more.")], severity: .warning)
        expect("DeveloperNameLengthCheck", at: "/developer/name", for: ["/developer/name": .string(String(repeating: "a", count: 33))])
    }

    @Test("developer and tab URLs use https")
    func https() {
        expect("DeveloperUrlMustBeHttps", at: "/developer/privacyUrl", for: ["/developer/privacyUrl": .string("http://contoso.com/privacy")])
        let tab = JSONValue.object(
            {
                var o = JSONObject()
                o["entityId"] = .string("home")
                o["name"] = .string("Home")
                o["contentUrl"] = .string("http://greeter.contoso.com/tab")
                o["scopes"] = .array([.string("personal")])
                return o
            }())
        expect("UrlMustBeHttps", at: "/staticTabs/0/contentUrl", for: ["/staticTabs": .array([tab])])
    }

    @Test("icons: present, PNG, 192×192 and 32×32, outline white on transparent")
    func icons() {
        let missing = SamplePackage.validate(SamplePackage.manifest(["/icons/color": .string("missing.png")]))
        #expect(missing.findings("Serialization_FileMissing").first?.pointer?.description == "/icons/color")
        let outside = SamplePackage.validate(SamplePackage.manifest(["/icons/color": .string("../color.png")]))
        #expect(outside.rules.contains("FileOutsideOfThePackage"))
        let wrongSize = PNGFixture.rgba(width: 20, height: 20) { _, _ in RGBA(r: 255, g: 255, b: 255, a: 255) }
        let small = SamplePackage.validate(files: ["outline.png": wrongSize, "color.png": wrongSize])
        #expect(small.rules == ["InvalidColorIconHeightAndWidth", "InvalidOutlineIconHeightAndWidth"])
        #expect(small.findings("InvalidOutlineIconHeightAndWidth").first?.message.contains("20×20") == true)
        let grey = PNGFixture.rgba(width: 32, height: 32) { x, _ in x == 3 ? RGBA(r: 128, g: 128, b: 128, a: 255) : RGBA(r: 0, g: 0, b: 0, a: 0) }
        let greyReport = SamplePackage.validate(files: ["outline.png": grey])
        #expect(greyReport.rules == ["InvalidOutlineIconTransparency"])
        #expect(greyReport.findings.first?.message.contains("255,128,128,128") == true)
        let tinted = PNGFixture.rgba(width: 32, height: 32) { _, _ in RGBA(r: 255, g: 200, b: 255, a: 128) }
        #expect(SamplePackage.validate(files: ["outline.png": tinted]).rules == ["InvalidOutlineIconTransparency"])
        #expect(SamplePackage.validate(files: ["color.png": Data("GIF89a".utf8)]).rules == ["IconIsNotPng"])
    }

    @Test("validDomains: hosts, no top-level or shared wildcards, tunnels warned")
    func domains() {
        expect("ValidDomainsContainsUrl", at: "/validDomains/0", for: ["/validDomains/0": .string("https://greeter.contoso.com")])
        expect("ValidDomainWildcardOnTopLevelDomain", at: "/validDomains/0", for: ["/validDomains/0": .string("*.com")])
        expect("ValidDomainWildcardOnTopLevelDomain", at: "/validDomains/0", for: ["/validDomains/0": .string("*.co.uk")])
        expect("ValidDomainWildcardOnSharedHost", at: "/validDomains/0", for: ["/validDomains/0": .string("*.azurewebsites.net")], severity: .warning)
        expect("ValidDomainIsTunnel", at: "/validDomains/0", for: ["/validDomains/0": .string("abc.ngrok-free.app")], severity: .warning)
        #expect(
            SamplePackage.validate([
                "/validDomains": .array([.string("*.contoso.com"), .string("token.botframework.com"), .string("{teamSiteDomain}")])
            ]).findings.isEmpty)
    }

    @Test("unique command ids, command titles, static tab entity ids and activity types")
    func uniqueness() {
        let command = { (id: String) -> JSONValue in
            var o = JSONObject()
            o["id"] = .string(id)
            o["title"] = .string(id)
            return .object(o)
        }
        var compose = JSONObject()
        compose["botId"] = .string(SamplePackage.botId)
        compose["commands"] = .array([command("search"), command("Search")])
        expect("DuplicateCommandId", at: "/composeExtensions/0/commands/1/id", for: ["/composeExtensions": .array([.object(compose)])])
        expect(
            "DuplicateBotCommandTitle", at: "/bots/0/commandLists/0/commands/1/title",
            for: [
                "/bots/0/commandLists/0/commands/1": SamplePackage.manifest["bots"]!.arrayValue![0]["commandLists"]!.arrayValue![0]["commands"]!
                    .arrayValue![0]
            ], severity: .warning)
    }

    @Test("proactive install readiness: warnings by default, errors when required")
    func proactiveInstall() {
        expect(
            "ProactiveInstallNeedsPersonalScope", at: "/bots/0/scopes",
            for: ["/bots/0/scopes/0": .string("team"), "/bots/0/commandLists/0/scopes/0": .string("team")], severity: .warning)
        expect("ProactiveInstallNeedsWebApplicationInfo", at: "", for: ["/webApplicationInfo": nil], severity: .warning)
        expect(
            "ProactiveInstallWebApplicationInfoIdMismatch", at: "/webApplicationInfo/id",
            for: ["/webApplicationInfo/id": .string(SamplePackage.appId)], severity: .warning)
        expect("ProactiveInstallNeedsBot", at: "", for: ["/bots": nil], severity: .warning)
        let strict = SamplePackage.validate(["/bots": nil], options: ValidationOptions(requireProactiveInstall: true))
        #expect(strict.findings("ProactiveInstallNeedsBot").first?.severity == .error)
        #expect(!strict.isValid)
        let same = SamplePackage.validate(["/bots/0/botId": .string("${{BOT_ID}}"), "/webApplicationInfo/id": .string("${{BOT_ID}}")])
        #expect(same.findings("ProactiveInstallWebApplicationInfoIdMismatch").isEmpty)
    }

    @Test("localization files: present, valid JSON, right $schema, valid against the localization schema")
    func localization() throws {
        var info = JSONObject()
        info["defaultLanguageTag"] = .string("en-us")
        var french = JSONObject()
        french["languageTag"] = .string("fr")
        french["file"] = .string("fr.json")
        info["additionalLanguages"] = .array([.object(french)])
        let manifest = SamplePackage.manifest(["/localizationInfo": .object(info)])
        let missing = SamplePackage.validate(manifest)
        #expect(missing.findings("Serialization_FileMissing").first?.pointer?.description == "/localizationInfo/additionalLanguages/0/file")
        let good =
            #"{"$schema": "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json", "name.short": "Saluer", "description.short": "Dit bonjour.", "description.full": "Envoie une carte de bienvenue."}"#
        #expect(SamplePackage.validate(manifest, files: ["fr.json": Data(good.utf8)]).findings.isEmpty)
        let wrongVersion = good.replacingOccurrences(of: "v1.30", with: "v1.29")
        #expect(
            SamplePackage.validate(manifest, files: ["fr.json": Data(wrongVersion.utf8)]).rules == [
                "LocalizationSchemaVersionIsNotTheSameAsTheManifestSchemaVersion"
            ])
        let incomplete =
            #"{"$schema": "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json", "name.short": "Saluer", "bogus": 1}"#
        let report = SamplePackage.validate(manifest, files: ["fr.json": Data(incomplete.utf8)])
        #expect(report.rules == ["SchemaError_Required", "SchemaError_AdditionalProperties"])
        #expect(report.findings.allSatisfy { $0.file == "fr.json" })
        let noSchema = SamplePackage.validate(
            manifest, files: ["fr.json": Data(#"{"name.short": "S", "description.short": "d", "description.full": "f"}"#.utf8)])
        #expect(noSchema.rules == ["LocalizationSchemaIsMissing"])
        #expect(SamplePackage.validate(manifest, files: ["fr.json": Data("{,}".utf8)]).findings.first?.file == "fr.json")
    }
}
