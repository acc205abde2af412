public import Auth
import Foundation
import HTTPTypes
public import HeraldCore
public import Hummingbird
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
        /// The wave each person whose install is captured is welcomed in (`herald listen --welcome-card`): the
        /// delivery is enqueued in the same transaction as the reference, and a messenger worker sends it.
        public var welcomeWave: String?

        /// A configuration.
        public init(appId: String, maximumBodyBytes: Int = 256 * 1024, welcomeWave: String? = nil) {
            self.welcomeWave = welcomeWave
            self.appId = appId
            self.maximumBodyBytes = maximumBodyBytes
        }
    }

    private let configuration: Configuration
    private let validator: ChannelTokenValidator
    private let store: any Store
    private let clock: any HeraldClock
    private let logger: Logger
    private let metrics = ListenerMetrics()
    private let interpreter: ActivityInterpreter
    private let decoder = JSONDecoder()

    /// A listener.
    /// - Parameters:
    ///   - configuration: the bot's id and limits.
    ///   - validator: verifies channel tokens.
    ///   - store: where references go.
    ///   - clock: the time an activity without a timestamp is taken to have happened.
    ///   - logger: structured logs (never a token).
    public init(
        configuration: Configuration, validator: ChannelTokenValidator, store: any Store, clock: any HeraldClock = SystemClock(),
        logger: Logger = Logger(label: "herald.listen")
    ) {
        self.configuration = configuration
        self.validator = validator
        self.store = store
        self.clock = clock
        self.logger = logger
        interpreter = ActivityInterpreter(appId: configuration.appId)
    }

    /// The routes, for in-process tests and for ``application(port:onStart:)``.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("api/messages") { request, _ -> Response in
            do {
                return try await handle(request)
            } catch let error as ListenerError {
                metrics.request(Self.outcome(error.reason))
                if error.reason == .storeFailed {
                    logger.error("store write failed", metadata: ["error": "\(error.message)"])
                } else {
                    logger.notice(
                        "request refused", metadata: ["status": "\(error.status.code)", "reason": "\(error.code)", "detail": "\(error.message)"])
                }
                throw error
            }
        }
        router.get("healthz") { _, _ in "ok\n" }
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        return router
    }

    /// The server on 127.0.0.1 (or `host`), ready to run in a service group with graceful shutdown.
    /// - Parameters:
    ///   - host: the address to bind.
    ///   - port: the port (0 picks a free one).
    ///   - onStart: called with the bound port.
    public func application(
        host: String = "127.0.0.1", port: Int, onStart: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "herald-listen"),
            onServerRunning: { channel in await onStart(channel.localAddress?.port ?? port) }, logger: logger)
    }

    private func handle(_ request: Request) async throws(ListenerError) -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maximumBodyBytes)
        } catch {
            throw ListenerError(.bodyTooLarge, "body larger than \(configuration.maximumBodyBytes) bytes")
        }
        let activity: Activity
        do {
            activity = try decoder.decode(Activity.self, from: Data(body.readableBytesView))
        } catch {
            throw ListenerError(.notAnActivity, "body is not an activity: " + ((error as? DecodingError)?.summary ?? "\(type(of: error))"))
        }
        switch await validator.validate(
            authorization: request.headers[.authorization], channelId: activity.channelId, serviceUrl: activity.serviceUrl)
        {
        case .failure(let failure):
            let reason: ListenerError.Reason =
                switch failure.status {
                case 403: .forbidden
                case 503: .keysUnavailable
                default: .unauthenticated
                }
            throw ListenerError(reason, "\(failure.code): \(failure.message)")
        case .success:
            break
        }
        let changes = interpreter.changes(for: activity, receivedAt: clock.date)
        let install = configuration.welcomeWave != nil && interpreter.isInstall(activity)
        do {
            let data = install ? Self.welcomeData(activity) : nil
            for change in changes { try await apply(change, install: install, welcomeData: data) }
        } catch {
            throw ListenerError(.storeFailed, "\(activity.type): \(error)")
        }
        metrics.request(.accepted)
        metrics.activity(activity.type, changes: changes)
        if !changes.isEmpty {
            logger.debug(
                "activity kept",
                metadata: ["activity.type": "\(activity.type)", "changes": "\(changes.count)", "tenant": "\(activity.conversation?.tenantId ?? "")"])
        }
        return Response(status: .ok)
    }

    /// What a team's welcome says about its install: who added the app and to which team (JSON text); nil for a
    /// personal install.
    static func welcomeData(_ activity: Activity) -> String? {
        guard let team = activity.channelData?.team else { return nil }
        let teamObject: [String: String] = ["id": team.id, "name": team.name ?? "your team"]
        let object: [String: Any] = ["installer": activity.from?.name ?? "A team owner", "team": teamObject]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func outcome(_ reason: ListenerError.Reason) -> ListenerMetrics.Outcome {
        switch reason {
        case .bodyTooLarge: .tooLarge
        case .notAnActivity: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .keysUnavailable: .unavailable
        case .storeFailed: .error
        }
    }

    private func apply(_ change: StoreChange, install: Bool, welcomeData: String? = nil) async throws {
        switch change {
        case .observe(let observation):
            if install, let wave = configuration.welcomeWave, let outbox = store as? any DeliveryQueue {
                try await outbox.observeInstall(observation, welcomeWave: wave, data: welcomeData)
            } else {
                try await store.observe(observation)
            }
        case .deactivate(let key, let at): try await store.deactivate(key, at: at)
        case .optOut(let tenantId, let user, let at): try await store.recordOptOut(tenantId: tenantId, user: user, at: at)
        }
    }
}
