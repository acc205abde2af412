import Foundation
import HeraldCore
import HeraldTesting
import Hummingbird
import HummingbirdTesting
import Listener
import ReferenceStore
import Testing

/// A body that is not an activity is answered 400, and the log says what did not decode (never a value).
@Suite("BotListener undecodable bodies")
struct UndecodableBodyTests {
    @Test(
        "the refusal log names the field that did not decode",
        arguments: [
            ("not json", "not JSON"),
            (#"{"id": "x"}"#, "no type"),
            (#"{"type": 5}"#, "type is not String"),
            (#"{"type": "message", "conversation": {"id": 7}}"#, "conversation.id is not String"),
            (#"{"type": "message", "membersAdded": [{"name": "n"}]}"#, "no membersAdded[0].id"),
        ])
    func logsWhy(_ body: String, _ reason: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-undecodable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("herald.db").path)
        try await store.migrate()
        let logs = LogCapture()
        let channel = try TestChannel()
        let listener = BotListener(
            configuration: .init(appId: TestChannel.appId), validator: channel.validator(now: Date()), store: store, logger: logs.logger)
        try await Application(router: listener.router()).test(.router) { client in
            let status = try await client.execute(
                uri: "/api/messages", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)
            ) { $0.status }
            #expect(status == .badRequest)
        }
        let refusal = try #require(logs.records.first { $0.message == "request refused" })
        #expect(refusal.metadata["reason"] == "NotAnActivity")
        #expect(refusal.metadata["detail"] == "body is not an activity: " + reason)
    }
}
