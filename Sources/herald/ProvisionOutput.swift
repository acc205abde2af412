import Foundation
import HeraldCore
import Provisioning
import ReferenceStore

/// How `herald provision` and `herald status` show a batch: a table by state and reason, JSON lines, a report file.
enum ProvisionOutput {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One `--json` line: a person and the state a worker left them in, with the reason and status of a failure.
    struct PersonLine: Encodable {
        let user: String
        let state: String
        let reason: String?
        let status: Int?

        init(_ user: AADObjectID, _ state: ProvisionState) {
            self.user = user.rawValue
            self.state = state.name.rawValue
            switch state {
            case .failed(let reason, let status):
                self.reason = reason.rawValue
                self.status = status
            case .skipped(let reason):
                self.reason = reason.rawValue
                self.status = nil
            default:
                self.reason = nil
                self.status = nil
            }
        }
    }

    /// The summary as a table: each state with its count, each reason under it.
    static func table(_ summary: ProvisionSummary) -> String {
        var lines = ["batch \(summary.batch): \(summary.total) \(summary.total == 1 ? "person" : "people")"]
        for state in ProvisionState.Name.allCases {
            guard let count = summary.states[state.rawValue], count > 0 else { continue }
            lines.append("  \(state.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(count)")
        }
        if !summary.reasons.isEmpty {
            lines.append("reasons:")
            for (reason, count) in summary.reasons.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(reason.padding(toLength: 18, withPad: " ", startingAt: 0)) \(count)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Every person not referenced, as CSV: user, state, reason, last HTTP status, its request id and Graph's error code.
    static func report(_ targets: [Target]) -> String {
        var lines = ["user,state,reason,last_status,request_id,error_code"]
        for target in targets where target.state.name != .referenced {
            let reason: String =
                switch target.state {
                case .failed(let reason, _): reason.rawValue
                case .skipped(let reason): reason.rawValue
                default: ""
                }
            lines.append(
                "\(target.user),\(target.state.name.rawValue),\(reason),\(target.lastStatus.map(String.init) ?? ""),\(target.lastRequestId ?? ""),\(target.lastErrorCode ?? "")"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
