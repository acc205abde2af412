import Foundation
import Synchronization

/// The demo's two live lines (installs and welcomes, each with its rate against the limit the sim enforces and an
/// ETA), or, with `--json`, each child's JSON lines tagged with their step.
final class DemoProgress: Sendable {
    private struct Counts {
        var installed = 0
        var installFailed = 0
        var welcomed = 0
        var welcomeOther = 0
        var lastDraw = Date.distantPast
    }

    private let counts = Mutex(Counts())
    private let total: Int
    private let installLimit: Double
    private let sendLimit: Double
    private let json: Bool
    private let started = Date()

    init(total: Int, installLimit: Double, sendLimit: Double, json: Bool) {
        self.total = total
        self.installLimit = installLimit
        self.sendLimit = sendLimit
        self.json = json
    }

    /// People referenced so far.
    var installed: Int { counts.withLock { $0.installed } }

    func install(_ line: String) { handle(line, step: "provision") }

    func welcome(_ line: String) { handle(line, step: "welcome") }

    private func handle(_ line: String, step: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return }
        if json {
            var tagged = object
            tagged["step"] = step
            if let data = try? JSONSerialization.data(withJSONObject: tagged, options: [.sortedKeys]) { Console.write(data) }
        }
        guard let state = object["state"] as? String, object["user"] != nil else { return }
        let draw = counts.withLock { counts -> Bool in
            switch (step, state) {
            case ("provision", "referenced"): counts.installed += 1
            case ("provision", _): counts.installFailed += 1
            case ("welcome", "sent"): counts.welcomed += 1
            default: counts.welcomeOther += 1
            }
            guard Date().timeIntervalSince(counts.lastDraw) > 0.2 else { return false }
            counts.lastDraw = Date()
            return true
        }
        if draw, !json, Console.isTerminal { redraw(final: false) }
    }

    /// The last lines.
    func finish() {
        if !json, Console.isTerminal { redraw(final: true) }
    }

    private func redraw(final: Bool) {
        let counts = counts.withLock { $0 }
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        func line(_ label: String, _ done: Int, _ other: Int, _ limit: Double) -> String {
            let rate = Double(done + other) / elapsed
            let left = max(total - done - other, 0)
            let eta = rate > 0 ? Int(Double(left) / rate) : 0
            return String(
                format: "%@ %5d/%d (%d not) %6.1f/s = %3.0f%% of the %.0f/s limit, ETA %ds   ", label, done, total, other, rate, 100 * rate / limit,
                limit,
                eta)
        }
        let text =
            line("installs", counts.installed, counts.installFailed, installLimit) + "\n"
            + line("welcomes", counts.welcomed, counts.welcomeOther, sendLimit)
        FileHandle.standardOutput.write(
            Data(("\u{1B}[2K" + text.replacingOccurrences(of: "\n", with: "\n\u{1B}[2K") + (final ? "\n" : "\u{1B}[1A\r")).utf8))
    }
}
