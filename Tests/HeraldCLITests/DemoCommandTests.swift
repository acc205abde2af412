import Foundation
import HeraldCore
import ReferenceStore
import Testing

/// `herald demo`: the whole story in one command, checked end to end.
@Suite("herald demo")
struct DemoCommandTests {
    @Test("2,000 users: everyone deliverable welcomed exactly once, everyone else in a named state, the reports written")
    func demo() async throws {
        let result = try Herald.run(["demo", "--users", "2000", "--json"])
        let last = try #require(result.output.split(separator: "\n").last { $0.contains("\"mostWelcomesToOnePerson\"") })
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        #expect([0, 1].contains(result.status), "\(result.output.suffix(600))")
        #expect(summary["mostWelcomesToOnePerson"] as? Int == 1, "nobody welcomed twice: \(summary)")
        let folder = try #require(summary["folder"] as? String)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for report in ["provision-report.csv", "welcome-report.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + report), "\(report) written")
        }
        let store = try SQLiteStore(path: folder + "/herald.db")
        let targets = try await store.targets(batch: "demo")
        #expect(targets.count == 2000)
        #expect(targets.allSatisfy { ["referenced", "failed", "skipped"].contains($0.state.name.rawValue) }, "everyone in a terminal state")
        let deliveries = try await store.deliveries(wave: "demo-welcome")
        #expect(deliveries.count == targets.filter { $0.state.name == .referenced }.count, "everyone referenced is in the wave")
        #expect(deliveries.allSatisfy { ![.pending, .sending].contains($0.state.name) }, "every delivery in a final state")
        let sent = deliveries.filter { $0.state.name == .sent }.count
        #expect(summary["welcomed"] as? Int ?? 0 >= sent, "every sent welcome is in the sim's record")
        print("demo: \(summary["seconds"] ?? "-") s, provisioning \(summary["provisionSeconds"] ?? "-") s, ideal \(summary["idealSeconds"] ?? "-") s")
    }
}
