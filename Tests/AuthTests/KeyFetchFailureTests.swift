import Auth
import Foundation
import HeraldCore
import HeraldTesting
import Logging
import Testing

/// Failures keep their cause: a key fetch says where it failed and how, a token says whether it was
/// malformed or wrongly signed, and no log line carries a token.
@Suite("ChannelTokenValidator failure causes")
struct KeyFetchFailureTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let metadataURL = URL(string: "https://login.botframework.test/v1/.well-known/openidconfiguration")!

    static func validator(_ logs: LogCapture, fetch: @escaping @Sendable (URL) async throws -> Data) -> ChannelTokenValidator {
        ChannelTokenValidator(
            configuration: ChannelTokenConfiguration(appId: TestChannel.appId, openIDMetadataURL: metadataURL), fetch: fetch,
            now: { Self.now }, logger: logs.logger)
    }

    @Test("a metadata fetch answered 502 is logged with its URL and status, and the request gets 503")
    func httpStatus() async throws {
        let channel = try TestChannel()
        let logs = LogCapture()
        let validator = Self.validator(logs) { url in throw KeyFetchHTTPError(url: url, status: 502) }
        let token = try await channel.genuine(at: Self.now)
        let result = await validator.validate(authorization: token, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(result.failure?.reason == .keysUnavailable)
        #expect(result.failure?.status == 503)
        let failed = try #require(logs.records.first { $0.message == "channel OpenID metadata fetch failed" })
        #expect(failed.level == .error)
        #expect(failed.metadata["url"] == Self.metadataURL.absoluteString)
        #expect(failed.metadata["status"] == "502")
        #expect(
            !logs.records.contains { record in
                record.message.contains(token.dropFirst(7)) || record.metadata.values.contains { $0.contains(token.dropFirst(7)) }
            })
    }

    @Test("a key set that does not decode is logged with its URL and the decoding error")
    func undecodableKeySet() async throws {
        let channel = try TestChannel()
        let logs = LogCapture()
        let validator = Self.validator(logs) { url in
            url.path.hasSuffix("openidconfiguration")
                ? Data(#"{"jwks_uri":"https://login.botframework.test/v1/.well-known/keys"}"#.utf8) : Data(#"{"keys": 5}"#.utf8)
        }
        let result = await validator.validate(
            authorization: try await channel.genuine(at: Self.now), channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(result.failure?.reason == .keysUnavailable)
        let failed = try #require(logs.records.first { $0.message == "channel key set does not decode" })
        #expect(failed.metadata["url"] == "https://login.botframework.test/v1/.well-known/keys")
        #expect(failed.metadata["error"]?.contains("keys") == true)
    }

    @Test("a token whose signature is not base64url is malformed, one whose signature does not verify is a bad signature, and the log says which")
    func malformedVersusBadSignature() async throws {
        let channel = try TestChannel()
        let logs = LogCapture()
        let validator = TestChannel.validator(serving: try channel.microsoftKeySet(now: Self.now), now: Self.now, logger: logs.logger)
        let genuine = try await channel.endorsed.sign(TestChannel.claims(at: Self.now)).split(separator: ".")
        let garbled = "Bearer \(genuine[0]).\(genuine[1]).%%%"
        let malformed = await validator.validate(authorization: garbled, channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(malformed.failure?.reason == .malformedToken)
        let forged = await validator.validate(
            authorization: try await channel.authorization(.badSignature, at: Self.now), channelId: "msteams", serviceUrl: TestChannel.serviceUrl)
        #expect(forged.failure?.reason == .badSignature)
        let refusals = logs.records.filter { $0.message == "channel token refused" }.compactMap { $0.metadata["reason"] }
        #expect(refusals == ["malformedToken", "badSignature"])
    }
}
