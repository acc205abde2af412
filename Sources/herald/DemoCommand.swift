import ArgumentParser
import Foundation
import Synchronization

/// `herald demo`: the whole story on embedded defaults, in one command: the simulator, the listener and a store in a
/// fresh folder, the manifest validated, every user provisioned, and the welcome wave following the batch.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole story on embedded defaults: a simulated tenant, the listener, provisioning and the welcome wave.",
        discussion: """
            Everything runs on 127.0.0.1 in .herald/demo-<time>/ (no Microsoft account, no network): herald sim with a \
            generated tenant and realistic faults, herald listen, herald validate on manifests/, herald provision of every \
            user, and herald welcome following the batch as references land. Ctrl-C stops everything and says how to resume.
            """
    )

    @Option(help: "Users in the generated tenant.")
    var users = 2000

    @Option(
        help: """
            How much faster than Microsoft's clock the simulator runs (its limits scale with it); by default just fast \
            enough that installing everyone takes about a minute at Graph's 30 installs a second (1 up to 1,800 users).
            """)
    var speed: Double?

    @Option(help: "The store (default: sqlite in the demo's folder); a postgres:// URL runs the demo on PostgreSQL.")
    var store: String?

    @Flag(help: "No injected faults (every other quirk of the tenant stays).")
    var noFaults = false

    @Flag(help: "Print JSON lines (each person's outcome from both steps, then the summary) instead of live lines.")
    var json = false

    func validate() throws {
        guard users > 0 else { throw ValidationError("--users must be at least 1") }
        guard speed.map({ $0 > 0 }) ?? true else { throw ValidationError("--speed must be above 0") }
    }

    /// The simulator's speed at which installing `users` people at Graph's limit takes about a minute.
    static func speedForAMinute(_ users: Int) -> Double {
        max(1, (Double(users) / (30 * 60) * 100).rounded() / 100)
    }

    func run() async throws {
        let speed = self.speed ?? Self.speedForAMinute(users)
        let folder = URL(fileURLWithPath: ".herald").appendingPathComponent("demo-" + ProvisionCommand.newBatchId().dropFirst(2))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let envFile = folder.appendingPathComponent("sim.env").path
        let storeURL = store ?? "sqlite:" + folder.appendingPathComponent("herald.db").path
        let binary = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL.path
        let children = DemoChildren()
        let stop = {
            children.stopAll()
            fflush(nil)  // every stream: what was printed comes before this
            FileHandle.standardError.write(
                Data(
                    """

                    herald demo: stopped (the sim, the listener, provisioning and the welcome wave). The store, the reports \
                    and the logs are in \(folder.path).
                    The simulated tenant lived in the stopped sim, so this run cannot go on: herald demo starts afresh. The \
                    batch and the wave resume from the store against a tenant that is running (a herald sim with this env \
                    file, or Microsoft's with yours), people already done left alone:
                      herald provision --all-users --env-file \(envFile) --store \(storeURL) --batch demo
                      herald welcome --wave demo-welcome --batch demo --follow --env-file \(envFile) --store \(storeURL)

                    """.utf8))
            Foundation.exit(130)
        }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT)
        interrupt.setEventHandler { stop() }
        interrupt.resume()
        defer { children.stopAll() }

        let port = try Self.freePort()
        var simArguments = [
            "sim", "--port", "0", "--users", String(users), "--speed", String(speed), "--env-out", envFile, "--bot-endpoint",
            "http://127.0.0.1:\(port)/api/messages",
        ]
        if !noFaults {
            simArguments += [
                "--graph-faults", "0.02", "--connector-faults", "0.02", "--reset-rate", "0.002", "--drop-rate", "0.02", "--duplicate-rate", "0.02",
                "--applied-faults", "0.002",
            ]
        }
        _ = try children.start(binary, simArguments, log: folder.appendingPathComponent("sim.log"), readyWhen: "env file")
        _ = try children.start(
            binary, ["listen", "--port", String(port), "--env-file", envFile, "--store", storeURL], log: folder.appendingPathComponent("listen.log"),
            readyWhen: "/api/messages")
        say("herald demo: a simulated tenant of \(users) users at --speed \(speed), the listener on 127.0.0.1:\(port), store \(storeURL)")

        let validate = try children.run(binary, ["validate", "manifests/"], log: folder.appendingPathComponent("validate.log"))
        say("validate manifests/: \(validate == 0 ? "valid" : "invalid (see \(folder.path)/validate.log)")")

        let progress = DemoProgress(total: users, installLimit: 30 * speed, sendLimit: 50 * speed, json: json)
        let started = Date()
        async let provisioned = children.stream(
            binary,
            [
                "provision", "--all-users", "--env-file", envFile, "--store", storeURL, "--no-validate", "--batch", "demo", "--json",
                "--reference-timeout", String(max(2, 30 / speed)), "--report", folder.appendingPathComponent("provision-report.csv").path,
            ], log: folder.appendingPathComponent("provision.log")
        ) { line in progress.install(line) }
        async let welcomed = children.stream(
            binary,
            [
                "welcome", "--wave", "demo-welcome", "--batch", "demo", "--follow", "--env-file", envFile, "--store", storeURL, "--json", "--report",
                folder.appendingPathComponent("welcome-report.csv").path,
            ], log: folder.appendingPathComponent("welcome.log")
        ) { line in progress.welcome(line) }
        let provisionStatus = try await provisioned
        let provisionSeconds = Date().timeIntervalSince(started)
        let welcomeStatus = try await welcomed
        let elapsed = Date().timeIntervalSince(started)
        progress.finish()

        let tally = try DemoTally(simEnvFile: envFile)
        let batch = try children.capture(binary, ["status", "demo", "--store", storeURL])
        let wave = try children.capture(binary, ["status", "--wave", "demo-welcome", "--store", storeURL])
        let ideal = Double(users) / (30 * speed)
        let (pipeline, installing, throttled) = (tally.pipelineSeconds, tally.installSeconds, tally.throttled)
        let summary: [String: Any] = [
            "installSeconds": (installing * 100).rounded() / 100, "users": users, "seconds": (elapsed * 10).rounded() / 10,
            "idealSeconds": (ideal * 10).rounded() / 10,
            "pipelineSeconds": (pipeline * 100).rounded() / 100, "pipelineToIdeal": (pipeline / ideal * 1000).rounded() / 1000,
            "graphCallsPerPerson": (Double(tally.graphCalls) / Double(max(progress.installed, 1)) * 1000).rounded() / 1000,
            "throttled": throttled, "folder": folder.path, "store": storeURL, "provisionExit": provisionStatus, "welcomeExit": welcomeStatus,
            "provisionSeconds": (provisionSeconds * 10).rounded() / 10, "welcomed": tally.messagesPerPerson.count,
            "mostWelcomesToOnePerson": tally.messagesPerPerson.values.max() ?? 0,
        ]
        if json {
            let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
            Console.write(data)
        } else {
            print(batch.trimmingCharacters(in: .newlines))
            print(wave.trimmingCharacters(in: .newlines))
            print(
                String(
                    format:
                        "first install to last welcome: %.1f s on the sim's clock = %.2f × the ideal %.1f s (%d users ÷ the %.0f/s install limit); with the processes' start and the user paging %.1f s (provisioning %.1f s)\n%.3f Graph calls per person (installs, fallbacks and the welcome's name lookups); %d answered 429",
                    pipeline, pipeline / ideal, ideal, users, 30 * speed, elapsed, provisionSeconds, summary["graphCallsPerPerson"] as? Double ?? 0,
                    throttled)
                    + (throttled == 0
                        ? ""
                        : " (" + tally.throttledByFamily + ")"))
            print("store \(storeURL); reports, logs and the sim's env file in \(folder.path)")
        }
        if provisionStatus > 1 || welcomeStatus > 1 { throw ExitCode(1) }
    }

    /// A line for the person watching, written at once (print would hold it in a pipe's buffer until the end).
    private func say(_ line: String) {
        if !json { Console.write(Data(line.utf8)) }
    }

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
        guard bound else { throw ValidationError("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
