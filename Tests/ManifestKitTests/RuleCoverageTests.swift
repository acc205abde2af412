import Foundation
import ManifestKit
import Testing

/// Every rule in the catalog, triggered once from the valid sample: a table of what breaks it.
@Suite("Rule coverage")
struct RuleCoverageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let changes: [String: JSONValue?]
        var files: [String: Data] = [:]
        var manifestText: String? = nil
        var options = ValidationOptions()
        var testDescription: String { rule }
    }

    private static func object(_ members: [String: JSONValue]) -> JSONValue {
        var object = JSONObject()
        for key in members.keys.sorted() { object[key] = members[key] }
        return .object(object)
    }

    private static let localizationInfo = object([
        "defaultLanguageTag": .string("en-us"),
        "additionalLanguages": .array([object(["languageTag": .string("fr"), "file": .string("fr.json")])]),
    ])

    private static let grey = PNGFixture.rgba(width: 32, height: 32) { _, _ in RGBA(r: 9, g: 9, b: 9, a: 255) }

    static let cases: [Case] = [
        Case(rule: "Serialization_FileNotValidJson", changes: [:], manifestText: "{\"id\": }"),
        Case(rule: "JsonFileTooLarge", changes: [:], manifestText: String(repeating: " ", count: AppPackage.maximumJSONFileBytes + 1)),
        Case(rule: "Serialization_TrailingCommaInManifestJsonFile", changes: [:], manifestText: "[1,]"),
        Case(rule: "Serialization_FileMissing", changes: ["/icons/outline": .string("nowhere.png")]),
        Case(rule: "FileOutsideOfThePackage", changes: ["/icons/outline": .string("../outline.png")]),
        Case(rule: "Serialization_ManifestVersionPropertyMissing", changes: ["/manifestVersion": nil]),
        Case(rule: "ManifestIsNotAnObject", changes: [:], manifestText: "[]"),
        Case(rule: "UnknownManifestVersion", changes: ["/manifestVersion": .string("1.18")]),
        Case(rule: "UnresolvedPlaceholder", changes: ["/developer/name": .string("<company name>")]),
        Case(
            rule: "PlaceholderFilled", changes: ["/developer/name": .string("${{COMPANY}}")],
            options: ValidationOptions(environment: ["COMPANY": "Contoso"])),
        Case(rule: "CommonAppIdIsRequiredField", changes: ["/id": nil]),
        Case(rule: "CommonAppIdIsNotGuid", changes: ["/id": .string("123")]),
        Case(rule: "CommonSchemaUrlIsRequiredField", changes: ["/$schema": nil]),
        Case(
            rule: "ManifestVersionAndSchemaVersionAreNotTheSame",
            changes: ["/$schema": .string("https://developer.microsoft.com/json-schemas/teams/vDevPreview/MicrosoftTeams.schema.json")]),
        Case(rule: "VersionCannotBeEmpty", changes: ["/version": .string("")]),
        Case(rule: "VersionContainsOnlyNumbersDotSeparated", changes: ["/version": .string("v1")]),
        Case(rule: "VersionHasMajorLessThan1", changes: ["/version": .string("0.0.1")]),
        Case(rule: "BotIdIsNotGuid", changes: ["/bots/0/botId": .string("bot")]),
        Case(
            rule: "BotBasedComposeExtensionBotIdNotGuid",
            changes: ["/composeExtensions": .array([object(["botId": .string("bot"), "commands": .array([])])])]),
        Case(
            rule: "GroupChatForBotsLessThanV13",
            changes: [
                "/manifestVersion": .string("1.2"),
                "/$schema": .string("https://developer.microsoft.com/json-schemas/teams/v1.2/MicrosoftTeams.schema.json"),
                "/bots/0/scopes/0": .string("groupchat"),
            ]),
        Case(
            rule: "GroupChatForConfigurableTabsLessThanV13",
            changes: [
                "/manifestVersion": .string("1.2"),
                "/$schema": .string("https://developer.microsoft.com/json-schemas/teams/v1.2/MicrosoftTeams.schema.json"),
                "/configurableTabs": .array([
                    object(["configurationUrl": .string("https://greeter.contoso.com/config"), "scopes": .array([.string("groupchat")])])
                ]),
            ]),
        Case(rule: "PackageNameIsDefinedAfterManifestVersion116", changes: ["/packageName": .string("com.contoso")]),
        Case(
            rule: "CustomEngineAgentIdNotPersonalBot",
            changes: [
                "/copilotAgents": object(["customEngineAgents": .array([object(["id": .string(SamplePackage.appId), "type": .string("bot")])])])
            ]),
        Case(rule: "ShortNameIsRequiredField", changes: ["/name/short": .string("")]),
        Case(rule: "ShortNameLengthCheck", changes: ["/name/short": .string(String(repeating: "n", count: 31))]),
        Case(rule: "FullNameLengthCheck", changes: ["/name/full": .string(String(repeating: "n", count: 101))]),
        Case(rule: "ShortNameEqualsReservedName", changes: ["/name/short": .string("Teams")]),
        Case(rule: "ShortDescriptionCannotBeEmpty", changes: ["/description/short": .string(" ")]),
        Case(rule: "ShortDescriptionLengthCheck", changes: ["/description/short": .string(String(repeating: "d", count: 81))]),
        Case(rule: "FullDescriptionCannotBeEmpty", changes: ["/description/full": .string("")]),
        Case(rule: "FullDescriptionLengthCheck", changes: ["/description/full": .string(String(repeating: "d", count: 4001))]),
        Case(rule: "FullDescriptionContainsShortDescription", changes: ["/description/full": .string("Says hello to new colleagues.")]),
        Case(rule: "DeveloperNameIsRequiredField", changes: ["/developer/name": .string("")]),
        Case(rule: "DeveloperNameLengthCheck", changes: ["/developer/name": .string(String(repeating: "c", count: 33))]),
        Case(rule: "DeveloperUrlIsRequiredField", changes: ["/developer/termsOfUseUrl": .string("")]),
        Case(rule: "DeveloperUrlMustBeHttps", changes: ["/developer/websiteUrl": .string("http://contoso.com")]),
        Case(
            rule: "UrlMustBeHttps",
            changes: [
                "/staticTabs": .array([
                    object([
                        "entityId": .string("a"), "name": .string("A"), "contentUrl": .string("http://greeter.contoso.com"),
                        "scopes": .array([.string("personal")]),
                    ])
                ])
            ]),
        Case(rule: "InvalidColorIconHeightAndWidth", changes: [:], files: ["color.png": SamplePackage.outlineIcon]),
        Case(rule: "InvalidOutlineIconHeightAndWidth", changes: [:], files: ["outline.png": SamplePackage.colorIcon]),
        Case(rule: "InvalidOutlineIconTransparency", changes: [:], files: ["outline.png": grey]),
        Case(rule: "InvalidColor32x32IconHeightAndWidth", changes: ["/icons/color32x32": .string("color.png")]),
        Case(rule: "IconIsNotPng", changes: [:], files: ["outline.png": Data("<svg/>".utf8)]),
        Case(rule: "ValidDomainsContainsUrl", changes: ["/validDomains/0": .string("greeter.contoso.com/path")]),
        Case(rule: "ValidDomainWildcardOnTopLevelDomain", changes: ["/validDomains/0": .string("*")]),
        Case(rule: "ValidDomainWildcardOnSharedHost", changes: ["/validDomains/0": .string("*.sharepoint.com")]),
        Case(rule: "ValidDomainIsTunnel", changes: ["/validDomains/0": .string("x.devtunnels.ms")]),
        Case(
            rule: "DuplicateCommandId",
            changes: [
                "/composeExtensions": .array([
                    object([
                        "botId": .string(SamplePackage.botId),
                        "commands": .array([
                            object(["id": .string("a"), "title": .string("A")]), object(["id": .string("a"), "title": .string("B")]),
                        ]),
                    ])
                ])
            ]),
        Case(
            rule: "DuplicateBotCommandTitle",
            changes: ["/bots/0/commandLists/0/commands/1": object(["title": .string("HELP"), "description": .string("again")])]),
        Case(
            rule: "DuplicateStaticTabEntityId",
            changes: [
                "/staticTabs": .array([
                    object(["entityId": .string("home"), "scopes": .array([.string("personal")])]),
                    object(["entityId": .string("home"), "scopes": .array([.string("personal")])]),
                ])
            ]),
        Case(
            rule: "UniqueActivityTypeInActivitiesValidation",
            changes: [
                "/activities": object([
                    "activityTypes": .array([
                        object(["type": .string("sent"), "description": .string("d"), "templateText": .string("t")]),
                        object(["type": .string("sent"), "description": .string("d"), "templateText": .string("t")]),
                    ])
                ])
            ]),
        Case(
            rule: "ReservedActivitiesValidation",
            changes: [
                "/activities": object([
                    "activityTypes": .array([object(["type": .string("systemDefault"), "description": .string("d"), "templateText": .string("t")])])
                ])
            ]),
        Case(
            rule: "LocalizationSchemaIsMissing", changes: ["/localizationInfo": localizationInfo],
            files: ["fr.json": Data(#"{"name.short": "S", "description.short": "d", "description.full": "f"}"#.utf8)]),
        Case(
            rule: "LocalizationSchemaDoesNotFollowConventionalSchemaRegex", changes: ["/localizationInfo": localizationInfo],
            files: [
                "fr.json": Data(
                    #"{"$schema": "https://example.com/schema.json", "name.short": "S", "description.short": "d", "description.full": "f"}"#.utf8)
            ]),
        Case(
            rule: "LocalizationSchemaVersionIsNotTheSameAsTheManifestSchemaVersion", changes: ["/localizationInfo": localizationInfo],
            files: [
                "fr.json": Data(
                    #"{"$schema": "https://developer.microsoft.com/json-schemas/teams/v1.16/MicrosoftTeams.Localization.schema.json", "name.short": "S", "description.short": "d", "description.full": "f"}"#
                        .utf8)
            ]),
        Case(rule: "ProactiveInstallNeedsBot", changes: ["/bots": nil]),
        Case(
            rule: "ProactiveInstallNeedsPersonalScope",
            changes: ["/bots/0/scopes/0": .string("team"), "/bots/0/commandLists/0/scopes/0": .string("team")]),
        Case(rule: "ProactiveInstallNeedsWebApplicationInfo", changes: ["/webApplicationInfo": nil]),
        Case(rule: "ProactiveInstallWebApplicationInfoIdMismatch", changes: ["/webApplicationInfo/id": .string(SamplePackage.appId)]),
        Case(rule: "ManifestNotAtPackageRoot", changes: [:]),
    ]

    @Test("the table covers every rule in the catalog")
    func coversCatalog() {
        #expect(Set(Self.cases.map(\.rule)) == Set(Rules.all.map(\.id)))
    }

    @Test(
        "each rule fires on its broken sample, with a hint, and nowhere on the valid sample",
        arguments: cases.filter { $0.rule != "ManifestNotAtPackageRoot" })
    func fires(_ testCase: Case) {
        let report = SamplePackage.validate(
            SamplePackage.manifest(testCase.changes), files: testCase.files, options: testCase.options, manifestText: testCase.manifestText)
        let found = report.findings(testCase.rule)
        #expect(!found.isEmpty, "\(testCase.rule) did not fire; got \(report.findings.map(\.rule))")
        #expect(found.allSatisfy { $0.hint?.isEmpty == false && !$0.message.isEmpty })
        #expect(found.allSatisfy { $0.position != nil || $0.pointer == nil }, "findings with a pointer have a line")
        #expect(!SamplePackage.validate().rules.contains(testCase.rule))
    }
}
