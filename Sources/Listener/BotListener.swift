public import Auth
import Foundation
import HeraldCore
public import Hummingbird
import HTTPTypes
public import Logging
public import ReferenceStore

/// The bot's messaging endpoint: `POST /api/messages` verifies each activity's token and keeps the
/// conversation references it carries; `GET /healthz`; `GET /metrics` (Prometheus text).
public struct BotListener: Sendable {
    /// Limits and identity.
    public struct Configuration: Sendable {
        /// The bot's app id.
        public var appId: String
        /// Bodies larger than this are answered 413.
        public var maximumBodyBytes: Int

        /// A configuration.
        public init(appId: String, maximumBodyBytes: Int = 256 * 1024) {
            self.appId = appId
            self.maximumBodyBytes = maximumBodyBytes
        }
    }

    private let configuration: Configuration
    private let validator: ChannelTokenValidator
    private let store: any Store
    private let logger: Logger
    private let metrics = ListenerMetrics()
    private let interpreter: ActivityInterpreter
    private let decoder = JSONDecoder()

    /// A listener.
    /// - Parameters:
    ///   - configuration: the bot's id and limits.
    ///   - validator: verifies channel tokens.
    ///   - store: where references go.
    ///   - logger: structured logs (never a token).
    public init(configuration: Configuration, validator: ChannelTokenValidator, store: any Store, logger: Logger = Logger(label: "herald.listen")) {
        self.configuration = configuration
        self.validator = validator
        self.store = store
        self.logger = logger
        interpreter = ActivityInterpreter(appId: configuration.appId)
    }

    /// The routes, for in-process tests and for ``application(port:onStart:)``.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("api/messages") { request, _ -> Response in
            await handle(request)
        }
        router.get("healthz") { _, _ in "ok\n" }
        router.get("metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        return router
    }

    /// The server on 127.0.0.1 (or `host`), ready to run in a service group with graceful shutdown.
    /// - Parameters:
    ///   - host: the address to bind.
    ///   - port: the port (0 picks a free one).
    ///   - onStart: called with the bound port.
    public func application(host: String = "127.0.0.1", port: Int, onStart: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "herald-listen"),
                    onServerRunning: { channel in await onStart(channel.localAddress?.port ?? port) }, logger: logger)
    }

    private func handle(_ request: Request) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maximumBodyBytes)
        } catch {
            return refuse(.contentTooLarge, .tooLarge, "body larger than \(configuration.maximumBodyBytes) bytes")
        }
        let activity: Activity
        do {
            activity = try decoder.decode(Activity.self, from: Data(body.readableBytesView))
        } catch {
            return refuse(.badRequest, .badRequest, "body is not an activity: " + ((error as? DecodingError)?.summary ?? "\(type(of: error))"))
        }
        switch await validator.validate(authorization: request.headers[.authorization], channelId: activity.channelId, serviceUrl: activity.serviceUrl) {
        case .failure(let failure):
            let status = HTTPResponse.Status(code: failure.status)
            return refuse(status, failure.status == 403 ? .forbidden : failure.status == 503 ? .unavailable : .unauthorized, failure.code)
        case .success:
            break
        }
        let changes = interpreter.changes(for: activity)
        do {
            for change in changes { try await apply(change) }
        } catch {
            metrics.request(.error)
            logger.error("store write failed", metadata: ["activity.type": "\(activity.type)", "error": "\(error)"])
            return Response(status: .internalServerError)
        }
        metrics.request(.accepted)
        metrics.activity(activity.type, changes: changes)
        if !changes.isEmpty {
            logger.debug("activity kept", metadata: ["activity.type": "\(activity.type)", "changes": "\(changes.count)", "tenant": "\(activity.conversation?.tenantId ?? "")"])
        }
        return Response(status: .ok)
    }

    private func apply(_ change: StoreChange) async throws {
        switch change {
        case .observe(let observation): try await store.observe(observation)
        case .deactivate(let key, let at): try await store.deactivate(key, at: at)
        case .optOut(let tenantId, let userId, let at): try await store.recordOptOut(tenantId: tenantId, userId: userId, at: at)
        }
    }

    private func refuse(_ status: HTTPResponse.Status, _ outcome: ListenerMetrics.Outcome, _ reason: String) -> Response {
        metrics.request(outcome)
        logger.notice("request refused", metadata: ["status": "\(status.code)", "reason": "\(reason)"])
        return Response(status: status)
    }
}
