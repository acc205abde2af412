public import Logging
import Synchronization

/// A logger whose records a test can read: what a component logged, at which level, with which metadata.
public final class LogCapture: Sendable {
    /// One log record.
    public struct Record: Sendable, Equatable {
        /// The level.
        public let level: Logger.Level
        /// The message.
        public let message: String
        /// The metadata, rendered as text.
        public let metadata: [String: String]
    }

    private let storage = Mutex<[Record]>([])

    /// An empty capture.
    public init() {}

    /// A logger that records here, at every level.
    public var logger: Logger {
        var logger = Logger(label: "herald.test.capture") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// The records so far, oldest first.
    public var records: [Record] { storage.withLock { $0 } }

    fileprivate func append(_ record: Record) { storage.withLock { $0.append(record) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(Record(level: event.level, message: "\(event.message)", metadata: all.mapValues { "\($0)" }))
        }
    }
}
