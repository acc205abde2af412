import ArgumentParser
import AsyncHTTPClient
import Auth
import Foundation
import HeraldCore
import Listener
import Logging
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
            GET /healthz and GET /metrics (Prometheus). Stops gracefully on SIGINT or SIGTERM.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 3978

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
        let (host, port) = (host, port)
        try await location.withStore(logger: logger) { store in
            let listener = BotListener(configuration: .init(appId: appId), validator: validator, store: store, logger: logger)
            let app = listener.application(host: host, port: port) { bound in
                FileHandle.standardOutput.write(
                    Data("herald listen: http://\(host):\(bound)/api/messages for bot \(appId), store \(location.redacted)\n".utf8))
            }
            let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
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
