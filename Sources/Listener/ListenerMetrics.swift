import Prometheus

/// The listener's counters, in Prometheus text at `/metrics`.
struct ListenerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let knownTypes: Set<String> = ["message", "conversationUpdate", "installationUpdate", "invoke", "event", "messageReaction", "typing"]

    /// Counts an answered request by outcome (`accepted`, `unauthorized`, `forbidden`, `bad_request`, `too_large`, `unavailable`, `error`).
    func request(_ outcome: String) {
        registry.makeCounter(descriptor: .init(namespace: "herald", subsystem: "listener", metricName: "requests", unitName: "total", helpText: "Requests to /api/messages by outcome"), labels: [("outcome", outcome)]).increment()
    }

    /// Counts a verified activity by type, and the store changes it caused.
    func activity(_ type: String, changes: [StoreChange]) {
        let label = Self.knownTypes.contains(type) ? type : "other"
        registry.makeCounter(descriptor: .init(namespace: "herald", subsystem: "listener", metricName: "activities", unitName: "total", helpText: "Verified activities by type"), labels: [("type", label)]).increment()
        for change in changes {
            let kind = switch change {
            case .observe: "observe"
            case .deactivate: "deactivate"
            case .optOut: "opt_out"
            }
            registry.makeCounter(descriptor: .init(namespace: "herald", subsystem: "listener", metricName: "store_changes", unitName: "total", helpText: "Store changes made from activities"), labels: [("change", kind)]).increment()
        }
    }

    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
