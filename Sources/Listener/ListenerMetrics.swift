import Prometheus

/// The listener's counters, in Prometheus text at `/metrics`. Every label value is known up front, so
/// each counter is made once and a request only increments (no registry lookup on the hot path).
struct ListenerMetrics: Sendable {
    /// How a request to `/api/messages` was answered.
    enum Outcome: String, CaseIterable {
        case accepted, unauthorized, forbidden, unavailable, error
        case badRequest = "bad_request"
        case tooLarge = "too_large"
    }

    private static let knownTypes = ["message", "conversationUpdate", "installationUpdate", "invoke", "event", "messageReaction", "typing", "other"]

    let registry = PrometheusCollectorRegistry()
    private let requests: [Outcome: Counter]
    private let activities: [String: Counter]
    private let observed: Counter
    private let deactivated: Counter
    private let optedOut: Counter

    init() {
        let requestsDescriptor = MetricNameDescriptor(
            namespace: "herald", subsystem: "listener", metricName: "requests", unitName: "total", helpText: "Requests to /api/messages by outcome")
        let activitiesDescriptor = MetricNameDescriptor(
            namespace: "herald", subsystem: "listener", metricName: "activities", unitName: "total", helpText: "Verified activities by type")
        let changesDescriptor = MetricNameDescriptor(
            namespace: "herald", subsystem: "listener", metricName: "store_changes", unitName: "total", helpText: "Store changes made from activities"
        )
        requests = Dictionary(
            uniqueKeysWithValues: Outcome.allCases.map { [registry] in
                ($0, registry.makeCounter(descriptor: requestsDescriptor, labels: [("outcome", $0.rawValue)]))
            })
        activities = Dictionary(
            uniqueKeysWithValues: Self.knownTypes.map { [registry] in
                ($0, registry.makeCounter(descriptor: activitiesDescriptor, labels: [("type", $0)]))
            })
        observed = registry.makeCounter(descriptor: changesDescriptor, labels: [("change", "observe")])
        deactivated = registry.makeCounter(descriptor: changesDescriptor, labels: [("change", "deactivate")])
        optedOut = registry.makeCounter(descriptor: changesDescriptor, labels: [("change", "opt_out")])
    }

    /// Counts an answered request by outcome.
    func request(_ outcome: Outcome) {
        requests[outcome]?.increment()
    }

    /// Counts a verified activity by type, and the store changes it caused.
    func activity(_ type: String, changes: [StoreChange]) {
        (activities[type] ?? activities["other"])?.increment()
        for change in changes {
            switch change {
            case .observe: observed.increment()
            case .deactivate: deactivated.increment()
            case .optOut: optedOut.increment()
            }
        }
    }

    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
