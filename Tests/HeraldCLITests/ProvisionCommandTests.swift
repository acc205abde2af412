import Foundation
import Testing

/// `herald provision` and `herald status` as a user runs them: against `herald sim` with `herald listen` beside it.
@Suite("herald provision")
struct ProvisionCommandTests {
    /// A listener, then a simulator posting to it, in a temporary folder; stops both afterwards.
    static func withSimAndListener(
        users: Int = 30, store storeURL: String? = nil, _ body: (_ folder: URL, _ envFile: String, _ store: String) throws -> Void
    ) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-provision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let envFile = folder.appendingPathComponent("sim.env").path
        let store = storeURL ?? "sqlite:" + folder.appendingPathComponent("herald.db").path
        // The sim posts to the listener, and the listener reads the sim's env file for the bot id and the key
        // metadata: give the listener a free port first, so that one sim serves both.
        let port = try Self.freePort()
        let (sim, _) = try Herald.start(
            [
                "sim", "--port", "0", "--users", String(users), "--speed", "10", "--env-out", envFile, "--bot-endpoint",
                "http://127.0.0.1:\(port)/api/messages",
            ],
            readingUntil: "env file")
        defer {
            sim.terminate()
            sim.waitUntilExit()
        }
        let (listener, _) = try Herald.start(
            ["listen", "--port", String(port), "--env-file", envFile, "--store", store], readingUntil: "/api/messages")
        defer {
            listener.terminate()
            listener.waitUntilExit()
        }
        try body(folder, envFile, store)
    }

    /// A loopback port nothing listens on now.
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test("a batch provisions everyone the tenant allows, says so, and herald status gives the exact JSON summary")
    func batch() throws {
        try Self.withSimAndListener(users: 100) { folder, envFile, store in
            let report = folder.appendingPathComponent("report.csv")
            let result = try Herald.run(
                [
                    "provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate", "--batch", "b1", "--reference-timeout", "5",
                    "--report", report.path,
                ],
                environment: ["HERALD_RATE_SCALE": "10"])
            let status = try Herald.run(["status", "b1", "--json", "--store", store])
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
            #expect(Set(summary.keys) == ["batch", "total", "states", "reasons"])
            #expect(summary["batch"] as? String == "b1")
            #expect(summary["total"] as? Int == 100)
            let states = try #require(summary["states"] as? [String: Int])
            #expect(states.values.reduce(0, +) == 100)
            let rows = try String(contentsOf: report, encoding: .utf8).split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            #expect(rows.first == ["user", "state", "reason", "last_status", "request_id", "error_code"])
            #expect(rows.count - 1 == 100 - states["referenced", default: 0], "everyone not referenced is in the report")
            let failed = rows.filter { $0.count == 6 && $0[1] == "failed" }
            #expect(!failed.isEmpty && failed.count == states["failed"])
            #expect(
                failed.allSatisfy { !$0[3].isEmpty && !$0[4].isEmpty && !$0[5].isEmpty },
                "a failure carries Graph's status, request id and code: \(failed)")
            #expect(Set(states.keys).isSubset(of: ["referenced", "failed", "skipped"]), "everyone ends in a terminal state: \(states)")
            #expect(result.status == (states["failed", default: 0] > 0 ? 1 : 0), "\(result.output)")
            #expect(result.output.contains("referenced"))
        }
    }

    @Test("two herald provision processes on one PostgreSQL share a batch: both work, nobody is handled by both, nobody installed twice")
    func twoProcessesShareABatch() async throws {
        try await TestDatabases.with(.postgres) { url in
            try Self.withSimAndListener(users: 1500, store: url) { folder, envFile, store in
                // The default reference timeout: waits run beside the installs, and on a loaded machine activities come late.
                let arguments = [
                    "provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate", "--batch", "shared",
                    "--reference-timeout", "30", "--json",
                ]
                // Both start before either has finished resolving the people, and both enqueue the same batch.
                let outputs = [folder.appendingPathComponent("first.jsonl"), folder.appendingPathComponent("second.jsonl")]
                let processes = try outputs.map { output in
                    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
                    let process = Process()
                    process.executableURL = Herald.binary
                    process.arguments = arguments
                    process.standardOutput = try FileHandle(forWritingTo: output)
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    return process
                }
                for process in processes { process.waitUntilExit() }
                let handled = try outputs.map { output in
                    try String(contentsOf: output, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                        return object?["user"] as? String
                    }
                }
                #expect(!handled[0].isEmpty && !handled[1].isEmpty, "both processes worked: \(handled[0].count) and \(handled[1].count) people")
                #expect(Set(handled[0]).isDisjoint(with: handled[1]), "nobody was handled by both")
                #expect(handled[0].count == Set(handled[0]).count && handled[1].count == Set(handled[1]).count)

                let status = try Herald.run(["status", "shared", "--json", "--store", store])
                let summary = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
                let states = try #require(summary["states"] as? [String: Int])
                #expect(summary["total"] as? Int == 1500)
                #expect(
                    handled[0].count + handled[1].count == 1500 - states["skipped", default: 0], "everyone not skipped was handled once: \(states)")

                let env = try String(contentsOfFile: envFile, encoding: .utf8)
                let graph = try #require(env.split(separator: "\n").first { $0.hasPrefix("HERALD_GRAPH_URL=") }).dropFirst("HERALD_GRAPH_URL=".count)
                let installs = try Data(contentsOf: try #require(URL(string: graph.replacingOccurrences(of: "/graph/v1.0", with: "/_sim/installs"))))
                let users = try #require((try JSONSerialization.jsonObject(with: installs) as? [String: Any])?["users"] as? [[String: Any]])
                #expect(users.count > 1000)
                let countersURL = try #require(URL(string: graph.replacingOccurrences(of: "/graph/v1.0", with: "/_sim/counters")))
                let counters = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: countersURL)) as? [String: Any])
                let fallbacks = (counters["routes"] as? [String: Int])?["POST /v3/conversations"] ?? 0
                #expect(fallbacks < 75, "references come from the install activities; the Connector only for the preinstalled: \(fallbacks)")
                for user in users {
                    #expect((user["created"] as? Int ?? 0) + (user["conflict"] as? Int ?? 0) <= 1, "at most one install POST per person: \(user)")
                }
            }
        }
    }

    @Test("bad input is a clear usage error naming what and where, and never shows the secret")
    func badInput() throws {
        try Self.withSimAndListener(users: 5) { folder, envFile, store in
            let csv = folder.appendingPathComponent("people.csv")
            try "userPrincipalName\nnot a user\n".write(to: csv, atomically: true, encoding: .utf8)
            let broken = try Herald.run(["provision", "--users", csv.path, "--env-file", envFile, "--store", store, "--no-validate", "--dry-run"])
            #expect(broken.output.contains("people.csv:2:"), "\(broken.output)")
            let group = try Herald.run(["provision", "--group", "no-such-group", "--env-file", envFile, "--store", store, "--no-validate"])
            #expect(group.status == 2)
            #expect(group.output.contains("no-such-group"), "\(group.output)")
            let secret = "Not-The-Secret-" + UUID().uuidString
            let wrong = try Herald.run(
                ["provision", "--all-users", "--env-file", envFile, "--store", store, "--no-validate"], environment: ["MicrosoftAppPassword": secret])
            // The env file wins over the environment; a flag-less override goes through a second env file.
            let override = folder.appendingPathComponent("wrong.env")
            var lines = try String(contentsOfFile: envFile, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("MicrosoftAppPassword=") }
            lines.append("MicrosoftAppPassword=\(secret)")
            try lines.joined(separator: "\n").write(to: override, atomically: true, encoding: .utf8)
            let refused = try Herald.run(["provision", "--all-users", "--env-file", override.path, "--store", store, "--no-validate"])
            #expect(refused.status == 2, "\(refused.output)")
            #expect(refused.output.contains("invalid_client") || refused.output.contains("MicrosoftAppPassword"), "\(refused.output)")
            #expect(!refused.output.contains(secret) && !wrong.output.contains(secret))
            let offline = folder.appendingPathComponent("offline.env")
            try String(contentsOfFile: envFile, encoding: .utf8).split(separator: "\n")
                .map { $0.hasPrefix("HERALD_GRAPH_URL=") ? "HERALD_GRAPH_URL=http://127.0.0.1:9/graph/v1.0" : String($0) }.joined(separator: "\n")
                .write(to: offline, atomically: true, encoding: .utf8)
            let unreachable = try Herald.run(["provision", "--all-users", "--env-file", offline.path, "--store", store, "--no-validate"])
            #expect(unreachable.status == 2, "\(unreachable.output)")
            #expect(unreachable.output.contains("http://127.0.0.1:9/graph/v1.0/appCatalogs/teamsApps"), "\(unreachable.output)")
            let noStore = try Herald.run([
                "provision", "--all-users", "--env-file", envFile, "--store", "postgres://herald@127.0.0.1:9/none", "--no-validate",
            ])
            #expect(noStore.status == 2, "\(noStore.output)")
            #expect(noStore.output.contains("postgres://herald@127.0.0.1:9/none"))
            let none = try Herald.run(["provision", "--env-file", envFile])
            #expect(none.status == 2)
            #expect(none.output.contains("--users FILE.csv, --group ID or --all-users"))
        }
    }
}
