import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import TeamsSim
import UnixSignals

/// `herald sim`: Teams, Graph and the Microsoft login endpoints on loopback.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Emulate Teams, Microsoft Graph and the Microsoft login endpoints on 127.0.0.1, with real limits and injected faults.",
        discussion: """
            Prints the tenant, the bot's credentials, the catalog app and the URLs, and writes them to --env-out in the \
            variable names Herald's other commands read (so `--env-file .herald/sim.env` points them here). \
            Inspection and test hooks live under /_sim/. Stops on Ctrl-C (SIGINT) or SIGTERM.
            """
    )

    @Option(help: "The port on 127.0.0.1 (0 picks a free one).")
    var port = 3979

    @Option(help: "How many users the generated tenant has.")
    var users = 1_000

    @Option(help: "The seed of the generated tenant and of injected faults.")
    var seed: UInt64 = 42

    @Option(help: "A tenant fixture JSON file to serve instead of a generated tenant.")
    var fixture: String?

    @Option(name: .customLong("bot-endpoint"), help: "Where install activities are posted.")
    var botEndpoint = "http://127.0.0.1:3978/api/messages"

    @Option(help: "Scales every limit window and delay (10 = ten times faster, same shape).")
    var speed = 1.0

    @Option(name: .customLong("env-out"), help: "Where to write the env file.")
    var envOut = ".herald/sim.env"

    @Option(name: .customLong("drop-rate"), help: "Share of install activities never delivered (0–1).")
    var dropRate = 0.0

    @Option(name: .customLong("duplicate-rate"), help: "Share of install activities delivered twice (0–1).")
    var duplicateRate = 0.0

    @Option(name: .customLong("graph-faults"), help: "Share of Graph requests answered 500/502/503/504 (0–1).")
    var graphFaults = 0.0

    @Option(name: .customLong("connector-faults"), help: "Share of Connector requests answered 500/502/503/504/412 (0–1).")
    var connectorFaults = 0.0

    @Option(
        name: .customLong("applied-faults"),
        help: "Share of Connector sends recorded, then answered 504 or with the connection dropped (0–1): ambiguous outcomes.")
    var appliedFaults = 0.0

    @Flag(help: "The bot is installed in every team: it may open a 1:1 chat with any team member (roster waves).")
    var botInTeams = false

    @Option(name: .customLong("login-faults"), help: "Share of token requests answered 500/503 (0–1).")
    var loginFaults = 0.0

    @Option(name: .customLong("reset-rate"), help: "Share of Graph and Connector requests whose connection is dropped (0–1).")
    var resetRate = 0.0

    @Option(name: .customLong("slow-rate"), help: "Share of Graph and Connector requests delayed by --latency-ms (0–1).")
    var slowRate = 0.0

    @Option(name: .customLong("latency-ms"), help: "The added latency of slow requests, in milliseconds.")
    var latencyMs = 200

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard users >= 1 else { throw ValidationError("--users must be at least 1") }
        guard speed > 0 else { throw ValidationError("--speed must be greater than 0") }
        for (name, rate) in [
            ("--drop-rate", dropRate), ("--duplicate-rate", duplicateRate), ("--graph-faults", graphFaults), ("--connector-faults", connectorFaults),
            ("--applied-faults", appliedFaults),
            ("--login-faults", loginFaults), ("--reset-rate", resetRate), ("--slow-rate", slowRate),
        ] where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        guard URL(string: botEndpoint)?.host != nil else { throw ValidationError("--bot-endpoint \(botEndpoint) is not a URL") }
    }

    func run() async throws {
        let tenant: TenantFixture
        if let fixture {
            do { tenant = try TenantFixture(contentsOf: URL(fileURLWithPath: fixture)) } catch {
                throw ValidationError("--fixture \(fixture) cannot be read: \(error)")
            }
        } else {
            tenant = TenantFixture.generate(seed: seed, users: users)
        }
        let latency = Duration.milliseconds(latencyMs)
        let faults = SimConfiguration.Faults(
            login: .init(serverErrors: loginFaults),
            graph: .init(serverErrors: graphFaults, connectionResets: resetRate, slowRequests: slowRate, latency: latency),
            connector: .init(serverErrors: connectorFaults, connectionResets: resetRate, slowRequests: slowRate, latency: latency))
        var configuration = SimConfiguration(
            port: port, botEndpoint: URL(string: botEndpoint)!, speed: speed, seed: seed, faults: faults,
            dropRate: dropRate, duplicateRate: duplicateRate)
        configuration.appliedFaults = appliedFaults
        configuration.botInTeams = botInTeams
        var logger = Logger(label: "herald.sim")
        logger.logLevel = .warning
        let envOut = envOut
        let preinstalled = tenant.users.filter(\.preinstalled).count
        let unlicensed = tenant.users.filter { !$0.hasTeamsLicense }.count
        let guests = tenant.users.filter(\.isGuest).count
        let summary =
            "\(tenant.users.count) users (\(preinstalled) preinstalled, \(unlicensed) without Teams licence, \(guests) guests), seed \(seed), speed \(speed)×"
        let app = try await TeamsSim(fixture: tenant, configuration: configuration).application(httpClient: .shared, logger: logger) { endpoints in
            do {
                let url = URL(fileURLWithPath: envOut)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(endpoints.envFile.utf8).write(to: url, options: .atomic)
            } catch {
                Console.error("herald sim: cannot write \(envOut): \(error.localizedDescription)")
            }
            FileHandle.standardOutput.write(Data((Self.banner(endpoints, summary: summary, envOut: envOut) + "\n").utf8))
        }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    static func banner(_ endpoints: SimEndpoints, summary: String, envOut: String) -> String {
        """
        herald sim: Teams, Graph and login on \(endpoints.baseURL) (\(summary))
          tenant            \(endpoints.tenantId)
          bot app id        \(endpoints.botAppId)
          bot app secret    \(endpoints.botAppSecret)   (a simulator secret)
          catalog app id    \(endpoints.catalogAppId)   (manifest id \(endpoints.teamsAppId))
          token endpoint    \(endpoints.loginURL)/\(endpoints.tenantId)/oauth2/v2.0/token
          OpenID metadata   \(endpoints.openIDMetadataURL)
          Graph             \(endpoints.graphURL)
          Bot Connector     \(endpoints.baseURL)/teams/{amer,emea,apac}/
          inspection        \(endpoints.inspectionURL)/messages, /counters, /installs, /reset, /tokens, /keys/rotate
          env file          \(envOut)
        """
    }
}
