/// The statements both stores run, written once with `?` placeholders (PostgreSQL's `$n` are made
/// from them), so the two implementations cannot drift apart.
enum StoreSQL {
    /// The columns of a reference, in the order ``SQLiteStore`` reads them by position.
    static let referenceColumns =
        "tenant_id, subject_id, bot_id, kind, conversation_id, service_url, teams_user_id, channel_id, conversation_type, source, captured_at, observed_at, active, status_changed_at"

    /// Insert, or merge into the existing row: the newer observation's serviceUrl and conversation win,
    /// the earliest capture time stays, an observation newer than the last status change reactivates.
    static let observeReference = """
        INSERT INTO conversation_refs (\(referenceColumns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (tenant_id, subject_id, bot_id) DO UPDATE SET
            conversation_id = CASE WHEN excluded.observed_at >= conversation_refs.observed_at THEN excluded.conversation_id ELSE conversation_refs.conversation_id END,
            service_url = CASE WHEN excluded.observed_at >= conversation_refs.observed_at THEN excluded.service_url ELSE conversation_refs.service_url END,
            teams_user_id = COALESCE(CASE WHEN excluded.observed_at >= conversation_refs.observed_at THEN excluded.teams_user_id ELSE conversation_refs.teams_user_id END,
                                     conversation_refs.teams_user_id, excluded.teams_user_id),
            source = CASE WHEN conversation_refs.source = 'activity' OR excluded.source = 'activity' THEN 'activity' ELSE 'graph' END,
            captured_at = CASE WHEN excluded.captured_at < conversation_refs.captured_at THEN excluded.captured_at ELSE conversation_refs.captured_at END,
            active = CASE WHEN excluded.observed_at >= conversation_refs.status_changed_at THEN excluded.active ELSE conversation_refs.active END,
            status_changed_at = CASE WHEN excluded.observed_at >= conversation_refs.status_changed_at THEN excluded.observed_at ELSE conversation_refs.status_changed_at END,
            observed_at = CASE WHEN excluded.observed_at > conversation_refs.observed_at THEN excluded.observed_at ELSE conversation_refs.observed_at END
        """

    static let learnTenant = """
        INSERT INTO tenants (tenant_id, service_url, observed_at) VALUES (?, ?, ?)
        ON CONFLICT (tenant_id) DO UPDATE SET
            service_url = CASE WHEN excluded.observed_at >= tenants.observed_at THEN excluded.service_url ELSE tenants.service_url END,
            observed_at = CASE WHEN excluded.observed_at > tenants.observed_at THEN excluded.observed_at ELSE tenants.observed_at END
        """

    static let deactivate = """
        UPDATE conversation_refs SET active = ?, status_changed_at = ?
        WHERE tenant_id = ? AND subject_id = ? AND bot_id = ? AND status_changed_at <= ? AND active = ?
        """

    static let selectReference = "SELECT \(referenceColumns) FROM conversation_refs WHERE tenant_id = ? AND subject_id = ? AND bot_id = ?"
    static let selectReferences = "SELECT \(referenceColumns) FROM conversation_refs ORDER BY captured_at, tenant_id, subject_id"
    static let selectTenantReferences = "SELECT \(referenceColumns) FROM conversation_refs WHERE tenant_id = ? ORDER BY captured_at, subject_id"
    static let selectServiceURL = "SELECT service_url FROM tenants WHERE tenant_id = ?"
    static let recordOptOut =
        "INSERT INTO opt_outs (tenant_id, aad_object_id, opted_out_at) VALUES (?, ?, ?) ON CONFLICT (tenant_id, aad_object_id) DO NOTHING"
    static let selectOptOut = "SELECT 1 FROM opt_outs WHERE tenant_id = ? AND aad_object_id = ?"

    /// `?` placeholders numbered as PostgreSQL wants them (`$1`, `$2`…); none appear inside literals here.
    static func numbered(_ sql: String) -> String {
        var result = ""
        var count = 0
        for character in sql {
            if character == "?" {
                count += 1
                result += "$\(count)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
