import Foundation
import HeraldCore
import Testing

@Suite("Identifiers")
struct IdentifierTests {
    @Test("identifiers encode as the bare string Microsoft writes, and decode back")
    func coding() throws {
        let data = try JSONEncoder().encode(["tenant": TenantID("72f988bf-86f1-41af-91ab-2d7cd011db47")])
        #expect(String(decoding: data, as: UTF8.self) == #"{"tenant":"72f988bf-86f1-41af-91ab-2d7cd011db47"}"#)
        let decoded = try JSONDecoder().decode([String: AADObjectID].self, from: Data(#"{"user":"6b3f8f2a-0000-4000-8000-000000000001"}"#.utf8))
        #expect(decoded["user"] == "6b3f8f2a-0000-4000-8000-000000000001")
    }

    @Test(
        "a service URL ends in exactly one slash, so both spellings are one service",
        arguments: [
            "https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer//",
        ])
    func serviceURL(_ text: String) {
        let url = ServiceURL(text)
        #expect(url == "https://smba.trafficmanager.net/amer/")
        #expect(url.appending("v3/conversations") == "https://smba.trafficmanager.net/amer/v3/conversations")
        #expect(url.host == "smba.trafficmanager.net")
    }

    @Test(
        "tenant-scoped and government-cloud service URLs keep their path",
        arguments: [
            ("https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47", "smba.trafficmanager.net"),
            ("https://smba.infra.gcc.teams.microsoft.com/gcc", "smba.infra.gcc.teams.microsoft.com"),
            ("https://smba.infra.gov.teams.microsoft.us/gcch/", "smba.infra.gov.teams.microsoft.us"),
            ("https://SMBA.infra.dod.teams.microsoft.us/dod", "smba.infra.dod.teams.microsoft.us"),
        ])
    func serviceHosts(_ text: String, _ host: String) {
        let url = ServiceURL(text)
        #expect(url.rawValue.hasSuffix("/") && url.rawValue.dropLast().hasSuffix(text.split(separator: "/").last!))
        #expect(url.host == host)
    }

    @Test("a bot id is 28: and the app id")
    func botID() {
        let bot = BotID(appId: "00000000-0000-0000-0000-0000000000b0")
        #expect(bot.rawValue == "28:00000000-0000-0000-0000-0000000000b0")
        #expect(bot.appId == "00000000-0000-0000-0000-0000000000b0")
        #expect(BotID("plain").appId == "plain")
        #expect(TeamsUserID("29:1abc").isWellFormed && !TeamsUserID("abc").isWellFormed)
    }

    @Test("a reference subject says whose id it holds, and round-trips through JSON")
    func subject() throws {
        let subjects: [ReferenceSubject] = [.user("6b3f8f2a-0000-4000-8000-000000000001"), .team("19:abc@thread.tacv2")]
        let decoded = try JSONDecoder().decode([ReferenceSubject].self, from: try JSONEncoder().encode(subjects))
        #expect(decoded == subjects)
        #expect(subjects.map(\.kind) == [.personal, .team])
        #expect(ReferenceSubject(kind: .team, rawValue: "19:abc@thread.tacv2") == .team("19:abc@thread.tacv2"))
    }
}
