import Auth
import Foundation
import HTTPTypes
import HeraldCore
import JWTKit
import TeamsSim
import Testing

@Suite("TeamsSim login and Bot Framework keys")
struct LoginTests {
    @Test("client credentials give an RS256 token for the asked audience, verifiable with the login JWKS")
    func tokens() async throws {
        try await SimHarness().test { sim in
            let token = try await sim.token(for: "https://graph.microsoft.com")
            let jwks = try await sim.request(.get, "/login/\(sim.fixture.tenantId)/discovery/v2.0/keys")
            let keys = JWTKeyCollection()
            try await keys.add(jwksJSON: String(decoding: jwks.body, as: UTF8.self))
            let claims = try await keys.verify(token, as: TokenClaims.self)
            #expect(claims.values["aud"] == .string("https://graph.microsoft.com"))
            #expect(claims.values["tid"] == .string(sim.fixture.tenantId))
            #expect(claims.values["appid"] == .string(sim.fixture.botAppId))
        }
    }

    @Test("wrong secret, unknown client, wrong tenant, wrong scope and wrong grant are refused as Entra refuses them")
    func refusals() async throws {
        try await SimHarness().test { sim in
            let tenant = sim.fixture.tenantId, id = sim.fixture.botAppId, secret = sim.fixture.botAppSecret
            let scope = "https%3A%2F%2Fgraph.microsoft.com%2F.default"
            let cases: [(String, String, Int, String)] = [
                (tenant, "grant_type=client_credentials&client_id=\(id)&client_secret=nope&scope=\(scope)", 401, "invalid_client"),
                (tenant, "grant_type=client_credentials&client_id=someone&client_secret=\(secret)&scope=\(scope)", 400, "unauthorized_client"),
                ("other-tenant", "grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)&scope=\(scope)", 400, "invalid_request"),
                (tenant, "grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)&scope=openid", 400, "invalid_scope"),
                (tenant, "grant_type=password&client_id=\(id)&client_secret=\(secret)&scope=\(scope)", 400, "unsupported_grant_type"),
            ]
            for (tenantPath, form, status, error) in cases {
                let reply = try await sim.request(.post, "/login/\(tenantPath)/oauth2/v2.0/token", form: form)
                #expect(reply.status == status)
                #expect(reply.json?["error"] == .string(error))
            }
        }
    }

    @Test("the OpenID metadata names the issuer and the JWKS; keys carry endorsements and rotate on demand")
    func openIDMetadata() async throws {
        try await SimHarness().test { sim in
            let metadata = try await sim.request(.get, "/botframework/v1/.well-known/openidconfiguration").json
            #expect(metadata?["issuer"] == .string("https://api.botframework.com"))
            #expect(metadata?["jwks_uri"]?.stringValue?.hasSuffix("/botframework/v1/.well-known/keys") == true)
            let before = try await sim.request(.get, "/botframework/v1/.well-known/keys").json
            guard case .array(let keys)? = before?["keys"] else {
                Issue.record("no keys")
                return
            }
            #expect(keys.count == 1)
            guard case .array(let endorsements)? = keys[0]["endorsements"] else {
                Issue.record("no endorsements")
                return
            }
            #expect(endorsements.first == .string("msteams"))
            #expect(endorsements.count > 1, "several channels, as Bot Framework publishes them")
            let rotated = try await sim.request(.post, "/_sim/keys/rotate").json?["kid"]?.stringValue
            guard case .array(let after)? = try await sim.request(.get, "/botframework/v1/.well-known/keys").json?["keys"] else {
                Issue.record("no keys")
                return
            }
            #expect(after.count == 2)
            #expect(after[0]["kid"]?.stringValue == rotated)
            _ = try await sim.request(.post, "/_sim/keys/rotate?retire=true")
            guard case .array(let retired)? = try await sim.request(.get, "/botframework/v1/.well-known/keys").json?["keys"] else {
                Issue.record("no keys")
                return
            }
            #expect(retired.count == 1)
        }
    }

    @Test("/_sim/tokens signs any claims and header fields with the current channel key")
    func mintedTokens() async throws {
        try await SimHarness().test { sim in
            let minted = try await sim.request(
                .post, "/_sim/tokens",
                json:
                    #"{"claims": {"iss": "https://api.botframework.com", "aud": "x", "serviceurl": "http://127.0.0.1/teams/amer/", "exp": 4102444800}, "header": {"x5t": "abc"}}"#
            )
            let token = try #require(minted.json?["token"]?.stringValue)
            let jwks = try await sim.request(.get, "/botframework/v1/.well-known/keys")
            let keys = JWTKeyCollection()
            try await keys.add(jwksJSON: String(decoding: jwks.body, as: UTF8.self))
            let claims = try await keys.verify(token, as: TokenClaims.self)
            #expect(claims.values["serviceurl"] == .string("http://127.0.0.1/teams/amer/"))
            let header = try #require(Data(base64URL: String(token.split(separator: ".")[0])))
            let fields = try JSONDecoder().decode([String: String].self, from: header)
            #expect(fields["x5t"] == "abc")
            #expect(fields["alg"] == "RS256")
            #expect(fields["kid"] == "sim-channel-1")
            let bare = try await sim.request(.post, "/_sim/tokens", json: #"{"aud": "bare"}"#)
            #expect(bare.status == 200)
            #expect(try await sim.request(.post, "/_sim/tokens", json: "[1]").status == 400)
        }
    }
}

extension Data {
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
