/// Decides, reproducibly from a seed, which requests fail and how.
struct FaultInjector {
    /// What to do to one request.
    enum Fault: Equatable {
        case none
        case status(Int)
        case reset
        case delay(Duration)
    }

    private var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// The fault for the next request of a family with these rates.
    mutating func next(_ rates: SimConfiguration.FaultRates, statuses: [Int]) -> Fault {
        let roll = Double(random.next() % 1_000_000) / 1_000_000
        if roll < rates.serverErrors {
            return .status(statuses[Int(random.next() % UInt64(statuses.count))])
        }
        if roll < rates.serverErrors + rates.connectionResets { return .reset }
        if roll < rates.serverErrors + rates.connectionResets + rates.slowRequests { return .delay(rates.latency) }
        return .none
    }

    /// A number in 0..<1, for delivery quirks.
    mutating func unit() -> Double {
        Double(random.next() % 1_000_000) / 1_000_000
    }
}
