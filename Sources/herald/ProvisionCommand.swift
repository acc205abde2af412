import ArgumentParser
import AsyncHTTPClient
import Auth
import BotConnector
import Foundation
import GraphAPI
import HeraldCore
import Logging
import ManifestKit
import Provisioning
import ReferenceStore
import Synchronization
import Transport

/// `herald provision`: install the app for a batch of people, one Graph call each, resumably.
struct ProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Install the app for a batch of people from the org catalog, one Graph call each, and keep each person's conversation reference.",
        discussion: """
            Reads MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (HERALD_GRAPH_CLIENT_ID and \
            HERALD_GRAPH_CLIENT_SECRET when Graph uses another registration), HERALD_GRAPH_URL, HERALD_LOGIN_URL, \
            HERALD_SERVICE_URL, HERALD_TEAMS_APP_ID and HERALD_STORE from the environment, then --env-file, then flags; \
            `--env-file .herald/sim.env` provisions against `herald sim`. Run `herald listen` beside it: the install \
            activities it stores are each person's reference. Rerun with the same --batch to continue a batch; several \
            processes on one PostgreSQL store share it. Exit status: 0 when everyone ended referenced or skipped, 1 when \
            someone failed, 2 for a usage error.
            """
    )

    @Option(name: .customLong("users"), help: "A CSV of people: object ids or user principal names (a header row is detected).")
    var usersFile: String?

    @Option(help: "Every user in this Entra group (transitive members).")
    var group: String?

    @Flag(help: "Every user of the tenant (guests and disabled accounts are skipped and reported).")
    var allUsers = false

    @Option(help: "The batch id, to continue a batch (a new one is made and printed when omitted).")
    var batch: String?

    @Flag(help: "Resolve the people and say what would happen; install nothing.")
    var dryRun = false

    @Option(help: "The app package's manifest, for the app id (HERALD_TEAMS_APP_ID overrides) and the readiness check.")
    var manifest = "manifests/manifest.json"

    @Flag(name: .customLong("validate"), inversion: .prefixedNo, help: "Check the manifest's proactive-install readiness first.")
    var readinessCheck = true

    @Option(
        help: """
            The longest wait, in seconds, for a person's install activity before the Connector and Graph fallbacks (once \
            20 waits have ended, Herald waits four times their recent 95th-percentile delay, and never under a tenth of this).
            """)
    var referenceTimeout: Double = 30

    @Option(
        help:
            "Seconds a worker holds a person before another may take over (a killed run's people wait this long; default: the reference timeout + 30)."
    )
    var lease: Double?

    @Option(help: "People handled at once.")
    var concurrency = 64

    @Flag(help: "Print JSON lines (each person's outcome, then the summary) instead of a live line and a table.")
    var json = false

    @Option(help: "Write every person not referenced to this CSV file (user, state, reason, last status).")
    var report: String?

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        let sources = [usersFile != nil, group != nil, allUsers].filter { $0 }.count
        guard sources == 1 else { throw ValidationError("name the people with exactly one of --users FILE.csv, --group ID or --all-users") }
        guard referenceTimeout >= 0, concurrency > 0 else { throw ValidationError("--reference-timeout must be ≥ 0 and --concurrency > 0") }
    }

    func run() async throws {
        let settings = try options.settings()
        let location = try settings.storeLocation()
        if readinessCheck, FileManager.default.fileExists(atPath: manifest) { try Self.checkReadiness(manifest) }
        let teamsAppId = try settings.value("HERALD_TEAMS_APP_ID") ?? Self.manifestId(manifest)
        let clock = SystemClock()
        let logger = {
            var logger = Logger(label: "herald.provision")
            logger.logLevel = .error
            return logger
        }()
        try await OutboundHTTP.withClient { client in
            let clients = try MicrosoftClients(settings: settings, client: client, clock: clock, logger: logger)
            let (graph, connector, appId, tenant) = (clients.graph, clients.connector, clients.appId, clients.tenantId)
            let (installsPerSecond, scale) = (clients.installsPerSecond, clients.scale)
            do {
                guard let app = try await graph.catalogApp(externalId: teamsAppId) else {
                    throw ValidationError(
                        "the app \(teamsAppId) is not in the tenant's org catalog: publish it (Teams admin center, Manage apps, Upload), and allow a few hours for a newly published app to appear"
                    )
                }
                let (people, skipped) = try await targets(graph)
                let batchId = batch ?? Self.newBatchId()
                if dryRun {
                    print(
                        "dry run, batch \(batchId): would install \(app.displayName ?? teamsAppId) for \(people.count) \(people.count == 1 ? "person" : "people"), skip \(skipped.count)"
                    )
                    return
                }
                let outcome = try await location.withStore(logger: logger) { store in
                    let provisioner = Provisioner(
                        configuration: ProvisioningConfiguration(
                            batch: batchId, worker: WaveRun.workerName(), tenantId: TenantID(tenant),
                            catalogAppId: app.id,
                            bot: BotID(appId: appId),
                            defaultServiceURL: ServiceURL(settings.value("HERALD_SERVICE_URL") ?? "https://smba.trafficmanager.net/teams/"),
                            concurrency: concurrency, lease: .milliseconds(Int64((lease ?? referenceTimeout + 30) * 1000)),
                            referenceTimeout: .milliseconds(Int64(referenceTimeout * 1000))),
                        store: store, graph: graph, connector: connector, clock: clock, logger: logger,
                        progress: Self.progress(json: json, total: people.count, limit: installsPerSecond * scale))
                    if !json {
                        print("batch \(batchId): \(people.count) \(people.count == 1 ? "person" : "people") to provision, \(skipped.count) skipped")
                    }
                    try await provisioner.enqueue(people, skipped: skipped)
                    let summary = try await provisioner.run()
                    return (summary, try await store.targets(batch: batchId))
                }
                let (summary, targets) = outcome
                if let report { try ProvisionOutput.report(targets).write(toFile: report, atomically: true, encoding: .utf8) }
                if json {
                    Console.write(try ProvisionOutput.encoder.encode(summary))
                } else {
                    if Console.isTerminal { print("") }
                    print(ProvisionOutput.table(summary))
                }
                if summary.hasFailures { throw ExitCode(1) }
            } catch let error as TransportError {
                throw ValidationError(error.description)
            } catch let error as TokenRequestError {
                throw ValidationError(error.description)
            } catch let error as StoreError {
                throw ValidationError(error.description)
            }
        }
    }

    /// The people to provision, and those left out on purpose; unusable rows and unknown names reported.
    private func targets(_ graph: GraphClient) async throws -> ([AADObjectID], [(AADObjectID, ProvisionSkipReason)]) {
        if let usersFile {
            let text: String
            do { text = try String(contentsOfFile: usersFile, encoding: .utf8) } catch {
                throw ValidationError("--users \(usersFile) cannot be read: \(error.localizedDescription)")
            }
            let list = UserList(csv: text)
            for bad in list.badRows { Console.error("herald provision: \(usersFile):\(bad.line): \(bad.reason)") }
            let targets = try await ProvisionTargets(.userList(list), graph: graph)
            for name in targets.unknown { Console.error("herald provision: \(usersFile): no user \(name) in the tenant") }
            if !list.badRows.isEmpty || !targets.unknown.isEmpty {
                Console.error(
                    "herald provision: \(list.badRows.count) unusable row(s) and \(targets.unknown.count) unknown user(s) in \(usersFile) left out")
            }
            return (targets.people, targets.skipped)
        } else if let group {
            do {
                let targets = try await ProvisionTargets(.group(group), graph: graph)
                return (targets.people, targets.skipped)
            } catch let error as TransportError where error.httpStatus == 404 {
                throw ValidationError("--group \(group): Graph knows no such group (\(error.serviceErrorCode ?? "404"))")
            }
        }
        let targets = try await ProvisionTargets(.allUsers, graph: graph)
        return (targets.people, targets.skipped)
    }

    /// Per person: a JSON line, or the live line on a terminal (done/total, the rate beside Graph's install limit, ETA, failures).
    private static func progress(json: Bool, total: Int, limit: Double) -> @Sendable (AADObjectID, ProvisionState) -> Void {
        let counts = Mutex((done: 0, failed: 0, started: Date()))
        return { user, state in
            let (done, failed, started) = counts.withLock { counts in
                if state.isTerminal { counts.done += 1 }
                if case .failed = state { counts.failed += 1 }
                return counts
            }
            if json {
                if let data = try? ProvisionOutput.encoder.encode(ProvisionOutput.PersonLine(user, state)) { Console.write(data) }
            } else if Console.isTerminal {
                let elapsed = max(Date().timeIntervalSince(started), 0.001)
                let rate = Double(done) / elapsed
                let eta = rate > 0 ? Int(Double(max(total - done, 0)) / rate) : 0
                FileHandle.standardOutput.write(
                    Data(
                        String(
                            format: "\r%d/%d done, %.1f/s (%.0f%% of the %.0f/s install limit), ETA %ds, %d failed   ", done, total, rate,
                            100 * rate / max(limit, 0.001), limit, eta, failed
                        ).utf8))
            }
        }
    }

    static func newBatchId() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "b-\(formatter.string(from: Date()))-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
    }

    static func manifestId(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let id = object["id"] as? String
        else { throw ValidationError("no app id: set HERALD_TEAMS_APP_ID, or point --manifest at the app's manifest.json (\(path) has no \"id\")") }
        return id
    }

    /// The proactive-install readiness rules of `herald validate`, as errors.
    static func checkReadiness(_ manifest: String) throws {
        let folder = (manifest as NSString).deletingLastPathComponent
        let package = try AppPackageReader().open(folder.isEmpty ? "." : folder)
        let report = ManifestValidator(
            catalog: SchemaCatalog(cacheDirectory: Configuration.schemaCacheDirectory()), options: ValidationOptions(requireProactiveInstall: true)
        )
        .validate(package)
        let blocking = report.findings.filter { $0.severity == .error && $0.rule.hasPrefix("ProactiveInstall") }
        guard blocking.isEmpty else {
            throw ValidationError(
                "\(manifest) is not ready for proactive install:\n" + blocking.map { "  \($0.rule): \($0.message)" }.joined(separator: "\n")
                    + "\n(fix it, or pass --no-validate)")
        }
    }
}
