import Foundation
import HeraldCore
import HeraldTesting
import Testing

/// Teams activities written the way Teams writes them decode through Herald's `Activity` and
/// `TeamsChannelData`, with the fields Herald reads.
@Suite("Teams activity fixtures")
struct MicrosoftActivityFixtureTests {
    static let tenant = "4d6e2f0a-8c1b-4f3e-9a7d-2b5c8e1f0a63"
    static let bot = "28:b7e3c9a1-5d2f-4e8b-a6c0-3f9d1e7b2a54"
    static let user = "e1a4b7c2-9d3f-4a6e-8b1c-5f2d7e9a0c38"

    static func activity(_ name: String) throws -> Activity {
        try MicrosoftFixtures.decode(Activity.self, "teams/\(name).json")
    }

    /// `whole` (seconds, UTC) plus a 7-digit fraction, compared to what was parsed.
    static func expectInstant(_ parsed: Date?, _ whole: String, fraction: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let parsed, let second = ActivityTimestamp.parse(whole) else {
            Issue.record("unparsed", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(parsed.timeIntervalSince(second) - fraction) < 1e-6, sourceLocation: sourceLocation)
    }

    @Test("a personal installationUpdate add carries the action, tenant, user, tenant-scoped serviceUrl and clientInfo")
    func installationAdd() throws {
        let activity = try Self.activity("installationUpdate-add-personal")
        #expect(activity.type == "installationUpdate")
        #expect(activity.action == "add")
        #expect(activity.channelId == "msteams")
        #expect(activity.serviceUrl == "https://smba.trafficmanager.net/amer/\(Self.tenant)/")
        #expect(activity.conversation?.conversationType == "personal")
        #expect(activity.conversation?.tenantId == Self.tenant)
        #expect(activity.channelData?.tenant?.id == Self.tenant)
        #expect(activity.channelData?.source?.name == "message")
        #expect(activity.from?.aadObjectId == Self.user)
        #expect(activity.from?.id.hasPrefix("29:") == true)
        #expect(activity.recipient?.id == Self.bot)
        #expect(activity.locale == "en-US")
        #expect(activity.entities?.first?["type"]?.stringValue == "clientInfo")
        #expect(activity.entities?.first?["locale"]?.stringValue == "en-US")
    }

    @Test("timestamps keep all 7 fractional digits; localTimestamp names the same instant at its offset")
    func timestamps() throws {
        let activity = try Self.activity("installationUpdate-add-personal")
        Self.expectInstant(activity.sentAt, "2024-05-01T17:04:31Z", fraction: 0.8291637)
        Self.expectInstant(activity.sentAtLocal, "2024-05-01T17:04:31Z", fraction: 0.8291637)
        #expect(ActivityTimestamp.utcOffset(try #require(activity.localTimestamp)) == -7 * 3_600)
        let team = try Self.activity("conversationUpdate-team-install")
        Self.expectInstant(team.sentAtLocal, "2024-05-02T09:41:17Z", fraction: 0.2946081)
        #expect(ActivityTimestamp.utcOffset(try #require(team.localTimestamp)) == 5 * 3_600 + 30 * 60)
        #expect(ActivityTimestamp.utcOffset(try #require(team.timestamp)) == 0)
        let milliseconds = try #require(ActivityTimestamp.parse("2024-05-01T17:04:31.829Z"))
        #expect(abs(try #require(activity.sentAt).timeIntervalSince(milliseconds) - 0.0001637) < 1e-6, "the digits past the third count")
    }

    @Test("installationUpdate remove names the same user and tenant")
    func installationRemove() throws {
        let activity = try Self.activity("installationUpdate-remove-personal")
        #expect(activity.action == "remove")
        #expect(activity.from?.aadObjectId == Self.user)
        #expect(activity.conversation?.tenantId == Self.tenant)
        #expect(activity.sentAt != nil)
    }

    @Test(
        "government clouds' installs carry their own tenant-scoped serviceUrl hosts",
        arguments: [
            ("gcc", "https://smba.infra.gcc.teams.microsoft.com/gcc/"),
            ("gcch", "https://smba.infra.gov.teams.microsoft.us/gcch/"),
            ("dod", "https://smba.infra.dod.teams.microsoft.us/dod/"),
        ])
    func governmentClouds(_ cloud: String, _ prefix: String) throws {
        let activity = try Self.activity("installationUpdate-add-personal-\(cloud)")
        #expect(activity.serviceUrl == prefix + Self.tenant + "/")
        #expect(activity.action == "add")
        #expect(ActivityTimestamp.utcOffset(try #require(activity.localTimestamp)) == -4 * 3_600)
        #expect(activity.sentAt == activity.sentAtLocal)
    }

    @Test("a personal conversationUpdate adds the bot and the user, with the user's Entra object id")
    func personalConversationUpdate() throws {
        let activity = try Self.activity("conversationUpdate-personal-install")
        #expect(activity.type == "conversationUpdate")
        #expect(activity.membersAdded?.map(\.id).contains(Self.bot) == true)
        #expect(activity.membersAdded?.first { $0.id.hasPrefix("29:") }?.aadObjectId == Self.user)
        #expect(activity.channelData?.tenant?.id == Self.tenant)
        #expect(activity.channelData?.team == nil)
    }

    @Test("a team install carries the team, its Entra group, the selected channel and the event type")
    func teamInstall() throws {
        let activity = try Self.activity("conversationUpdate-team-install")
        let data = try #require(activity.channelData)
        #expect(data.team?.id == "19:c3f8a1d6e2b94f7a8e5d0b1c6a9f2e4d@thread.tacv2")
        #expect(data.team?.aadGroupId == "7a2d9e4b-1c6f-4b8a-9e3d-5f0a2c7b1e96")
        #expect(data.team?.name == "Field Operations")
        #expect(data.settings?.selectedChannel?.id == data.team?.id)
        #expect(data.eventType == "teamMemberAdded")
        #expect(activity.conversation?.conversationType == "channel")
        #expect(activity.conversation?.isGroup == true)
        #expect(activity.membersAdded?.map(\.id) == [Self.bot])
    }

    @Test("a 1:1 message carries text, format, an HTML attachment and the tenant")
    func message() throws {
        let activity = try Self.activity("message-personal")
        #expect(activity.type == "message")
        #expect(activity.text == "stop")
        #expect(activity.textFormat == "plain")
        #expect(activity.attachments?.first?.contentType == "text/html")
        #expect(activity.from?.name == "Rosa Okafor")
        #expect(activity.channelData?.tenant?.id == Self.tenant)
    }

    @Test(
        "every activity fixture survives Herald's encode and decode unchanged",
        arguments: [
            "installationUpdate-add-personal", "installationUpdate-remove-personal", "conversationUpdate-personal-install",
            "conversationUpdate-team-install", "message-personal",
        ])
    func roundTrip(_ name: String) throws {
        let activity = try Self.activity(name)
        #expect(try JSONDecoder().decode(Activity.self, from: JSONEncoder().encode(activity)) == activity)
    }
}
