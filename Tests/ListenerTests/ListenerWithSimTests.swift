import AsyncHTTPClient
import Auth
import Foundation
import HeraldCore
import HeraldTesting
import Hummingbird
import Listener
import Logging
import NIOHTTP1
import ReferenceStore
import ServiceLifecycle
import TeamsSim
import Testing

/// The real thing on loopback: the simulator installs the app through Graph, posts its signed
/// activities to a running listener, and the listener verifies them against the simulator's keys.
@Suite("Listener with TeamsSim")
struct ListenerWithSimTests {
    /// A store that reports each write, so the test waits for the listener's work, not for time.
    final class SignallingStore: Store {
        let inner: SQLiteStore
        let writes: AsyncStream<Void>
        private let signal: AsyncStream<Void>.Continuation

        init(_ inner: SQLiteStore) {
            self.inner = inner
            (writes, signal) = AsyncStream.makeStream(of: Void.self)
        }

        func migrate() async throws { try await inner.migrate() }
        func observe(_ reference: ConversationReference) async throws {
            defer { signal.yield() }
            try await inner.observe(reference)
        }
        func deactivate(_ key: ReferenceKey, at time: Date) async throws -> Bool {
            defer { signal.yield() }
            return try await inner.deactivate(key, at: time)
        }
        func reference(_ key: ReferenceKey) async throws -> ConversationReferenceRecord? { try await inner.reference(key) }
        func references(tenantId: TenantID?) async throws -> [ConversationReferenceRecord] { try await inner.references(tenantId: tenantId) }
        func serviceURL(tenantId: TenantID) async throws -> ServiceURL? { try await inner.serviceURL(tenantId: tenantId) }
        func recordOptOut(tenantId: TenantID, user: AADObjectID, at time: Date) async throws {
            try await inner.recordOptOut(tenantId: tenantId, user: user, at: time)
        }
        func hasOptedOut(tenantId: TenantID, user: AADObjectID) async throws -> Bool { try await inner.hasOptedOut(tenantId: tenantId, user: user) }
    }

    @Test("installs through Graph arrive as signed activities and become active references")
    func endToEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SignallingStore(try SQLiteStore(path: folder.appendingPathComponent("herald.db").path))
        try await store.migrate()
        let fixture = TenantFixture.generate(seed: 3, users: 20)
        let users = fixture.users.filter { !$0.installBlocked && !$0.preinstalled && $0.hasTeamsLicense }.prefix(3)
        try await ListeningSim.with(fixture: fixture, configuration: SimConfiguration(speed: 10), store: store) { endpoints in
            let token = try await Self.graphToken(endpoints)
            for user in users { try await Self.install(user.id, app: endpoints.catalogAppId, endpoints: endpoints, token: token) }
            var writes = 0
            for await _ in store.writes {
                writes += 1
                if writes == users.count * 2 { break }
            }
        }
        let records = try await store.references(tenantId: TenantID(fixture.tenantId))
        #expect(Set(records.map(\.reference.subject)) == Set(users.map { ReferenceSubject.user(AADObjectID($0.id)) }))
        #expect(records.allSatisfy { $0.active && $0.reference.source == .activity && $0.reference.subject.kind == .personal })
        for reference in records.map(\.reference) {
            let user = try #require(users.first { $0.id == reference.subject.rawValue })
            #expect(
                reference.conversationId.rawValue == "19:\(user.id)_\(fixture.botAppId)@unq.gbl.spaces", "the Graph chat id is the conversation id")
            #expect(reference.serviceURL.rawValue.hasSuffix("/teams/\(user.region)/"))
        }
    }

    static func graphToken(_ endpoints: SimEndpoints) async throws -> String {
        var request = HTTPClientRequest(url: "\(endpoints.loginURL)/\(endpoints.tenantId)/oauth2/v2.0/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form =
            "grant_type=client_credentials&client_id=\(endpoints.botAppId)&client_secret=\(endpoints.botAppSecret)&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 16)
        let json = try JSONDecoder().decode([String: AnyJSON].self, from: Data(body.readableBytesView))
        return try #require(json["access_token"]?.stringValue)
    }

    static func install(_ userId: String, app: String, endpoints: SimEndpoints, token: String) async throws {
        var request = HTTPClientRequest(url: "\(endpoints.graphURL)/users/\(userId)/teamwork/installedApps")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/\#(app)"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        #expect(response.status.code == 201)
    }
}
