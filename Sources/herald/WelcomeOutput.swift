import Foundation
import HeraldCore
import Messenger
import ReferenceStore
import Synchronization

/// How `herald welcome` and `herald status --wave` show a wave: a live line or JSON lines, a table by state and
/// reason, a report of everyone not sent.
enum WelcomeOutput {
    /// One `--json` line: a person and the state a worker left their delivery in.
    struct PersonLine: Encodable {
        let user: String
        let state: String
        let reason: String?
        let status: Int?
    }

    static func progress(json: Bool) -> @Sendable (Delivery, DeliveryState) -> Void {
        let counts = Mutex((done: 0, sent: 0, started: Date(), drawn: Date.distantPast))
        let terminal = Console.isTerminal
        return { delivery, state in
            // The live line is drawn at most ten times a second (senders finish hundreds of deliveries a second).
            let (done, sent, started, draw) = counts.withLock { counts in
                if state.name != .pending && state.name != .sending { counts.done += 1 }
                if state.name == .sent { counts.sent += 1 }
                let now = Date()
                let draw = now.timeIntervalSince(counts.drawn) >= 0.1
                if draw { counts.drawn = now }
                return (counts.done, counts.sent, counts.started, draw)
            }
            if json {
                let line = PersonLine(user: delivery.user.rawValue, state: state.name.rawValue, reason: reason(state), status: status(state))
                if let data = try? ProvisionOutput.encoder.encode(line) { Console.write(data) }
            } else if terminal, draw {
                let rate = Double(sent) / max(Date().timeIntervalSince(started), 0.001)
                FileHandle.standardOutput.write(Data(String(format: "\r%d done, %d sent, %.1f sends/s   ", done, sent, rate).utf8))
            }
        }
    }

    static func reason(_ state: DeliveryState) -> String? {
        switch state {
        case .failed(let reason, _): reason.rawValue
        case .skipped(let reason): reason.rawValue
        case .uncertain(let reason): reason.rawValue
        default: nil
        }
    }

    static func status(_ state: DeliveryState) -> Int? {
        if case .failed(_, let status) = state { return status }
        return nil
    }

    static func table(_ summary: WaveSummary) -> String {
        var lines = ["wave \(summary.wave): \(summary.total) \(summary.total == 1 ? "person" : "people")"]
        for state in DeliveryState.Name.allCases {
            guard let count = summary.states[state.rawValue], count > 0 else { continue }
            lines.append("  \(state.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(count)")
        }
        if !summary.reasons.isEmpty {
            lines.append("reasons:")
            for (reason, count) in summary.reasons.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(reason.padding(toLength: 28, withPad: " ", startingAt: 0)) \(count)")
            }
        }
        if summary.states["uncertain", default: 0] > 0 {
            lines.append("uncertain deliveries may or may not have arrived: check them, then rerun with --resend-uncertain to send them again")
        }
        return lines.joined(separator: "\n")
    }

    /// Everyone not sent, as CSV: user, state, reason, last status, its request id and Teams' error code.
    static func report(_ deliveries: [Delivery]) -> String {
        var lines = ["user,state,reason,last_status,request_id,error_code"]
        for delivery in deliveries where delivery.state.name != .sent {
            lines.append(
                "\(delivery.user),\(delivery.state.name.rawValue),\(reason(delivery.state) ?? ""),\(delivery.lastStatus.map(String.init) ?? ""),\(delivery.lastRequestId ?? ""),\(delivery.lastErrorCode ?? "")"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
