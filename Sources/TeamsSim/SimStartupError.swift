public import HeraldCore

/// Why the simulator refuses to start: a fixture or configuration it cannot serve (an empty catalog,
/// a speed of zero). Reported before anything listens, instead of a trap on the first request.
public struct SimStartupError: HeraldError, Equatable {
    /// What is wrong, stable for scripts (`emptyCatalog`, `badSpeed`, …).
    public let code: String
    /// What is wrong, in words.
    public let message: String
    /// What to change.
    public let hint: String?

    /// An error.
    /// - Parameters:
    ///   - code: the stable code.
    ///   - message: what is wrong.
    ///   - hint: what to change.
    public init(code: String, message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }
}
