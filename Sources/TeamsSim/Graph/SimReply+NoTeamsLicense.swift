extension SimReply {
    /// Graph's answer to a Teams call for a user without a Teams licence.
    ///
    /// The install page (`userteamwork-post-installedapps.md`) documents only its 201. Microsoft's
    /// Graph error reference (`concepts/errors.md`) documents **403 Forbidden** as "Access is denied to
    /// the requested resource. The user might not have enough permission or might not have a required
    /// license", so the simulator answers 403 with the code `Forbidden` and the message Teams' Graph
    /// endpoints are widely reported to send for unlicensed users. A policy-blocked install is also
    /// 403 `Forbidden`: a client tells the two apart by the message, as it must with Graph.
    static func noTeamsLicense(_ call: GraphCall) -> SimReply {
        .error(
            403, "Forbidden", "Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them.",
            requestId: call.requestId, at: call.date)
    }
}
