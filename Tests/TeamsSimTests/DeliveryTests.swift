import Auth
import Foundation
import HTTPTypes
import HeraldCore
import JWTKit
import TeamsSim
import Testing

@Suite("TeamsSim: Teams' side of an install")
struct DeliveryTests {
    private static func harness(_ bot: URL, drop: Double = 0, duplicate: Double = 0) -> SimHarness {
        SimHarness(configuration: SimConfiguration(port: 0, botEndpoint: bot, speed: 10, dropRate: drop, duplicateRate: duplicate))
    }

    @Test("an install posts a signed conversationUpdate and installationUpdate to the bot")
    func install() async throws {
        try await FakeBot.run { url, received in
            try await Self.harness(url).test { sim in
                let user = sim.ordinaryUser
                let status = try await sim.install(user.id).status
                #expect(status == 201)
                let posts = await received.first(2, within: .seconds(10))
                #expect(posts.count == 2)
                let jwks = try await sim.request(.get, "/botframework/v1/.well-known/keys")
                let keys = JWTKeyCollection()
                try await keys.add(jwksJSON: String(decoding: jwks.body, as: UTF8.self))
                for post in posts {
                    let activity = post.activity
                    #expect(activity.channelId == "msteams")
                    #expect(activity.conversation?.id == sim.chatId(user))
                    #expect(activity.conversation?.conversationType == "personal")
                    #expect(activity.conversation?.tenantId == sim.fixture.tenantId)
                    #expect(activity.from?.aadObjectId == user.id)
                    #expect(activity.recipient?.id == "28:" + sim.fixture.botAppId)
                    #expect(activity.serviceUrl?.hasSuffix("/teams/\(user.region)/") == true)
                    let token = try #require(post.authorization?.replacingOccurrences(of: "Bearer ", with: ""))
                    let claims = try await keys.verify(token, as: TokenClaims.self)
                    #expect(claims.values["iss"] == .string("https://api.botframework.com"))
                    #expect(claims.values["aud"] == .string(sim.fixture.botAppId))
                    #expect(claims.values["serviceurl"]?.stringValue == activity.serviceUrl)
                    let header = try JSONDecoder().decode(
                        [String: String].self, from: try #require(Data(base64URL: String(token.split(separator: ".")[0]))))
                    let published = try JSONDecoder().decode(JWKSDocument.self, from: jwks.body).keys.first { $0.kid == header["kid"] }
                    #expect(header["x5t"] != nil && header["x5t"] == published?.x5t, "the token names its key's thumbprint, as Bot Framework's do")
                    let stamp = try #require(activity.timestamp), local = try #require(activity.localTimestamp)
                    #expect(stamp.hasSuffix("Z") && stamp.split(separator: ".").last?.count == 8, "7 fractional digits and Z: \(stamp)")
                    #expect(ActivityTimestamp.utcOffset(local) != 0 || user.region != "amer", "a local offset: \(local)")
                    #expect(activity.sentAt != nil && activity.sentAt == activity.sentAtLocal)
                    #expect(activity.locale == "en-US")
                }
                let update = try #require(posts.first { $0.activity.type == "conversationUpdate" }?.activity)
                #expect(update.membersAdded?.map(\.id) == ["28:" + sim.fixture.botAppId, update.from?.id ?? ""])
                let installation = try #require(posts.first { $0.activity.type == "installationUpdate" }?.activity)
                #expect(installation.action == "add")
                #expect(installation.entities?.first?["type"]?.stringValue == "clientInfo")
            }
        }
    }

    @Test("a drop rate of 1 delivers nothing; a duplicate rate of 1 delivers each activity twice")
    func quirks() async throws {
        try await FakeBot.run { url, received in
            try await Self.harness(url, drop: 1).test { sim in
                let status = try await sim.install(sim.ordinaryUser.id).status
                #expect(status == 201)
                let counters = try await sim.request(.get, "/_sim/counters").json
                #expect(counters?["activities"]?["dropped"] == .number(2))
            }
            try await Self.harness(url, duplicate: 1).test { sim in
                let status = try await sim.install(sim.ordinaryUser.id).status
                #expect(status == 201)
                let posts = await received.first(4, within: .seconds(10))
                #expect(posts.count == 4)
                #expect(Set(posts.map { $0.activity.id ?? "" }).count == 2, "the same two activities, each twice")
            }
        }
    }
}
