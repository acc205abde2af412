import Auth
import Foundation
import HTTPTypes
import HeraldCore
import JWTKit
import TeamsSim
import Testing

@Suite("TeamsSim: channel tokens reused per serviceUrl")
struct ChannelTokenReuseTests {
    /// Installs `user` and returns the Authorization headers of the two activities that follow.
    private static func deliveries(
        of user: TenantFixture.User, _ sim: SimClient, _ received: AsyncStream<FakeBot.Received>
    ) async throws
        -> [String]
    {
        #expect(try await sim.install(user.id).status == 201)
        let posts = await received.first(2, within: .seconds(10))
        #expect(posts.count == 2)
        return posts.compactMap(\.authorization)
    }

    @Test("one token per serviceUrl until five minutes before it expires, then a fresh one, all read from the sim's clock")
    func reuse() async throws {
        let wall = ManualWallClock()
        try await FakeBot.run { url, received in
            let harness = SimHarness(configuration: SimConfiguration(port: 0, botEndpoint: url, speed: 10), clock: wall.clock) { fixture in
                for index in 4...7 { fixture.users[index].region = index == 7 ? "emea" : "amer" }
            }
            try await harness.test { sim in
                let users = sim.fixture.users
                let first = try await Self.deliveries(of: users[4], sim, received)
                let second = try await Self.deliveries(of: users[5], sim, received)
                #expect(Set(first + second).count == 1, "both installs in amer share one token")
                let emea = try await Self.deliveries(of: users[7], sim, received)
                #expect(Set(emea).count == 1 && emea.first != first.first, "another serviceUrl gets its own token")

                let jwks = try await sim.request(.get, "/botframework/v1/.well-known/keys")
                let keys = JWTKeyCollection()
                try await keys.add(jwksJSON: String(decoding: jwks.body, as: UTF8.self))
                let claims = try await keys.verify(String(try #require(first.first).dropFirst(7)), as: TokenClaims.self)
                let issued = try #require(claims.values["nbf"].flatMap { if case .number(let n) = $0 { n } else { nil } })
                let expires = try #require(claims.values["exp"].flatMap { if case .number(let n) = $0 { n } else { nil } })
                #expect(expires - issued == 3_605, "an hour from signing (nbf is five seconds back)")

                wall.advance(by: 3_600 - 300 - 60)
                #expect(try await Self.deliveries(of: users[6], sim, received) == first, "still reused six minutes before expiry")
                wall.advance(by: 120)
                _ = try await sim.request(.post, "/_sim/reset?installs=true")
                let renewed = try await Self.deliveries(of: users[4], sim, received)
                #expect(Set(renewed).count == 1 && renewed.first != first.first, "four minutes before expiry a fresh token is signed")
            }
        }
    }

    @Test("rotating the channel key signs a fresh token with the new key")
    func rotation() async throws {
        try await FakeBot.run { url, received in
            try await SimHarness(configuration: SimConfiguration(port: 0, botEndpoint: url, speed: 10)).test { sim in
                let before = try await Self.deliveries(of: sim.fixture.users[4], sim, received)
                let kid = try #require(try await sim.request(.post, "/_sim/keys/rotate?retire=true").json?["kid"]?.stringValue)
                let after = try await Self.deliveries(of: sim.fixture.users[5], sim, received)
                #expect(after.first != before.first)
                let header = try #require(after.first?.dropFirst(7).split(separator: ".").first)
                let fields = try JSONDecoder().decode([String: String].self, from: try #require(Data(base64URL: String(header))))
                #expect(fields["kid"] == kid)
            }
        }
    }
}
