import Foundation
import ManifestKit
import Testing

/// The classes of issue 9 about placeholders: ordinary text is not a placeholder, an ambiguous form hides
/// nothing, the environment fills only `${{VAR}}`, and sample values satisfy the fields they fill.
@Suite("Placeholder classes")
struct PlaceholderClassTests {
    @Test(
        "ordinary text in names and descriptions is not a placeholder",
        arguments: [
            "[O365C] Products Catalog", "[Preview] Task Module", "Read the [user guide](https://contoso.com/guide)", "Press <Enter> to send",
            "<b>bold</b> text", "Hours 9-17 [CET]", "See [docs](https://contoso.com)", "x <y> z",
        ])
    func ordinaryText(_ text: String) {
        #expect(PlaceholderScanner.placeholders(in: text).isEmpty, "\(PlaceholderScanner.placeholders(in: text))")
    }

    @Test(
        "a bare <VAR> or [VAR] counts as a whole value or a whole part of a host or URL",
        arguments: [
            ("<APP_ID>", "APP_ID"), ("https://<HOST>/tab", "HOST"), ("https://[domain].contoso.com/x", "domain"),
            ("<TAB_DOMAIN>.azurewebsites.net", "TAB_DOMAIN"),
            ("https://contoso.com/?app=<APP_ID>&x=1", "APP_ID"), ("api://[BOT_DOMAIN]/[BOT_ID]", "BOT_DOMAIN"),
        ])
    func barePlaceholders(_ text: String, _ first: String) {
        #expect(PlaceholderScanner.placeholders(in: text).first?.name == first)
    }

    @Test("a bracketed word no longer hides the field's real error: a 46-character name.short is reported")
    func noHiddenLength() {
        let name = "[Preview] " + String(repeating: "n", count: 36)
        let report = SamplePackage.validate(["/name/short": .string(name)])
        #expect(!report.rules.contains("UnresolvedPlaceholder"))
        #expect(report.rules.contains("ShortNameLengthCheck"))
        #expect(!report.isValid)
    }

    @Test("an unfilled whole-value <VAR> is reported, and the field's own error is reported too")
    func ambiguousHidesNothing() {
        let report = SamplePackage.validate(["/id": .string("<APP_ID>")])
        #expect(report.rules.contains("UnresolvedPlaceholder"))
        let guid = report.findings("CommonAppIdIsNotGuid")
        #expect(guid.count == 1)
        #expect(guid.first?.severity == .warning, "in a template it fails no more than the placeholder itself")
        #expect(report.isValid)
        let strict = SamplePackage.validate(
            SamplePackage.manifest(["/id": .string("<APP_ID>")]), options: ValidationOptions(unresolvedSeverity: .error))
        #expect(strict.findings("CommonAppIdIsNotGuid").first?.severity == .error)
        let unambiguous = SamplePackage.validate(["/id": .string("${{APP_ID}}")])
        #expect(unambiguous.rules.contains("UnresolvedPlaceholder"))
        #expect(!unambiguous.rules.contains("CommonAppIdIsNotGuid"), "an unmistakable placeholder still stands for the value")
    }

    @Test("the process environment fills only ${{VAR}}; --env-file fills every form; a note says where each value came from")
    func environmentSources() {
        let manifest = SamplePackage.manifest([
            "/developer/name": .string("%USERNAME%"), "/validDomains/0": .string("{{HOSTNAME}}"), "/name/short": .string("${{SHORT_NAME}}"),
        ])
        let environment = ["USERNAME": "alice", "HOSTNAME": "runner-7f3a", "SHORT_NAME": "Greeter"]
        let fromEnvironment = SamplePackage.validate(manifest, options: ValidationOptions(environment: environment))
        #expect(Set(fromEnvironment.findings("UnresolvedPlaceholder").map(\.message.first)) == ["%", "{"], "\(fromEnvironment.findings)")
        #expect(fromEnvironment.findings("PlaceholderFilled").map(\.message) == ["${{SHORT_NAME}} was filled from the environment"])
        let fromFile = SamplePackage.validate(
            manifest,
            options: ValidationOptions(
                variables: ["USERNAME": "Contoso", "HOSTNAME": "greeter.contoso.com"], variablesSource: "--env-file env/.env.dev",
                environment: environment))
        #expect(fromFile.findings("UnresolvedPlaceholder").isEmpty)
        #expect(
            Set(fromFile.findings("PlaceholderFilled").map(\.message)) == [
                "%USERNAME% was filled from --env-file env/.env.dev", "{{HOSTNAME}} was filled from --env-file env/.env.dev",
                "${{SHORT_NAME}} was filled from the environment",
            ])
        #expect(fromFile.findings("PlaceholderFilled").allSatisfy { $0.severity == .note })
    }

    @Test(
        "sample mode chooses a whole-value stand-in by the field it fills",
        arguments: [
            ("/version", "{{BUILD_NUMBER}}"), ("/id", "<<APP>>"), ("/developer/websiteUrl", "{{SITE}}"), ("/accentColor", "{{BRAND}}"),
            ("/validDomains/0", "{{TUNNEL}}"), ("/bots/0/botId", "%BOT%"),
        ])
    func sampleByField(_ pointer: String, _ placeholder: String) {
        let report = SamplePackage.validate([pointer: .string(placeholder)], options: ValidationOptions(placeholderMode: .sample))
        #expect(report.isValid, "\(report.findings.filter { $0.severity == .error })")
        #expect(report.findings.allSatisfy { $0.severity != .error && ($0.pointer?.description != pointer || $0.rule == "UnresolvedPlaceholder") })
    }

    @Test("sample mode's stand-ins satisfy the fields they fill: a {{VERSION}} is a version")
    func sampleVersion() {
        let report = SamplePackage.validate(["/version": .string("{{VERSION}}")], options: ValidationOptions(placeholderMode: .sample))
        #expect(!report.rules.contains("VersionContainsOnlyNumbersDotSeparated"), "\(report.findings)")
        #expect(report.isValid)
    }
}

/// "A warning must never hide an error", and `$schema` URLs in every published form.
@Suite("Hidden errors")
struct HiddenErrorTests {
    @Test("a webApplicationInfo.id that is not a GUID stays an error beside the proactive-install warning")
    func warningHidesNothing() {
        let report = SamplePackage.validate(["/webApplicationInfo/id": .string("not-a-guid")])
        #expect(report.rules.contains("ProactiveInstallWebApplicationInfoIdMismatch"))
        #expect(report.findings.contains { $0.severity == .error && $0.pointer?.description == "/webApplicationInfo/id" }, "\(report.findings)")
        #expect(!report.isValid)
    }

    @Test("a rule that says the same thing still replaces the schema's pattern error")
    func sameThingSupersedes() {
        let report = SamplePackage.validate(["/id": .string("123")])
        #expect(report.rules.contains("CommonAppIdIsNotGuid"))
        #expect(!report.findings.contains { $0.rule == "SchemaError_Pattern" && $0.pointer?.description == "/id" })
    }

    @Test(
        "$schema URLs of every published form are compared with manifestVersion",
        arguments: [
            (
                "https://raw.githubusercontent.com/OfficeDev/microsoft-teams-app-schema/preview/DevPreview/MicrosoftTeams.schema.json", "devPreview",
                true
            ),
            ("https://developer.microsoft.com/json-schemas/teams/vDevPreview/MicrosoftTeams.schema.json", "devPreview", true),
            ("https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json", "1.30", true),
            ("https://raw.githubusercontent.com/OfficeDev/microsoft-teams-app-schema/preview/DevPreview/MicrosoftTeams.schema.json", "1.30", false),
        ])
    func schemaURLForms(_ url: String, _ version: String, _ agrees: Bool) {
        let report = SamplePackage.validate(["/$schema": .string(url), "/manifestVersion": .string(version)])
        #expect(report.rules.contains("ManifestVersionAndSchemaVersionAreNotTheSame") == !agrees, "\(report.findings)")
    }
}
