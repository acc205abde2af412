import Foundation
import HeraldCore
import ReferenceStore
import Testing

@Suite("herald listen")
struct ListenCommandTests {
    private static func envFile(_ folder: URL, extra: String = "") throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let env = folder.appendingPathComponent("bot.env")
        try "MicrosoftAppId=9c4e2a7b-1d3f-4b6a-8e0c-5f7a9b1d3e52\nHERALD_OPENID_METADATA_URL=http://127.0.0.1:9/none\n\(extra)".write(
            to: env, atomically: true, encoding: .utf8)
        return env
    }

    @Test("serves /healthz on either store, then stops gracefully on SIGTERM", arguments: TestDatabases.Kind.allCases)
    func servesAndStops(_ kind: TestDatabases.Kind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-listen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = try Self.envFile(folder)
        try await TestDatabases.with(kind) { store in
            let (process, banner) = try Herald.start(
                ["listen", "--port", "0", "--env-file", env.path, "--store", store], readingUntil: "/api/messages")
            defer { if process.isRunning { process.terminate() } }
            let url = try #require(
                banner.split(separator: " ").first { $0.hasPrefix("http://") }.map { $0.replacingOccurrences(of: "/api/messages", with: "/healthz") },
                "no banner: \(banner)")
            let health = try String(contentsOf: URL(string: url)!, encoding: .utf8)
            process.terminate()
            process.waitUntilExit()
            #expect(health == "ok\n")
            #expect(process.terminationStatus == 0)
            #expect(banner.contains("store \(kind == .sqlite ? "sqlite:" : "postgres://")"))
        }
    }

    @Test("HERALD_STORE from the env file wins over the environment, and --store wins over both")
    func storePrecedence() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-listen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromFile = folder.appendingPathComponent("file.db").path, fromFlag = folder.appendingPathComponent("flag.db").path
        let env = try Self.envFile(folder, extra: "HERALD_STORE=sqlite:\(fromFile)\n")
        let environment = ["HERALD_STORE": "sqlite:\(folder.appendingPathComponent("environment.db").path)"]
        let (byFile, fileBanner) = try Herald.start(
            ["listen", "--port", "0", "--env-file", env.path], environment: environment, readingUntil: "/api/messages")
        byFile.terminate()
        byFile.waitUntilExit()
        #expect(fileBanner.contains("store sqlite:\(fromFile)"), "\(fileBanner)")
        let (byFlag, flagBanner) = try Herald.start(
            ["listen", "--port", "0", "--env-file", env.path, "--store", "sqlite:\(fromFlag)"], environment: environment,
            readingUntil: "/api/messages")
        byFlag.terminate()
        byFlag.waitUntilExit()
        #expect(flagBanner.contains("store sqlite:\(fromFlag)"), "\(flagBanner)")
    }

    @Test("without MicrosoftAppId it is a usage error")
    func needsAppId() throws {
        let result = try Herald.run(["listen", "--port", "0"], environment: ["MicrosoftAppId": ""])
        #expect(result.status == 2)
        #expect(result.output.contains("MicrosoftAppId"))
    }

    @Test("a PostgreSQL server that is not there is a clear error, not a hang")
    func unreachablePostgres() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-listen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = try Self.envFile(folder)
        let result = try Herald.run(["listen", "--port", "0", "--env-file", env.path, "--store", "postgres://herald@127.0.0.1:9/none"])
        #expect(result.status != 0)
        #expect(result.output.contains("postgres://herald@127.0.0.1:9/none"), "\(result.output)")
    }
}
