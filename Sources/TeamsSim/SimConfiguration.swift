public import Foundation

/// How the simulator runs: where it listens, how fast time passes, what faults it injects.
public struct SimConfiguration: Sendable {
    /// The loopback port (0 picks a free one).
    public var port: Int
    /// Where Teams' side of an install posts activities (the bot's messaging endpoint).
    public var botEndpoint: URL
    /// Scales every limit window and delay: 10 makes a 1-second window last 0.1 s, keeping the shape.
    public var speed: Double
    /// The seed for faults and delivery quirks.
    public var seed: UInt64
    /// Fault rates per endpoint family.
    public var faults: Faults
    /// The share of Connector sends that are applied (the message is recorded) and then fail: half answered 504,
    /// half with the connection dropped. A sender cannot tell these from a send that never arrived.
    public var appliedFaults: Double = 0
    /// The bot is installed in every team of the tenant, so it may start a 1:1 chat with any member who has Teams
    /// and whom no policy blocks, whether or not they installed the app themselves (roster waves).
    public var botInTeams = false
    /// The share of install activities Teams never delivers, and the share it delivers twice.
    public var dropRate: Double
    public var duplicateRate: Double
    /// The delay between an install and the activities it causes, before `speed` applies.
    public var deliveryDelay: Duration

    /// Injected failures for one endpoint family, as shares of requests (0…1).
    public struct FaultRates: Sendable, Equatable {
        /// 500/502/503/504/412 answers (412 only on the Connector).
        public var serverErrors: Double
        /// Connections closed without an answer.
        public var connectionResets: Double
        /// Share of requests delayed by ``latency``.
        public var slowRequests: Double
        /// The added latency.
        public var latency: Duration

        /// Rates; all zero by default.
        public init(serverErrors: Double = 0, connectionResets: Double = 0, slowRequests: Double = 0, latency: Duration = .milliseconds(200)) {
            self.serverErrors = serverErrors
            self.connectionResets = connectionResets
            self.slowRequests = slowRequests
            self.latency = latency
        }
    }

    /// Fault rates by family.
    public struct Faults: Sendable, Equatable {
        public var login: FaultRates
        public var graph: FaultRates
        public var connector: FaultRates

        /// Faults; none by default.
        public init(login: FaultRates = FaultRates(), graph: FaultRates = FaultRates(), connector: FaultRates = FaultRates()) {
            self.login = login
            self.graph = graph
            self.connector = connector
        }
    }

    /// A configuration.
    public init(
        port: Int = 3979, botEndpoint: URL = URL(string: "http://127.0.0.1:3978/api/messages")!, speed: Double = 1, seed: UInt64 = 42,
        faults: Faults = Faults(), dropRate: Double = 0, duplicateRate: Double = 0, deliveryDelay: Duration = .milliseconds(300)
    ) {
        self.port = port
        self.botEndpoint = botEndpoint
        self.speed = speed
        self.seed = seed
        self.faults = faults
        self.dropRate = dropRate
        self.duplicateRate = duplicateRate
        self.deliveryDelay = deliveryDelay
    }

    /// A duration as the simulator's clock sees it (divided by ``speed``).
    func scaled(_ duration: Duration) -> Duration {
        speed <= 0 ? duration : duration / speed
    }
}
