import ArgumentParser
import AsyncHTTPClient
import Auth
import Foundation
import HeraldCore
import Listener
import Logging
import Messenger
import NIOCore
import NIOHTTP1
import ReferenceStore
import ServiceLifecycle
import UnixSignals

/// `herald listen`: the bot's messaging endpoint, keeping each user's conversation reference.
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive Teams' signed activities on POST /api/messages, verify them, and keep each user's conversation reference.",
        discussion: """
            Reads MicrosoftAppId (the bot's app id), HERALD_OPENID_METADATA_URL (Microsoft's by default) and HERALD_STORE from \
            the environment, then --env-file, then flags; `--env-file .herald/sim.env` listens to `herald sim`. Also serves \
            GET /healthz and GET /metrics (Prometheus). Stops gracefully on SIGINT or SIGTERM. With --welcome-card it also \
            welcomes each person whose install it captures, once (the welcome is enqueued with the reference; a worker in \
            this process sends it within the tenant's budget); that needs MicrosoftAppPassword too.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 3978

    @Option(help: "Welcome each person whose install is captured with this Adaptive Card template.")
    var welcomeCard: String?

    @Option(help: "The wave those welcomes belong to (a person is welcomed once per wave).")
    var welcomeWave = "welcome-on-install"

    @Option(help: "Who installed the app, for the card's ${installer} (else HERALD_INSTALLER, else \"your IT team\").")
    var installer: String?

    @Option(help: "The app's manifest, for the card's ${app.name} and ${app.description}.")
    var manifest = "manifests/manifest.json"

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let settings = try options.settings()
        let appId = try settings.required("MicrosoftAppId", "the bot's app id")
        let metadata = settings.value("HERALD_OPENID_METADATA_URL") ?? "https://login.botframework.com/v1/.well-known/openidconfiguration"
        guard let metadataURL = URL(string: metadata), metadataURL.scheme != nil else {
            throw ValidationError("HERALD_OPENID_METADATA_URL \(metadata) is not a URL")
        }
        let location = try settings.storeLocation()
        let logger = {
            var logger = Logger(label: "herald.listen")
            logger.logLevel = .info
            return logger
        }()
        let validator = ChannelTokenValidator(
            configuration: ChannelTokenConfiguration(appId: appId, openIDMetadataURL: metadataURL), fetch: Self.get, clock: SystemClock(),
            logger: logger)
        let (host, port, welcomeWave, installer, manifest) = (host, port, welcomeWave, installer, manifest)
        let card = try welcomeCard.map { try WaveRun.template($0) }
        try await OutboundHTTP.withClient { client in
            try await location.withStore(logger: logger) { store in
                var services: [any Service] = []
                if let card {
                    let clients = try MicrosoftClients(settings: settings, client: client, clock: SystemClock(), logger: logger)
                    guard try await store.joinWave(id: welcomeWave, name: welcomeWave, cardTemplate: card.text, at: Date()) else {
                        throw ValidationError(
                            "wave \(welcomeWave) was created with another card: name a new --welcome-wave to send \(welcomeCard ?? "")")
                    }
                    let tenantId = TenantID(clients.tenantId)
                    let wave = Wave(
                        configuration: WaveConfiguration(
                            wave: welcomeWave, worker: WaveRun.workerName(), tenantId: tenantId, bot: BotID(appId: appId),
                            trustedHosts: settings.value("HERALD_TRUSTED_SERVICE_HOSTS").map {
                                TrustedServiceHosts($0.split(separator: ",").map(String.init))
                            }
                                ?? .microsoft,
                            defaultServiceURL: ServiceURL(settings.value("HERALD_SERVICE_URL") ?? "https://smba.trafficmanager.net/teams/"),
                            concurrency: 8, lease: .seconds(60)),
                        store: store, connector: clients.connector, card: card.card,
                        baseData: WelcomeCommand.baseData(settings: settings, manifest: manifest, installer: installer, tenantId: tenantId),
                        conversations: ConversationBudget(windows: ConversationBudget.teams(scale: clients.scale), clock: SystemClock()),
                        clock: SystemClock(), logger: logger)
                    services.append(WelcomeOnInstall(wave: wave))
                }
                let listener = BotListener(
                    configuration: .init(appId: appId, welcomeWave: card == nil ? nil : welcomeWave), validator: validator, store: store,
                    logger: logger)
                let app = listener.application(host: host, port: port) { bound in
                    FileHandle.standardOutput.write(
                        Data("herald listen: http://\(host):\(bound)/api/messages for bot \(appId), store \(location.redacted)\n".utf8))
                }
                let group = ServiceGroup(
                    configuration: .init(services: [app] + services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
                try await group.run()
            }
        }
    }

    /// An HTTP GET for the OpenID metadata and keys; a failure says the URL and the status.
    @Sendable static func get(_ url: URL) async throws -> Data {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard response.status.code == 200 else { throw KeyFetchHTTPError(url: url, status: Int(response.status.code)) }
        return Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
    }
}

/// The messenger worker of `herald listen --welcome-card`: sends the welcomes the listener enqueues, until shutdown.
struct WelcomeOnInstall: Service {
    let wave: Wave

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await wave.serve() }
    }
}
