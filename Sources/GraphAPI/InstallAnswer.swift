public import HeraldCore

/// What Graph answered to an install (`POST /users/{id}/teamwork/installedApps`), as the provisioning machine
/// reads it: 201 installed, 409 already there, or an error with Graph's code, request id and Retry-After.
public struct InstallAnswer: Sendable, Equatable {
    /// The answer for ``ProvisionState``.
    public let answer: ServiceAnswer
    /// Graph's request id, for the report.
    public let requestId: String?
}
