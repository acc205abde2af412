import ArgumentParser
import Foundation
import GraphAPI
import HeraldCore
import Logging
import ManifestKit
import Messenger
import Provisioning
import ReferenceStore
import Synchronization

/// `herald welcome`: a wave that sends the welcome card to everyone once, at the tenant's limit.
struct WelcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "welcome",
        abstract: "Send the welcome card to a batch of people once each, as a resumable, rate-limited wave.",
        discussion: """
            A wave is named (--wave) and kept in the store: rerun the same command to continue it; nobody gets the card \
            twice. A delivery is marked sending before its POST; one whose outcome is unknown (the process died, a \
            timeout or a dropped connection after the request was written, a 504) is uncertain, reported, and sent \
            again only with --resend-uncertain. Reads MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, \
            HERALD_TRUSTED_SERVICE_HOSTS, HERALD_SERVICE_URL, HERALD_GRAPH_URL (for names), HERALD_STORE and \
            HERALD_INSTALLER. Exit status: 0 when nobody failed or is uncertain, 1 otherwise, 2 for a usage error \
            (nothing is sent then).
            """
    )

    @Option(help: "The wave's name: rerun with the same name to continue it.")
    var wave: String?

    @Option(help: "The Adaptive Card template (${…} bindings: name, givenName, app.name, tenant.name, installer, CSV columns).")
    var card = "manifests/welcome-card.json"

    @Option(help: "A CSV of people (object ids or user principal names; every column can be bound in the card).")
    var targets: String?

    @Option(help: "The people a provisioning batch referenced.")
    var batch: String?

    @Flag(help: "Every person with a stored conversation reference for this bot.")
    var all = false

    @Flag(help: "Say who would get the card, and who would be skipped; send nothing.")
    var dryRun = false

    @Option(help: "Print the card as USER (object id or user principal name) would get it, and stop.")
    var preview: String?

    @Flag(help: "Send again the deliveries whose outcome is unknown (they may reach the person twice).")
    var resendUncertain = false

    @Flag(help: "Send again the deliveries that failed.")
    var resendFailed = false

    @Flag(help: "With --batch: keep welcoming people as their references land, until the batch has ended.")
    var follow = false

    @Flag(help: "Join an existing wave (its card and people are in the store): several workers on PostgreSQL share it.")
    var worker = false

    @Option(help: "Who installed the app, for the card's ${installer} (else HERALD_INSTALLER, else \"your IT team\").")
    var installer: String?

    @Option(help: "The app's manifest, for ${app.name} and ${app.description}.")
    var manifest = "manifests/manifest.json"

    @Option(help: "Deliveries handled at once (each waits for the tenant's budget before it is marked sending).")
    var concurrency = 32

    @Option(help: "Seconds a worker holds a delivery; one found sending after that is uncertain.")
    var lease: Double = 120

    @Flag(help: "Print JSON lines (each person's outcome, then the summary) instead of a live line and a table.")
    var json = false

    @Option(help: "Write every person not sent to this CSV file (user, state, reason, status, Teams error code).")
    var report: String?

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard let wave, !wave.isEmpty else { throw ValidationError("name the wave with --wave NAME") }
        let sources = [targets != nil, batch != nil, all].filter { $0 }.count
        guard worker || preview != nil ? sources <= 1 : sources == 1 else {
            throw ValidationError("name the people with exactly one of --targets FILE.csv, --batch ID or --all (or join a wave with --worker)")
        }
        guard !follow || batch != nil else { throw ValidationError("--follow needs --batch ID: it follows a provisioning batch") }
        guard concurrency > 0, lease > 0 else { throw ValidationError("--concurrency and --lease must be positive") }
    }

    func run() async throws {
        let settings = try options.settings()
        let location = try settings.storeLocation()
        let waveName = wave ?? ""
        // A worker sends the card the wave was created with; it needs no card file of its own.
        let template = worker ? nil : try Self.template(card)
        let clock = SystemClock()
        let logger = {
            var logger = Logger(label: "herald.welcome")
            logger.logLevel = .error
            return logger
        }()
        try await OutboundHTTP.withClient { client in
            let clients = try MicrosoftClients(settings: settings, client: client, clock: clock, logger: logger)
            let tenantId = TenantID(clients.tenantId)
            let bot = BotID(appId: clients.appId)
            let baseData = Self.baseData(settings: settings, manifest: manifest, installer: installer, tenantId: tenantId)
            let summary: WaveSummary? = try await location.withStore(logger: logger) { store in
                let stored = try await store.waveCardTemplate(waveName)
                if let stored, let template, stored != template.text {
                    throw ValidationError("wave \(waveName) was created with another card: use a new --wave name to send \(card)")
                }
                guard let cardText = stored ?? template?.text else {
                    throw ValidationError("wave \(waveName) is not in the store: start it without --worker first")
                }
                let cardTemplate = try Self.template(text: cardText, path: stored == nil ? card : "wave \(waveName)'s card")
                let wave = Wave(
                    configuration: WaveConfiguration(
                        wave: waveName, worker: Self.workerName(), tenantId: tenantId, bot: bot,
                        trustedHosts: settings.value("HERALD_TRUSTED_SERVICE_HOSTS").map {
                            TrustedServiceHosts($0.split(separator: ",").map(String.init))
                        }
                            ?? .microsoft,
                        defaultServiceURL: ServiceURL(settings.value("HERALD_SERVICE_URL") ?? "https://smba.trafficmanager.net/teams/"),
                        concurrency: concurrency, lease: .milliseconds(Int64(lease * 1000))),
                    store: store, connector: clients.connector, card: cardTemplate, baseData: baseData,
                    conversations: ConversationBudget(windows: ConversationBudget.teams(scale: clients.scale), clock: clock), clock: clock,
                    logger: logger, progress: WelcomeOutput.progress(json: json))
                let source: WelcomeAudience.Source? =
                    if let targets { .targets(path: targets) } else if let batch { .batch(batch) } else if all { .all } else { nil }

                if let preview {
                    var audience: WelcomeAudience?
                    if let source {
                        audience = try await WelcomeAudience.resolve(source, store: store, graph: clients.graph, tenantId: tenantId, bot: bot)
                    }
                    let person = try await Self.person(preview, graph: clients.graph)
                    let message = try Self.render(wave, audience?.data[person.id] ?? person.data, person: preview)
                    Console.write(Data(try JSONDocument(data: message).root.serialized.utf8))
                    return nil
                }
                if let source, !worker, let template {
                    // Following a batch that has not started yet: nobody to add until it has.
                    let waiting = follow ? try await store.targets(batch: batch ?? "").isEmpty : false
                    let audience =
                        waiting
                        ? WelcomeAudience()
                        : try await WelcomeAudience.resolve(source, store: store, graph: clients.graph, tenantId: tenantId, bot: bot)
                    // Every person's card renders and fits before anything is sent.
                    // The shared data (the app, the installer, the tenant) is stored with each person, so a worker on
                    // another machine renders the same card.
                    let data = audience.data.mapValues { wave.data($0).serialized }
                    for person in audience.people { _ = try Self.render(wave, data[person], person: person.rawValue) }
                    if dryRun {
                        var optedOut = 0
                        for person in audience.people where try await store.hasOptedOut(tenantId: tenantId, user: person) { optedOut += 1 }
                        print("dry run, wave \(waveName): would send \(card) to \(audience.people.count - optedOut), skip \(optedOut) opted out")
                        return nil
                    }
                    try await store.createWave(id: waveName, name: waveName, cardTemplate: template.text, at: clock.date)
                    // Two processes that start one new wave at once: the first card wins, the other stops here.
                    guard try await store.waveCardTemplate(waveName) == template.text else {
                        throw ValidationError("wave \(waveName) was just created with another card: use a new --wave name to send \(card)")
                    }
                    try await store.enqueueDeliveries(wave: waveName, tenantId: tenantId, users: audience.people, data: data, at: clock.date)
                }
                if dryRun {
                    // A worker's dry run: what is left, sending nothing.
                    let (left, _) = try await store.unfinishedDeliveries(wave: waveName)
                    print("dry run, wave \(waveName): \(left) \(left == 1 ? "delivery" : "deliveries") not sent yet")
                    return nil
                }
                if resendUncertain { try await store.resendUncertain(wave: waveName, at: clock.date) }
                if resendFailed {
                    let serviceErrors = try await store.deliveries(wave: waveName).filter { $0.state == .failed(.serviceError, status: 500) }.count
                    if serviceErrors > 0 {
                        Console.error(
                            "herald welcome: \(serviceErrors) failed with 500 (service_error); Teams does not say whether it posted those, so they may get the card twice"
                        )
                    }
                    try await store.resendFailed(wave: waveName, at: clock.date)
                }
                if !json { print("wave \(waveName): sending \(card)") }
                var summary = try await wave.run()
                let followingSince = clock.date
                while follow, let batch {
                    // Welcome each person of the batch as their reference lands, until the batch has ended.
                    let (unfinished, _) = try await store.unfinishedTargets(batch: batch)
                    let started = try await !store.targets(batch: batch).isEmpty
                    if started {
                        let known = Set(try await store.deliveries(wave: waveName).map(\.user))
                        let audience = try await WelcomeAudience.resolve(
                            .batch(batch), store: store, graph: clients.graph, tenantId: tenantId, bot: bot, excluding: known)
                        let data = audience.data.mapValues { wave.data($0).serialized }
                        for person in audience.people { _ = try Self.render(wave, data[person], person: person.rawValue) }
                        try await store.enqueueDeliveries(wave: waveName, tenantId: tenantId, users: audience.people, data: data, at: clock.date)
                        summary = try await wave.run()
                        if unfinished == 0 { break }
                    } else if clock.date.timeIntervalSince(followingSince) > 300 {
                        throw ValidationError("--batch \(batch): no provisioning batch of that id appeared in the store within 5 minutes")
                    }
                    try await clock.sleep(until: clock.now.advanced(by: .seconds(1)), tolerance: nil)
                }
                if let report {
                    try WelcomeOutput.report(try await store.deliveries(wave: waveName)).write(toFile: report, atomically: true, encoding: .utf8)
                }
                return summary
            }
            guard let summary else { return }
            if json {
                Console.write(try ProvisionOutput.encoder.encode(summary))
            } else {
                if Console.isTerminal { print("") }
                print(WelcomeOutput.table(summary))
            }
            if summary.hasProblems { throw ExitCode(1) }
        }
    }

    /// This worker's name in the store (lease and `sending` owner): the host, the process, and a random part (two
    /// containers may both run as process 1).
    static func workerName() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A card template file, parsed and checked; a syntax error names its line and column.
    static func template(_ path: String) throws -> (card: CardTemplate, text: String) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("--card \(path) cannot be read") }
        let text = String(decoding: data, as: UTF8.self)
        return (try template(text: text, path: path), text)
    }

    static func template(text: String, path: String) throws -> CardTemplate {
        let template: CardTemplate
        do { template = try CardTemplate(data: Data(text.utf8)) } catch { throw ValidationError("\(path): \(error)") }
        let problems = CardCheck.problems(template.document.root).filter { !$0.hasPrefix("the message is") }
        guard problems.isEmpty else { throw ValidationError(problems.map { "\(path): \($0)" }.joined(separator: "\n")) }
        return template
    }

    /// One person's message, or a usage error naming them and what is wrong.
    static func render(_ wave: Wave, _ data: String?, person: String) throws -> Data {
        let message: Data
        do { message = try wave.message(data) } catch { throw ValidationError("the card for \(person): \(error) (nothing was sent)") }
        guard message.count <= CardMessage.maximumBytes else {
            throw ValidationError(
                "the card for \(person) is \(message.count) bytes; Teams refuses a bot message over \(CardMessage.maximumBytes) (413 MessageSizeTooBig): nothing was sent"
            )
        }
        return message
    }

    /// A person named by object id or user principal name, with their name from Graph as binding data.
    static func person(_ idOrName: String, graph: GraphClient) async throws -> (id: AADObjectID, data: String?) {
        guard let user = try await graph.user(idOrName) else { throw ValidationError("--preview \(idOrName): Graph knows no such user") }
        var object = JSONObject()
        if let name = user.displayName {
            object["name"] = .string(name)
            object["givenName"] = .string(String(name.split(separator: " ").first ?? Substring(name)))
        }
        return (AADObjectID(user.id), JSONValue.object(object).serialized)
    }

    /// The data every person shares: the app (from the manifest), the tenant, who installed it.
    static func baseData(settings: Settings, manifest: String, installer: String?, tenantId: TenantID) -> JSONValue {
        let root = FileManager.default.contents(atPath: manifest).flatMap { try? JSONDocument(data: $0).root }
        var app = JSONObject()
        // Teams Toolkit placeholders (`${{APP_NAME_SUFFIX}}`) are filled at packaging time: left out here.
        let name = (root?["name"]?["short"]?.stringValue ?? "the app").replacingOccurrences(
            of: #"\$\{\{[^}]*\}\}"#, with: "", options: .regularExpression)
        app["name"] = .string(name)
        app["description"] = .string(root?["description"]?["short"]?.stringValue ?? "")
        app["fullDescription"] = .string(root?["description"]?["full"]?.stringValue ?? "")
        var tenant = JSONObject()
        tenant["id"] = .string(tenantId.rawValue)
        tenant["name"] = .string(settings.value("HERALD_TENANT_NAME") ?? "your organisation")
        var data = JSONObject()
        data["app"] = .object(app)
        data["tenant"] = .object(tenant)
        data["installer"] = .string(installer ?? settings.value("HERALD_INSTALLER") ?? "your IT team")
        data["team"] = .null
        data["name"] = .string("there")
        data["givenName"] = .string("there")
        return .object(data)
    }
}
