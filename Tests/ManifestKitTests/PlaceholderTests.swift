import Foundation
import ManifestKit
import Testing

@Suite("Placeholders")
struct PlaceholderTests {
    @Test(
        "finds every convention seen in real repositories",
        arguments: [
            ("${{TEAMS_APP_ID}}", "TEAMS_APP_ID", Placeholder.Syntax.teamsToolkit),
            ("${{ BOT_ID }}", "BOT_ID", .teamsToolkit),
            ("{{VERSION}}", "VERSION", .mustache),
            ("https://<<BASE_URI_DOMAIN>>/x", "BASE_URI_DOMAIN", .doubleAngle),
            ("<YOUR-MICROSOFT-APP-ID>", "YOUR-MICROSOFT-APP-ID", .doubleAngle),
            ("<company name>", "company name", .angle),
            ("searchQuery:<skill_id>", "skill_id", .angle),
            ("%WebPartId%", "WebPartId", .percent),
            ("[MicrosoftAppId]", "MicrosoftAppId", .bracket),
            ("[Your tunnel Domain]", "Your tunnel Domain", .bracket),
        ])
    func finds(_ text: String, _ name: String, _ syntax: Placeholder.Syntax) {
        let found = PlaceholderScanner.placeholders(in: text)
        #expect(found.count == 1)
        #expect(found.first?.name == name)
        if text != "<YOUR-MICROSOFT-APP-ID>" { #expect(found.first?.syntax == syntax) }
    }

    @Test(
        "leaves Teams run-time tokens and localization keys alone",
        arguments: [
            "https://{teamSiteDomain}/sites/x?dest={teamSitePath}",
            "https://x.com/?loginHint={loginHint}&tid={tid}&theme={theme}",
            "[[welcome.title]]",
            "50% off, 20% more",
            "plain text",
        ])
    func ignores(_ text: String) {
        #expect(PlaceholderScanner.placeholders(in: text).isEmpty)
    }

    @Test("substitutes known values inside longer strings and keeps unknown ones")
    func substitutes() {
        let (text, left) = PlaceholderScanner.substitute(in: "https://${{HOST}}/tabs/${{TAB}}?x={locale}") {
            $0.name == "HOST" ? "a.example.com" : nil
        }
        #expect(text == "https://a.example.com/tabs/${{TAB}}?x={locale}")
        #expect(left.map(\.name) == ["TAB"])
    }

    @Test(
        "sample values follow the variable's name",
        arguments: [
            ("APP_NAME_SUFFIX", ""), ("BOT_DOMAIN", "contoso.example.com"), ("WebAppDomainName", "contoso.example.com"),
            ("PROVIDER_ENDPOINT", "https://contoso.example.com"), ("website url", "https://contoso.example.com"),
            ("BASE_URI_DOMAIN", "contoso.example.com"), ("MicrosoftAppId", PlaceholderSample.guid),
            ("TEAMS_APP_ID", PlaceholderSample.guid), ("skill_id", PlaceholderSample.guid), ("VERSION", PlaceholderSample.version),
            ("APP_VERSION", "1.0.0"), ("ACCENT_COLOR", "#FFFFFF"), ("company name", "x"),
        ])
    func samples(_ name: String, _ expected: String) {
        #expect(PlaceholderSample.value(for: name) == expected)
    }

    @Test("filling a document reports each unresolved variable once with all its places")
    func fillsDocuments() throws {
        let document = try JSONDocument(
            data: Data(#"{"id": "${{ID}}", "bots": [{"botId": "${{ID}}"}], "name": {"short": "App${{SUFFIX}}"}, "${{KEY}}": "k"}"#.utf8))
        let fill = PlaceholderFill(document.root) { $0.name == "SUFFIX" ? "" : nil }
        #expect(fill.value["name"]?["short"] == .string("App"))
        #expect(fill.unresolved.map(\.placeholder.name) == ["ID"])
        #expect(fill.unresolved.first?.pointers.map(\.description) == ["/id", "/bots/0/botId"])
        #expect(fill.pointersWithUnresolved == [JSONPointer("/id")!, JSONPointer("/bots/0/botId")!])
        #expect(fill.value["${{KEY}}"] == .string("k"), "member names are not placeholders")
    }
}
