/// Why installing the app for a person failed for good. Stored in `targets.failure_reason`.
public enum ProvisionFailure: String, Sendable, Hashable, CaseIterable, Codable {
    /// 404 on the app: it is not in the tenant's org catalog.
    case appNotInCatalog = "app_not_in_catalog"
    /// 404 on the user (`Request_ResourceNotFound`): no such user.
    case userNotFound = "user_not_found"
    /// 403: the tenant's app permission policy blocks the app for the person, or the Graph app lacks
    /// TeamsAppInstallation permissions.
    case blockedByPolicy = "blocked_by_policy"
    /// 403 saying the person has no Teams (Office 365) licence.
    case noTeamsLicense = "no_teams_license"
    /// 401: the Graph token was refused.
    case unauthorized
    /// 400 or another 4xx.
    case rejected
    /// Throttled or failing on every allowed try.
    case gaveUpAfterRetries = "gave_up_after_retries"
    /// Installed, but no conversation reference came: no activity in time, and neither the Connector nor Graph gave one.
    case noReference = "no_reference"
}

/// Why a person was not provisioned. Stored in `targets.skip_reason`.
public enum ProvisionSkipReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// A guest account (`userType` `Guest`).
    case guest
    /// The account is disabled.
    case accountDisabled = "account_disabled"
    /// The person has no Teams licence.
    case noTeamsLicense = "no_teams_license"
    /// The person already has a working conversation reference.
    case alreadyReferenced = "already_referenced"
}
