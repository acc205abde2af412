import ArgumentParser
import Foundation
import HeraldCore
import TeamsSim

/// What the sim saw of a demo, read once at the end while it still runs: its counters (Graph calls, 429s, the
/// timeline of installs and messages) and how many welcomes each person got.
struct DemoTally {
    let counters: SimCounters
    /// Messages delivered, per person (none may have two).
    let messagesPerPerson: [String: Int]

    /// Reads the sim whose env file is `envFile`.
    init(simEnvFile envFile: String) throws {
        let graph = try EnvFile(contentsOf: URL(fileURLWithPath: envFile))["HERALD_GRAPH_URL"] ?? ""
        let sim = graph.replacingOccurrences(of: "/graph/v1.0", with: "")
        counters = try Self.inspect(sim, "counters")
        let messages: [String: [DeliveredMessage]] = try Self.inspect(sim, "messages")
        var perPerson: [String: Int] = [:]
        for message in messages["messages"] ?? [] { if let user = message.userId { perPerson[user, default: 0] += 1 } }
        messagesPerPerson = perPerson
    }

    /// Graph requests (every route but the Connector's and the login's).
    var graphCalls: Int { counters.routes.filter { !$0.key.contains("/v3/") && !$0.key.contains("oauth2") }.values.reduce(0, +) }

    /// 429 answers, all families.
    var throttled: Int { counters.throttled.values.reduce(0, +) }

    /// 429 answers by family, those with any (`connector 3, graph 13`).
    var throttledByFamily: String {
        counters.throttled.filter { $0.value > 0 }.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", ")
    }

    /// The pipeline as the tenant saw it, on the sim's clock: its first install to its last welcome.
    var pipelineSeconds: Double { span(to: counters.timeline.lastMessage) }

    /// The first install to the last.
    var installSeconds: Double { span(to: counters.timeline.lastInstall) }

    private func span(to end: Double?) -> Double {
        guard let end, let start = counters.timeline.firstInstall else { return 0 }
        return end - start
    }

    /// One of the sim's `/_sim/` inspection routes, decoded.
    private static func inspect<Answer: Decodable>(_ sim: String, _ route: String) throws -> Answer {
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(contentsOf: URL(string: sim + "/_sim/" + route)!))
        } catch {
            throw ValidationError("the sim's /_sim/\(route) could not be read (\(error)); its log is beside the store")
        }
    }
}
