import ArgumentParser
import AsyncHTTPClient
import Auth
import Foundation
import Listener
import Logging
import ReferenceStore
import ServiceLifecycle

/// `herald listen`: the bot's messaging endpoint, keeping each user's conversation reference.
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive Teams' signed activities on POST /api/messages, verify them, and keep each user's conversation reference.",
        discussion: """
        Reads MicrosoftAppId (the bot's app id) and HERALD_OPENID_METADATA_URL (Microsoft's by default) from the environment \
        or --env-file; `--env-file .herald/sim.env` listens to `herald sim`. Also serves GET /healthz and GET /metrics \
        (Prometheus). Stops gracefully on SIGINT or SIGTERM.
        """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 3978

    @Option(name: .customLong("env-file"), help: "A .env file with MicrosoftAppId and HERALD_OPENID_METADATA_URL.")
    var envFile: String?

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let variables = try Configuration.variables(envFile: envFile)
        guard let appId = variables["MicrosoftAppId"], !appId.isEmpty else {
            throw ValidationError("MicrosoftAppId is not set: put the bot's app id in the environment or in --env-file")
        }
        let metadata = variables["HERALD_OPENID_METADATA_URL"] ?? "https://login.botframework.com/v1/.well-known/openidconfiguration"
        guard let metadataURL = URL(string: metadata) else { throw ValidationError("HERALD_OPENID_METADATA_URL \(metadata) is not a URL") }
        var logger = Logger(label: "herald.listen")
        logger.logLevel = .info
        let validator = ChannelTokenValidator(configuration: ChannelTokenConfiguration(appId: appId, openIDMetadataURL: metadataURL), fetch: Self.get)
        let location = try storeOptions.location()
        let (host, port) = (host, port)
        func serve(_ store: any Store, extra: [any Service]) async throws {
            try await store.migrate()
            let listener = BotListener(configuration: .init(appId: appId), validator: validator, store: store, logger: logger)
            let app = listener.application(host: host, port: port) { bound in
                FileHandle.standardOutput.write(Data("herald listen: http://\(host):\(bound)/api/messages for bot \(appId), store \(location.redacted)\n".utf8))
            }
            let group = ServiceGroup(configuration: .init(services: extra + [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
        switch location {
        case .sqlite(let path):
            try await serve(try SQLiteStore(path: path), extra: [])
        case .postgres(let configuration):
            let store = PostgresStore(configuration: configuration, logger: logger)
            try await serve(store, extra: [store.client])
        }
    }

    @Sendable static func get(_ url: URL) async throws -> Data {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard response.status.code == 200 else { throw URLError(.badServerResponse) }
        return Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
    }
}
