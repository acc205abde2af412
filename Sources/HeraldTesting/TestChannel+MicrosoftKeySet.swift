public import Auth
public import Foundation
import HeraldCore
public import Logging
import TeamsSim

extension TestChannel {
    /// The test channel's keys published exactly as Bot Framework publishes its own: the endorsed and the
    /// unendorsed key with `x5t` and a self-signed `x5c` and no `alg`, next to the fixture set's `EC` key,
    /// its RSA key with a malformed modulus and its key without a `kid`.
    /// - Parameter now: when the certificates are made.
    /// - Throws: when a certificate cannot be made or the fixture cannot be read.
    public func microsoftKeySet(now: Date) throws -> Data {
        let ours = try [endorsed, unendorsed].map { try AnyJSON.from(ChannelKeyCertificate.publicJWK(for: $0, now: now)) }
        guard case .array(let fixtureKeys)? = try MicrosoftFixtures.decode(AnyJSON.self, "botframework/keys.json")["keys"] else {
            throw MicrosoftFixtures.Missing(path: "botframework/keys.json#keys")
        }
        let strangers = fixtureKeys.filter { key in
            key["kty"]?.stringValue != "RSA" || key["kid"] == nil || key["kid"]?.stringValue == "fixture-malformed-modulus"
        }
        return try JSONEncoder().encode(AnyJSON.object(["keys": .array(ours + strangers)]))
    }

    /// A validator whose metadata (Bot Framework's document) and `keySet` are served in-process.
    /// - Parameters:
    ///   - keySet: the key set's bytes, as served.
    ///   - appId: the bot's app id (the required audience); ``appId`` by default.
    ///   - now: the validator's clock.
    ///   - logger: where the validator logs.
    public static func validator(
        serving keySet: Data, appId: String = TestChannel.appId, now: Date, logger: Logger = Logger(label: "herald.test.auth")
    ) -> ChannelTokenValidator {
        let metadataURL = URL(string: "https://login.botframework.test/v1/.well-known/openidconfiguration")
        let metadata =
            #"{"issuer":"https://api.botframework.com","authorization_endpoint":"https://invalid.botframework.com","jwks_uri":"https://login.botframework.test/v1/.well-known/keys","id_token_signing_alg_values_supported":["RS256"],"token_endpoint_auth_methods_supported":["private_key_jwt"]}"#
        return ChannelTokenValidator(
            configuration: ChannelTokenConfiguration(appId: appId, openIDMetadataURL: metadataURL ?? URL(fileURLWithPath: "/")),
            fetch: { url in url.path.hasSuffix("openidconfiguration") ? Data(metadata.utf8) : keySet }, now: { now }, logger: logger)
    }

    /// A genuine `Authorization` header value for `serviceUrl`, signed with the endorsed key and carrying its
    /// `x5t`, as Bot Framework's tokens do.
    /// - Parameters:
    ///   - now: when the token is minted.
    ///   - serviceUrl: the activity's serviceUrl (the `serviceurl` claim).
    ///   - x5t: the thumbprint to name in the header.
    ///   - audience: the bot's app id (``appId`` by default).
    /// - Throws: when signing fails.
    public func genuine(at now: Date, serviceUrl: String, x5t: String, audience: String = TestChannel.appId) async throws -> String {
        let claims = Self.claims(at: now, ["serviceurl": .string(serviceUrl), "aud": .string(audience)])
        return "Bearer " + (try await endorsed.sign(claims, headerFields: ["x5t": x5t]))
    }
}

extension AnyJSON {
    /// Any encodable value as JSON.
    static func from(_ value: some Encodable) throws -> AnyJSON {
        try JSONDecoder().decode(AnyJSON.self, from: JSONEncoder().encode(value))
    }
}
