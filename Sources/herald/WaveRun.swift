import ArgumentParser
import Foundation
import GraphAPI
import HeraldCore
import Logging
import ManifestKit
import Messenger
import Provisioning
import ReferenceStore

/// What `herald welcome` and `herald notify` share: a wave created or resumed from the store, its people and
/// their data, every card checked before anything is sent, the senders, and the summary.
enum WaveRun {
    /// Creates or resumes the wave `options` names and sends it.
    /// - Parameters:
    ///   - options: the wave's options.
    ///   - global: `--env-file` and `--store`.
    ///   - defaultCard: the card when `--card` is not given.
    ///   - baseData: the data every person shares, from the settings and the tenant.
    static func run(
        _ options: WaveOptions, global: GlobalOptions, defaultCard: String, baseData makeBaseData: (Settings, TenantID) throws -> JSONValue
    ) async throws {
        let (wave, card, targets, batch, all, dryRun, preview) = (
            options.wave, options.card ?? defaultCard, options.targets, options.batch, options.all, options.dryRun, options.preview
        )
        let (resendUncertain, resendFailed, follow, worker, concurrency, lease, json, report) = (
            options.resendUncertain, options.resendFailed, options.follow, options.worker, options.concurrency, options.lease, options.json,
            options.report
        )
        let settings = try global.settings()
        let location = try settings.storeLocation()
        let waveName = wave ?? ""
        // A worker sends the card the wave was created with; it needs no card file of its own.
        let template = worker ? nil : try Self.template(card)
        let clock = SystemClock()
        let logger = {
            var logger = Logger(label: "herald.wave")
            logger.logLevel = .error
            return logger
        }()
        try await OutboundHTTP.withClient { client in
            let clients = try MicrosoftClients(settings: settings, client: client, clock: clock, logger: logger)
            let tenantId = TenantID(clients.tenantId)
            let bot = BotID(appId: clients.appId)
            let baseData = try makeBaseData(settings, tenantId)
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
                if options.team != nil || options.thread != nil {
                    let posted = try await Self.postToChannel(
                        options, wave: wave, store: store, clients: clients, tenantId: tenantId, bot: bot, settings: settings, clock: clock,
                        cardText: cardText, logger: logger)
                    return WaveSummary(wave: waveName, deliveries: posted)
                }
                let source: WelcomeAudience.Source? =
                    if let targets { .targets(path: targets) } else if let batch { .batch(batch) } else if all {
                        .all
                    } else if let roster = options.roster {
                        .roster(TeamID(rawValue: roster), clients.connector)
                    } else { nil }

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
                    guard try await store.joinWave(id: waveName, name: waveName, cardTemplate: template.text, at: clock.date) else {
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
                            "herald: \(serviceErrors) failed with 500 (service_error); Teams does not say whether it posted those, so they may get the card twice"
                        )
                    }
                    try await store.resendFailed(wave: waveName, at: clock.date)
                }
                if !json { print("wave \(waveName): sending \(card)") }
                var summary = try await wave.run()
                if follow, let batch {
                    try await followBatch(
                        batch, wave: wave, named: waveName, store: store, clients: clients, tenantId: tenantId, bot: bot, clock: clock)
                    summary = WaveSummary(wave: waveName, deliveries: try await store.deliveries(wave: waveName))
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

    /// The channel message of `--team` (a new thread, kept under a name) or `--thread` (a reply into a kept one), at
    /// most once per wave.
    static func postToChannel(
        _ options: WaveOptions, wave: Wave, store: any HeraldStore, clients: MicrosoftClients, tenantId: TenantID, bot: BotID, settings: Settings,
        clock: any HeraldClock, cardText: String, logger: Logger
    ) async throws -> [Delivery] {
        let waveName = options.wave ?? ""
        let target: ChannelPost.Target
        if let team = options.team {
            let key = ReferenceKey(tenantId: tenantId, subject: .team(TeamID(rawValue: team)), bot: bot)
            guard let reference = try await store.reference(key) else {
                throw ValidationError(
                    "--team \(team): the store has never seen this team; add the app to the team while herald listen runs, then try again")
            }
            target = .newThread(
                team: TeamID(rawValue: team), channel: options.channel ?? team, serviceURL: reference.reference.serviceURL,
                name: options.thread ?? waveName)
        } else {
            let name = options.thread ?? ""
            guard let thread = try await store.thread(named: name) else {
                throw ValidationError("--thread \(name): no thread of that name; start one with --team TEAM_ID --thread \(name)")
            }
            target = .reply(thread)
        }
        let message = try render(wave, nil, person: target.description)
        let existing = try await store.deliveries(wave: waveName)
        guard existing.allSatisfy({ $0.user.rawValue.hasPrefix("channel:") || $0.user.rawValue.hasPrefix("thread:") }) else {
            throw ValidationError("wave \(waveName) already sends to people: give the channel message a wave of its own")
        }
        if options.dryRun {
            print("dry run, wave \(waveName): would post \(options.card ?? "the card") to \(target.description)")
            return existing
        }
        guard try await store.joinWave(id: waveName, name: waveName, cardTemplate: cardText, at: clock.date) else {
            throw ValidationError("wave \(waveName) was created with another card: use a new --wave name to post \(options.card ?? "the card")")
        }
        let poster = ChannelPost(
            configuration: WaveConfiguration(
                wave: waveName, worker: workerName(), tenantId: tenantId, bot: bot,
                trustedHosts: settings.value("HERALD_TRUSTED_SERVICE_HOSTS").map { TrustedServiceHosts($0.split(separator: ",").map(String.init)) }
                    ?? .microsoft,
                lease: .milliseconds(Int64(options.lease * 1000))),
            store: store, connector: clients.connector,
            conversations: ConversationBudget(windows: ConversationBudget.teams(scale: clients.scale), clock: clock), clock: clock, logger: logger)
        let state = try await poster.post(message, to: target)
        if !options.json { print("wave \(waveName): \(target.description): \(state.name.rawValue)") }
        return try await store.deliveries(wave: waveName)
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
        return (AADObjectID(user.id), WelcomeAudience.data(row: [:], graphName: user.displayName))
    }
}
