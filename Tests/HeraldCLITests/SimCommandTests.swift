import Foundation
import Testing

@Suite("herald sim")
struct SimCommandTests {
    @Test("starts, prints its credentials and URLs, writes the env file, and stops on SIGTERM")
    func startsAndStops() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-sim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let envFile = folder.appendingPathComponent("sim.env")
        let (process, banner) = try Herald.start(["sim", "--port", "0", "--users", "1000", "--env-out", envFile.path], readingUntil: "env file")
        process.terminate()
        process.waitUntilExit()
        #expect(banner.contains("1000 users"))
        #expect(banner.contains("bot app secret"))
        let env = try String(contentsOf: envFile, encoding: .utf8)
        for name in [
            "MicrosoftAppId=", "MicrosoftAppPassword=", "MicrosoftAppTenantId=", "HERALD_TEAMS_APP_ID=", "HERALD_CATALOG_APP_ID=",
            "HERALD_GRAPH_URL=http://127.0.0.1:", "HERALD_LOGIN_URL=", "HERALD_OPENID_METADATA_URL=", "HERALD_SERVICE_URL=",
        ] {
            #expect(env.contains(name), "\(name) missing from \(env)")
        }
        #expect(process.terminationStatus == 0, "a graceful stop exits 0")
    }

    @Test("bad options are usage errors", arguments: [["sim", "--speed", "0"], ["sim", "--graph-faults", "2"], ["sim", "--users", "0"]])
    func usage(_ arguments: [String]) throws {
        #expect(try Herald.run(arguments).status == 2)
    }
}
