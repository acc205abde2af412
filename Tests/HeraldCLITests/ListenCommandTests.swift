import Foundation
import Testing

@Suite("herald listen")
struct ListenCommandTests {
    @Test("serves /healthz, then stops gracefully on SIGTERM")
    func servesAndStops() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-listen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = folder.appendingPathComponent("bot.env")
        try "MicrosoftAppId=9c4e2a7b-1d3f-4b6a-8e0c-5f7a9b1d3e52\nHERALD_OPENID_METADATA_URL=http://127.0.0.1:9/none\n".write(to: env, atomically: true, encoding: .utf8)
        let (process, banner) = try Herald.start(["listen", "--port", "0", "--env-file", env.path, "--store", "sqlite:\(folder.appendingPathComponent("herald.db").path)"], readingUntil: "/api/messages")
        let url = try #require(banner.split(separator: " ").first { $0.hasPrefix("http://") }.map { $0.replacingOccurrences(of: "/api/messages", with: "/healthz") })
        let health = try String(contentsOf: URL(string: url)!, encoding: .utf8)
        process.terminate()
        process.waitUntilExit()
        #expect(health == "ok\n")
        #expect(process.terminationStatus == 0)
    }

    @Test("without MicrosoftAppId it is a usage error")
    func needsAppId() throws {
        let result = try Herald.run(["listen", "--port", "0"], environment: ["MicrosoftAppId": ""])
        #expect(result.status == 2)
        #expect(result.output.contains("MicrosoftAppId"))
    }
}
