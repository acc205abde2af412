/// An Entra tenant id (a GUID), as `conversation.tenantId` and `channelData.tenant.id` carry it.
public struct TenantID: Identifier {
    public let rawValue: String
    /// A tenant id.
    /// - Parameter rawValue: the GUID as written.
    public init(rawValue: String) { self.rawValue = rawValue }
}
