/// An event that a state does not accept (a bug in the caller, or a row another worker moved on):
/// nothing is written and nothing is sent.
public struct InvalidTransition: HeraldError, Equatable {
    /// The state's name.
    public let state: String
    /// The event's name.
    public let event: String

    /// A refused transition.
    /// - Parameters:
    ///   - state: the state's name.
    ///   - event: the event's name.
    public init(state: String, event: String) {
        self.state = state
        self.event = event
    }

    public var code: String { "InvalidTransition" }
    public var message: String { "\(event) is not allowed in state \(state)" }
}
