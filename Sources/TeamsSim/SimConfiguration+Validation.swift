extension SimConfiguration {
    /// Checks that every number can drive the simulator: a finite positive speed no window overflows
    /// with, rates between 0 and 1, a port in range.
    /// - Throws: ``SimStartupError`` naming the first problem.
    public func validate() throws {
        guard (0...65_535).contains(port) else { throw SimStartupError(code: "badPort", message: "port \(port) is not in 0…65535") }
        guard speed.isFinite, speed >= 0.001, speed <= 1_000_000 else {
            throw SimStartupError(code: "badSpeed", message: "speed \(speed) is not between 0.001 and 1000000")
        }
        let rates: [(String, Double)] = [
            ("dropRate", dropRate), ("duplicateRate", duplicateRate),
            ("login faults", faults.login.serverErrors + faults.login.connectionResets + faults.login.slowRequests),
            ("graph faults", faults.graph.serverErrors + faults.graph.connectionResets + faults.graph.slowRequests),
            ("connector faults", faults.connector.serverErrors + faults.connector.connectionResets + faults.connector.slowRequests),
        ]
        for (name, rate) in rates where !(rate.isFinite && rate >= 0 && rate <= 1) {
            throw SimStartupError(code: "badRate", message: "\(name) is \(rate), not a share between 0 and 1")
        }
        guard dropRate + duplicateRate <= 1 else {
            throw SimStartupError(code: "badRate", message: "dropRate and duplicateRate add up to more than 1")
        }
        guard deliveryDelay >= .zero, faults.login.latency >= .zero, faults.graph.latency >= .zero, faults.connector.latency >= .zero else {
            throw SimStartupError(code: "badDelay", message: "a delay or latency is negative")
        }
    }
}
