import Foundation
import HeraldCore
import Hummingbird
import Logging
import ServiceLifecycle

/// A bot endpoint on a free loopback port that records what Teams posts to it.
struct FakeBot {
    struct Received: Sendable {
        let authorization: String?
        let activity: Activity
    }

    /// Runs a bot for the duration of `body`, which gets its `/api/messages` URL and the stream of posts.
    static func run<Value: Sendable>(_ body: @escaping @Sendable (URL, AsyncStream<Received>) async throws -> Value) async throws -> Value {
        let (received, sink) = AsyncStream.makeStream(of: Received.self)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let router = Router()
        router.post("api/messages") { request, context -> HTTPResponse.Status in
            let activity = try await request.decode(as: Activity.self, context: context)
            sink.yield(Received(authorization: request.headers[.authorization], activity: activity))
            return .ok
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: Logger(label: "fake-bot"))
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            let serviceGroup = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "fake-bot")))
            group.addTask {
                try await serviceGroup.run()
                return nil
            }
            var port = 0
            for await value in ports { port = value }
            let url = URL(string: "http://127.0.0.1:\(port)/api/messages")!
            let value = try await body(url, received)
            await serviceGroup.triggerGracefulShutdown()
            sink.finish()
            for try await result in group { if let result { return result } }
            return value
        }
    }
}

extension AsyncStream {
    /// The next `count` elements, or fewer if `timeout` passes first (a guard, not a synchronisation).
    func first(_ count: Int, within timeout: Duration) async -> [Element] where Element: Sendable {
        await withTaskGroup(of: [Element]?.self) { group in
            group.addTask {
                var items: [Element] = []
                for await item in self {
                    items.append(item)
                    if items.count == count { break }
                }
                return items
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }
}
