public import HeraldCore

/// The identity platform refused a token request: its error code (`invalid_client`) and its `AADSTS…`
/// description, which name the problem without the secret.
public struct TokenRequestError: HeraldError, Equatable {
    /// The token endpoint's error code (`invalid_client`, `unauthorized_client`, `invalid_scope`).
    public let serviceErrorCode: String?
    /// What it said (`AADSTS7000215: Invalid client secret provided.`).
    public let detail: String
    /// The HTTP status.
    public let httpStatus: Int?
    /// The scope asked for.
    public let scope: String

    public var code: String { "TokenRequestRefused" }
    public var message: String { "the identity platform refused a token for \(scope): \(detail)" }
    public var hint: String? {
        switch serviceErrorCode {
        case "invalid_client": "check MicrosoftAppPassword (or HERALD_GRAPH_CLIENT_SECRET): the secret is wrong or expired"
        case "unauthorized_client": "check MicrosoftAppId (or HERALD_GRAPH_CLIENT_ID) and the tenant (MicrosoftAppTenantId)"
        case "invalid_request": "check MicrosoftAppTenantId"
        default: nil
        }
    }

    /// An error.
    /// - Parameters:
    ///   - serviceErrorCode: the endpoint's error code.
    ///   - detail: its description.
    ///   - httpStatus: the status.
    ///   - scope: the scope asked for.
    public init(serviceErrorCode: String?, detail: String, httpStatus: Int?, scope: String) {
        self.serviceErrorCode = serviceErrorCode
        self.detail = detail
        self.httpStatus = httpStatus
        self.scope = scope
    }
}
