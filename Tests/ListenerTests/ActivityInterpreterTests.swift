import Foundation
import HeraldCore
import Listener
import Testing

/// The real Teams payload shapes of protocol.md §2, as Herald interprets them.
@Suite("ActivityInterpreter")
struct ActivityInterpreterTests {
    static let appId = "00000000-0000-0000-0000-0000000000b0"
    static let interpreter = ActivityInterpreter(appId: appId)
    static let arrival = Date(timeIntervalSince1970: 1_800_000_000)

    static func activity(_ json: String) throws -> Activity {
        try JSONDecoder().decode(Activity.self, from: Data(json.utf8))
    }

    static let personalInstall = """
        {"type":"conversationUpdate","id":"f:1","timestamp":"2024-05-01T10:00:00.123Z","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/amer/",
         "from":{"id":"29:user","aadObjectId":"aad-user"},"recipient":{"id":"28:\(appId)","name":"Herald"},
         "conversation":{"conversationType":"personal","tenantId":"tenant","id":"a:conv"},
         "membersAdded":[{"id":"28:\(appId)"},{"id":"29:user","aadObjectId":"aad-user"}],"channelData":{"tenant":{"id":"tenant"}}}
        """

    @Test("a personal install's conversationUpdate captures the user's reference")
    func personalInstall() throws {
        let changes = Self.interpreter.changes(for: try Self.activity(Self.personalInstall), receivedAt: Self.arrival)
        guard case .observe(let observation)? = changes.first, changes.count == 1 else {
            Issue.record("\(changes)")
            return
        }
        #expect(observation.tenantId == "tenant")
        #expect(observation.subject == .user("aad-user"))
        #expect(observation.subject.kind == .personal)
        #expect(observation.bot == BotID(appId: Self.appId))
        #expect(observation.conversationId == "a:conv")
        #expect(observation.teamsUserId == "29:user")
        #expect(observation.serviceURL == "https://smba.trafficmanager.net/amer/")
        #expect(abs(observation.observedAt.timeIntervalSince1970 - 1_714_557_600.123) < 0.0005)
    }

    @Test(
        "installationUpdate add and add-upgrade capture; remove and remove-upgrade deactivate",
        arguments: ["add", "add-upgrade", "remove", "remove-upgrade", "other"])
    func installationUpdate(_ action: String) throws {
        let json = """
            {"type":"installationUpdate","action":"\(action)","id":"f:2","timestamp":"2022-10-28T17:19:39.4615413Z","channelId":"msteams",
             "serviceUrl":"https://smba.trafficmanager.net/emea/","locale":"en-US","from":{"id":"29:user","aadObjectId":"aad-user"},
             "recipient":{"id":"28:\(Self.appId)"},"conversation":{"conversationType":"personal","tenantId":"tenant","id":"a:conv"},
             "entities":[{"type":"clientInfo","locale":"en-US"}],"channelData":{"tenant":{"id":"tenant"},"source":{"name":"message"}}}
            """
        let changes = Self.interpreter.changes(for: try Self.activity(json), receivedAt: Self.arrival)
        switch action {
        case "add", "add-upgrade":
            guard case .observe(let observation)? = changes.first else {
                Issue.record("\(changes)")
                return
            }
            #expect(abs(observation.observedAt.timeIntervalSince1970 - 1_666_977_579.4615413) < 0.001, "seven fractional digits are read")
        case "remove", "remove-upgrade":
            guard case .deactivate(let key, let at)? = changes.first else {
                Issue.record("\(changes)")
                return
            }
            #expect(key == ReferenceKey(tenantId: "tenant", subject: .user("aad-user"), bot: BotID(appId: Self.appId)))
            #expect(abs(at.timeIntervalSince1970 - 1_666_977_579.4615413) < 0.0005)
        default:
            #expect(changes.isEmpty)
        }
    }

    @Test("the bot added to a team keeps the team and its General channel")
    func teamInstall() throws {
        let json = """
            {"type":"conversationUpdate","membersAdded":[{"id":"28:\(Self.appId)"}],"channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/amer/",
             "from":{"id":"29:user","aadObjectId":"aad"},"conversation":{"isGroup":true,"conversationType":"channel","tenantId":"tenant","id":"19:channel@thread.tacv2","name":"Ch"},
             "recipient":{"id":"28:\(Self.appId)","name":"Herald"},"channelData":{"settings":{"selectedChannel":{"id":"19:channel@thread.tacv2"}},
             "team":{"aadGroupId":"group","name":"Team","id":"19:team@thread.tacv2"},"eventType":"teamMemberAdded","tenant":{"id":"tenant"}}}
            """
        let changes = Self.interpreter.changes(for: try Self.activity(json), receivedAt: Self.arrival)
        guard case .observe(let observation)? = changes.first else {
            Issue.record("\(changes)")
            return
        }
        #expect(observation.subject == .team("19:team@thread.tacv2"))
        #expect(observation.conversationId == "19:team@thread.tacv2")
        #expect(observation.teamsUserId == nil)
    }

    @Test("a member removed from a team is not the bot leaving; the bot removed is")
    func removals() throws {
        let member = """
            {"type":"conversationUpdate","membersRemoved":[{"id":"29:user"}],"channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/amer/",
             "from":{"id":"29:x","aadObjectId":"aad"},"conversation":{"conversationType":"channel","tenantId":"tenant","id":"19:team@thread.tacv2"},
             "recipient":{"id":"28:\(Self.appId)"},"channelData":{"team":{"id":"19:team@thread.tacv2"},"eventType":"teamMemberRemoved","tenant":{"id":"tenant"}}}
            """
        #expect(Self.interpreter.changes(for: try Self.activity(member), receivedAt: Self.arrival).isEmpty)
        let bot = member.replacingOccurrences(of: #""membersRemoved":[{"id":"29:user"}]"#, with: #""membersRemoved":[{"id":"28:\#(Self.appId)"}]"#)
        guard case .deactivate(let key, _)? = Self.interpreter.changes(for: try Self.activity(bot), receivedAt: Self.arrival).first else {
            Issue.record("no deactivation")
            return
        }
        #expect(key.subject == .team("19:team@thread.tacv2"))
    }

    @Test(
        "a 1:1 message refreshes the reference; 'stop' or the card's opt-out also records an opt-out",
        arguments: [
            (#""text":"Hello""#, false), (#""text":"STOP""#, true), (#""text":"  unsubscribe. ""#, true), (#""text":"<at>Herald</at> stop""#, true),
            (#""text":"please stop spamming me""#, false), (#""value":{"herald":"opt-out"}"#, true),
        ])
    func messages(_ content: String, _ optsOut: Bool) throws {
        let json = """
            {"type":"message",\(content),"textFormat":"plain","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/amer/",
             "from":{"id":"29:user","aadObjectId":"aad-user"},"recipient":{"id":"28:\(Self.appId)"},
             "conversation":{"conversationType":"personal","id":"a:conv","tenantId":"tenant"},"channelData":{"tenant":{"id":"tenant"}},
             "attachments":[{"contentType":"text/html","content":"<div>x</div>"}],"entities":[{"type":"clientInfo","locale":"en-US","country":"US"}]}
            """
        let changes = Self.interpreter.changes(for: try Self.activity(json), receivedAt: Self.arrival)
        guard case .observe? = changes.first else {
            Issue.record("\(changes)")
            return
        }
        #expect(
            changes.contains { if case .optOut(let tenant, let user, _) = $0 { tenant == "tenant" && user == "aad-user" } else { false } } == optsOut)
    }

    @Test("unknown types, group chats and activities without a tenant change nothing")
    func ignored() throws {
        #expect(
            Self.interpreter.changes(
                for: try Self.activity(Self.personalInstall.replacingOccurrences(of: "conversationUpdate", with: "typing")), receivedAt: Self.arrival
            ).isEmpty)
        #expect(
            Self.interpreter.changes(
                for: try Self.activity(
                    Self.personalInstall.replacingOccurrences(of: #""conversationType":"personal""#, with: #""conversationType":"groupChat""#)),
                receivedAt: Self.arrival
            ).isEmpty)
        let noTenant = Self.personalInstall.replacingOccurrences(of: #","tenantId":"tenant""#, with: "").replacingOccurrences(
            of: #","channelData":{"tenant":{"id":"tenant"}}"#, with: "")
        #expect(Self.interpreter.changes(for: try Self.activity(noTenant), receivedAt: Self.arrival).isEmpty)
    }
}

@Suite("Activity timestamps")
struct ActivityTimestampTests {
    @Test(
        "read like ISO 8601 with up to 7 fractional digits and offsets",
        arguments: [
            ("2024-05-01T10:00:00Z", 1_714_557_600.0), ("2024-05-01T10:00:00.123Z", 1_714_557_600.123),
            ("2022-10-28T17:19:39.4615413Z", 1_666_977_579.4615413), ("2024-05-01T12:00:00+02:00", 1_714_557_600.0),
            ("2000-02-29T00:00:00-01:30", 951_787_800.0), ("1970-01-01T00:00:00Z", 0.0),
        ])
    func parses(_ text: String, _ expected: Double) throws {
        let json =
            #"{"type":"message","timestamp":"\#(text)","serviceUrl":"https://x/","from":{"id":"29:u","aadObjectId":"u"},"conversation":{"id":"a:1","conversationType":"personal","tenantId":"t"}}"#
        let activity = try JSONDecoder().decode(Activity.self, from: Data(json.utf8))
        guard case .observe(let observation)? = ActivityInterpreter(appId: "b").changes(for: activity, receivedAt: .distantPast).first else {
            Issue.record("no change")
            return
        }
        #expect(abs(observation.observedAt.timeIntervalSince1970 - expected) < 0.0005)
    }

    @Test(
        "a malformed timestamp falls back to the time of arrival",
        arguments: ["yesterday", "2024-13-01T00:00:00Z", "2024-05-01 10:00:00Z", "2024-05-01T10:00:00"])
    func fallsBack(_ text: String) throws {
        let json =
            #"{"type":"message","timestamp":"\#(text)","serviceUrl":"https://x/","from":{"id":"29:u","aadObjectId":"u"},"conversation":{"id":"a:1","conversationType":"personal","tenantId":"t"}}"#
        let activity = try JSONDecoder().decode(Activity.self, from: Data(json.utf8))
        let arrival = Date(timeIntervalSince1970: 42)
        guard case .observe(let observation)? = ActivityInterpreter(appId: "b").changes(for: activity, receivedAt: arrival).first else {
            Issue.record("no change")
            return
        }
        #expect(observation.observedAt == arrival)
    }
}
