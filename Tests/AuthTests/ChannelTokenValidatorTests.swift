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
        let result = await channel.validator(now: Self.now).validate(
            authorization: "Bearer \(token)", channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .success(let validated) = result else {
            Issue.record("refused: \(result)")
            return
        }
        #expect(validated.keyId == "good")
        #expect(validated.serviceUrl == TestChannel.serviceUrl)
    }

    @Test("forged and subtly wrong tokens are refused with 401 or 403", arguments: TestChannel.Forgery.allCases)
    func refused(_ forgery: TestChannel.Forgery) async throws {
        let channel = try TestChannel()
        let header = try await channel.authorization(forgery, at: Self.now)
        let result = await channel.validator(now: Self.now).validate(authorization: header, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .failure(let failure) = result else {
            Issue.record("\(forgery) was accepted")
            return
        }
        #expect(failure.status == forgery.expectedStatus)
        #expect(failure.reason == forgery.expectedReason)
    }

    @Test("with the header and claims already decoded, a genuine token's header and payload under another signature are still refused")
    func warmCachesStillVerify() async throws {
        let channel = try TestChannel()
        let validator = channel.validator(now: Self.now)
        let genuine = try await channel.endorsed.sign(TestChannel.claims(at: Self.now))
        let other = try await channel.endorsed.sign(TestChannel.claims(at: Self.now, ["aud": .string("someone-else")]))
        let parts = genuine.split(separator: "."), otherParts = other.split(separator: ".")
        let swapped = "Bearer \(parts[0]).\(parts[1]).\(otherParts[2])"
        for _ in 0..<3 {
            let accepted = await validator.validate(authorization: "Bearer " + genuine, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
            guard case .success = accepted else {
                Issue.record("genuine refused: \(accepted)")
                return
            }
            let refused = await validator.validate(authorization: swapped, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
            guard case .failure(let failure) = refused else {
                Issue.record("a swapped signature was accepted")
                return
            }
            #expect(failure.reason == .badSignature)
        }
    }

    @Test("the bearer scheme is case-insensitive and blanks around the token are ignored; anything else is no token")
    func bearerParsing() async throws {
        let channel = try TestChannel()
        let validator = channel.validator(now: Self.now)
        let token = try await channel.endorsed.sign(TestChannel.claims(at: Self.now))
        func reason(_ header: String) async -> AuthenticationFailure.Reason? {
            if case .failure(let failure) = await validator.validate(authorization: header, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
            {
                failure.reason
            } else {
                nil
            }
        }
        #expect(await reason("bearer " + token) == nil)
        #expect(await reason("BEARER  " + token + " \t") == nil)
        #expect(await reason("Bearer\u{0}" + token) == .missingToken)
        #expect(await reason("Bearer\t" + token) == .missingToken)
        #expect(await reason("Basic " + token) == .missingToken)
        #expect(await reason("Bearer  ") == .missingToken)
        #expect(await reason("Bearer \u{301}" + token) == .malformedToken)
        #expect(await reason("Bearer " + String(repeating: "a", count: 20_000) + "." + token) == .malformedToken)
    }

    @Test("a signed nbf that is not a number is refused")
    func nonNumericNotBefore() async throws {
        let channel = try TestChannel()
        let token = try await channel.endorsed.sign(TestChannel.claims(at: Self.now, ["nbf": .string("0")]))
        let result = await channel.validator(now: Self.now).validate(
            authorization: "Bearer " + token, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .failure(let failure) = result else {
            Issue.record("accepted")
            return
        }
        #expect(failure.reason == .notYetValid)
    }

    @Test("many requests at once on a cold validator fetch the keys once")
    func concurrentFirstUse() async throws {
        let channel = try TestChannel()
        let validator = channel.validator(now: Self.now)
        let header = try await channel.genuine(at: Self.now)
        let accepted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    if case .success = await validator.validate(authorization: header, channelId: "msteams", serviceUrl: TestChannel.serviceUrl) {
                        true
                    } else {
                        false
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted == 64)
        #expect(await validator.keyFetches == 1)
    }

    @Test("keys are fetched once, refreshed after a day, and an unknown kid forces at most one refresh a minute")
    func refreshRules() async throws {
        let channel = try TestChannel()
        let clock = ManualClock(Self.now)
        let validator = channel.validator(clock: { clock.date })
        for _ in 0..<5 {
            let good = try await channel.genuine(at: clock.date)
            _ = await validator.validate(authorization: good, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        }
        #expect(await validator.keyFetches == 1)
        let stranger = try await channel.authorization(.unknownKid, at: clock.date)
        _ = await validator.validate(authorization: stranger, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        _ = await validator.validate(authorization: stranger, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(await validator.keyFetches == 2, "one forced refresh for the unknown key, not two")
        clock.advance(by: 61)
        _ = await validator.validate(authorization: stranger, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(await validator.keyFetches == 3, "a minute later, one more")
        clock.advance(by: 86_400)
        let tomorrow = await validator.validate(
            authorization: try await channel.genuine(at: clock.date), channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .success = tomorrow else {
            Issue.record("refused after the daily refresh: \(tomorrow)")
            return
        }
        #expect(await validator.keyFetches == 4, "the daily refresh")
        _ = await validator.validate(
            authorization: try await channel.genuine(at: clock.date), channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(await validator.keyFetches == 4)
    }

    @Test("unreachable keys answer 503, not 401")
    func unreachable() async throws {
        let channel = try TestChannel()
        let validator = ChannelTokenValidator(
            configuration: ChannelTokenConfiguration(appId: TestChannel.appId), fetch: { _ in throw URLError(.cannotConnectToHost) },
            now: { Self.now })
        let result = await validator.validate(
            authorization: try await channel.genuine(at: Self.now), channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        guard case .failure(let failure) = result else {
            Issue.record("accepted")
            return
        }
        #expect(failure.status == 503)
    }
}
