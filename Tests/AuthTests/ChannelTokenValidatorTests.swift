import Auth
import Foundation
import HeraldCore
import HeraldTesting
import Testing

/// Forged and subtly wrong channel tokens, each refused with the right status; the genuine one accepted.
@Suite("ChannelTokenValidator")
struct ChannelTokenValidatorTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a genuine channel token is accepted, within the clock skew too")
    func genuine() async throws {
        let channel = try TestChannel()
        let token = try await channel.endorsed.sign(TestChannel.claims(at: Self.now, ["exp": .number(Self.now.timeIntervalSince1970 - 200)]))
        let result = await channel.validator(now: Self.now).validate(authorization: "Bearer \(token)", channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .success(let validated) = result else { Issue.record("refused: \(result)"); return }
        #expect(validated.keyId == "good")
        #expect(validated.serviceUrl == TestChannel.serviceUrl)
    }

    @Test("forged and subtly wrong tokens are refused with 401 or 403", arguments: TestChannel.Forgery.allCases)
    func refused(_ forgery: TestChannel.Forgery) async throws {
        let channel = try TestChannel()
        let header = try await channel.authorization(forgery, at: Self.now)
        let result = await channel.validator(now: Self.now).validate(authorization: header, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .failure(let failure) = result else { Issue.record("\(forgery) was accepted"); return }
        #expect(failure.status == forgery.expectedStatus)
    }

    @Test("keys are fetched once, refreshed after a day, and an unknown kid forces at most one refresh a minute")
    func refreshRules() async throws {
        let channel = try TestChannel()
        let validator = channel.validator(now: Self.now)
        let good = try await channel.genuine(at: Self.now)
        for _ in 0..<5 { _ = await validator.validate(authorization: good, channelId: "msteams", serviceUrl: TestChannel.serviceUrl) }
        #expect(await validator.keyFetches == 1)
        let stranger = try await channel.authorization(.unknownKid, at: Self.now)
        _ = await validator.validate(authorization: stranger, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        _ = await validator.validate(authorization: stranger, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(await validator.keyFetches == 2, "one forced refresh for the unknown key, not two")
        let tomorrow = channel.validator(now: Self.now.addingTimeInterval(86_401))
        _ = await tomorrow.validate(authorization: good, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(await tomorrow.keyFetches == 1)
    }

    @Test("unreachable keys answer 503, not 401")
    func unreachable() async throws {
        let channel = try TestChannel()
        let validator = ChannelTokenValidator(configuration: ChannelTokenConfiguration(appId: TestChannel.appId), fetch: { _ in throw URLError(.cannotConnectToHost) }, now: { Self.now })
        let result = await validator.validate(authorization: try await channel.genuine(at: Self.now), channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .failure(let failure) = result else { Issue.record("accepted"); return }
        #expect(failure.status == 503)
    }
}
