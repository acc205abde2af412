import AsyncHTTPClient
import Foundation
import HeraldCore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Teams' side of an install: after a delay, a signed `conversationUpdate` (bot and user added,
/// personal scope) and an `installationUpdate` (`add`) are posted to the bot's endpoint. A seeded share
/// is dropped or sent twice, as real deliveries sometimes are. Runs as a service; installs enqueue.
final class ActivityDeliveries: Service, Sendable {
    private struct Job: Sendable {
        let activity: Activity
        let copies: Int
    }

    private let state: SimState
    private let keys: SimKeys
    private let httpClient: HTTPClient
    private let configuration: SimConfiguration
    private let logger: Logger
    private let jobs: AsyncStream<Job>
    private let enqueue: AsyncStream<Job>.Continuation

    init(state: SimState, keys: SimKeys, httpClient: HTTPClient, configuration: SimConfiguration, logger: Logger) {
        self.state = state
        self.keys = keys
        self.httpClient = httpClient
        self.configuration = configuration
        self.logger = logger
        (jobs, enqueue) = AsyncStream.makeStream(of: Job.self)
    }

    /// Queues the two activities an install causes (or fewer, or more, by the seeded quirk rates).
    func installed(_ installation: SimInstallation) async {
        for activity in await activities(for: installation) {
            let roll = await state.draw()
            if roll < configuration.dropRate {
                await state.countActivity("dropped")
                continue
            }
            let copies = roll < configuration.dropRate + configuration.duplicateRate ? 2 : 1
            if copies == 2 { await state.countActivity("duplicated") }
            enqueue.yield(Job(activity: activity, copies: copies))
        }
    }

    /// Delivers queued activities until shutdown; deliveries still in flight then are abandoned,
    /// as Teams' would be if the service went away.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for await job in self.jobs {
                    group.addTask { await self.deliver(job) }
                }
            }
        }
    }

    private func deliver(_ job: Job) async {
        try? await Task.sleep(for: configuration.scaled(configuration.deliveryDelay))
        for _ in 0..<job.copies {
            do {
                let token = try await keys.channelToken(serviceUrl: job.activity.serviceUrl ?? "", audience: state.fixture.botAppId)
                var request = HTTPClientRequest(url: configuration.botEndpoint.absoluteString)
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "User-Agent", value: "Microsoft-SkypeBotApi (Microsoft-BotFramework/3.0)")
                request.headers.add(name: "x-ms-tenant-id", value: state.fixture.tenantId)
                request.headers.add(name: "x-ms-conversation-id", value: job.activity.conversation?.id ?? "")
                request.body = .bytes(ByteBuffer(bytes: try SimResponse.encoder.encode(job.activity)))
                let response = try await httpClient.execute(request, timeout: .seconds(5))
                _ = try? await response.body.collect(upTo: 1 << 20)
                await state.countActivity((200..<300).contains(Int(response.status.code)) ? "delivered" : "rejected")
            } catch {
                await state.countActivity("unreachable")
                logger.debug("activity delivery failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The `conversationUpdate` and `installationUpdate` of a personal install.
    private func activities(for installation: SimInstallation) async -> [Activity] {
        guard let user = await state.user(installation.userId) else { return [] }
        let serviceUrl = await state.serviceURL(region: user.region)
        let fixture = state.fixture
        let userAccount = ChannelAccount(id: state.botScopedId(of: user.id), name: user.displayName, aadObjectId: user.id)
        let botAccount = ChannelAccount(id: state.botAccountId, name: "Herald")
        let conversation = ConversationAccount(id: installation.chatId, conversationType: "personal", tenantId: fixture.tenantId)
        let now = state.clock.now()
        let timestamp = TeamsTimestamp.utc(now)
        let localTimestamp = TeamsTimestamp.local(now, offsetMinutes: TeamsTimestamp.offsetMinutes(region: user.region))
        func envelope(_ type: String) -> Activity {
            var activity = Activity(type: type)
            activity.id = "f:" + UUID().uuidString.lowercased()
            activity.timestamp = timestamp
            activity.localTimestamp = localTimestamp
            activity.locale = "en-US"
            activity.channelId = "msteams"
            activity.serviceUrl = serviceUrl
            activity.from = userAccount
            activity.recipient = botAccount
            activity.conversation = conversation
            activity.channelData = TeamsChannelData(tenant: .init(id: fixture.tenantId))
            return activity
        }
        var update = envelope("conversationUpdate")
        update.membersAdded = [botAccount, userAccount]
        var install = envelope("installationUpdate")
        install.action = "add"
        install.channelData?.source = .init(name: "message")
        install.entities = [
            .object(["type": .string("clientInfo"), "locale": .string("en-US"), "country": .string("US"), "platform": .string("Web")])
        ]
        return [update, install]
    }
}
