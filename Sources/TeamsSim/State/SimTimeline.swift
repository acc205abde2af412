/// When the simulator saw the first and the last of what a pipeline does, in seconds on its own clock since it
/// started (absent until it happened): an install answered 201, and a message delivered. The time from the first
/// install to the last message is a provision-and-welcome run's length as the tenant saw it, free of the
/// client's process starts and of its paging.
public struct SimTimeline: Codable, Sendable, Equatable {
    /// The first install answered 201 Created.
    public var firstInstall: Double?
    /// The last install answered 201 Created.
    public var lastInstall: Double?
    /// The first message (or channel thread) delivered.
    public var firstMessage: Double?
    /// The last message (or channel thread) delivered.
    public var lastMessage: Double?

    /// Nothing seen yet.
    public init() {}

    mutating func installed(at seconds: Double) {
        if firstInstall == nil { firstInstall = seconds }
        lastInstall = seconds
    }

    mutating func delivered(at seconds: Double) {
        if firstMessage == nil { firstMessage = seconds }
        lastMessage = seconds
    }
}
