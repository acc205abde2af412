import Foundation
import HeraldCore

/// The statements of the two work queues, written once for both databases (`claim` differs: PostgreSQL
/// locks its candidates with `FOR UPDATE SKIP LOCKED`).
struct QueueSQL: Sendable {
    /// `targets` or `deliveries`.
    let table: String
    /// `batch_id` or `wave_id`.
    let group: String
    /// The states a claim may take.
    let claimable: [String]
    /// The columns every read returns, in this order.
    let columns: String

    static let targets = QueueSQL(
        table: "targets", group: "batch_id", claimable: ["pending", "installed", "already_installed"],
        columns: "batch_id, tenant_id, aad_object_id, state, attempts, last_status, lease_owner, lease_expires_at, updated_at, "
            + "installation_id, chat_id, failure_reason, skip_reason, NULL AS activity_id, NULL AS uncertain_reason, last_request_id, last_error_code, NULL AS data"
    )
    static let deliveries = QueueSQL(
        table: "deliveries", group: "wave_id", claimable: ["pending"],
        columns: "wave_id, tenant_id, aad_object_id, state, attempts, last_status, lease_owner, lease_expires_at, updated_at, "
            + "NULL AS installation_id, NULL AS chat_id, failure_reason, skip_reason, activity_id, uncertain_reason, last_request_id, last_error_code, data"
    )

    private static func list(_ names: some Sequence<String>) -> String { names.sorted().map { "'\($0)'" }.joined(separator: ", ") }

    /// Arguments: group, tenant, user, now (and for deliveries, the binding data).
    var enqueue: String {
        table == "deliveries"
            ? "INSERT INTO deliveries (wave_id, tenant_id, aad_object_id, state, attempts, updated_at, data) VALUES (?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING"
            : "INSERT INTO \(table) (\(group), tenant_id, aad_object_id, state, attempts, updated_at) VALUES (?, ?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING"
    }

    /// Targets only. Arguments: group.
    static let unfinishedTargets =
        "SELECT COUNT(*), MIN(lease_expires_at) FROM targets WHERE batch_id = ? AND state IN ('pending', 'installed', 'already_installed')"

    /// Deliveries only: pending or being sent. Arguments: group.
    static let unfinishedDeliveries =
        "SELECT COUNT(*), MIN(lease_expires_at) FROM deliveries WHERE wave_id = ? AND state IN ('pending', 'sending')"

    /// Targets only. Arguments: group, tenant, user, skip reason, now.
    static let enqueueSkipped =
        "INSERT INTO targets (batch_id, tenant_id, aad_object_id, state, skip_reason, attempts, updated_at) VALUES (?, ?, ?, 'skipped', ?, 0, ?) ON CONFLICT DO NOTHING"

    /// The candidates: claimable, and not leased or leased until before now; a delivery only while its wave
    /// is open. In no particular order: ordering them would walk past every finished row of the group on each
    /// claim, where the claim index goes straight to the claimable ones. Arguments: group, now, limit.
    var candidates: String {
        let open = table == "deliveries" ? "AND EXISTS (SELECT 1 FROM waves WHERE waves.wave_id = deliveries.wave_id AND waves.state = 'open') " : ""
        return
            "SELECT aad_object_id FROM \(table) WHERE \(group) = ? AND state IN (\(Self.list(claimable))) AND (lease_expires_at IS NULL OR lease_expires_at <= ?) "
            + open + "LIMIT ?"
    }

    /// SQLite (one writer, so one statement keeps claims apart). Arguments: owner, lease end, now, group, group, now, limit.
    var claim: String {
        """
        UPDATE \(table) SET lease_owner = ?, lease_expires_at = ?, attempts = attempts + \(table == "targets" ? 1 : 0), updated_at = ?
        WHERE \(group) = ? AND aad_object_id IN (\(candidates))
        RETURNING \(columns)
        """
    }

    /// PostgreSQL: lock the candidates, skipping rows other claimers hold, then update exactly those.
    /// Arguments: group, now, limit, owner, lease end, now, group.
    var claimSkippingLocked: String {
        """
        WITH picked AS (\(candidates) FOR UPDATE SKIP LOCKED)
        UPDATE \(table) SET lease_owner = ?, lease_expires_at = ?, attempts = \(table).attempts + \(table == "targets" ? 1 : 0), updated_at = ?
        FROM picked WHERE \(table).\(group) = ? AND \(table).aad_object_id = picked.aad_object_id
        RETURNING \(columns.split(separator: ",").map { $0.contains("NULL") ? String($0) : "\(table).\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ","))
        """
    }

    /// Moves one item to a new state; nil when no state leads there (nothing to run).
    ///
    /// Who may: from `pending` (or a target's unfinished states), the holder of a live lease. From `sending`,
    /// the worker that marked it `sending` (`sending_owner`), even after its lease ran out: it alone knows the
    /// answer, and nobody else can hold the delivery then. A definite answer (`sent`, `failed`) is recorded even
    /// over `uncertain(lease_expired)`, which a sweep wrote while the answer was on its way.
    /// Arguments: ``recordArguments(_:group:user:owner:status:at:)``.
    func record(_ change: StateChange) -> String? {
        guard !change.from.isEmpty else { return nil }
        let deliveries = table == "deliveries"
        let ids =
            deliveries
            ? "activity_id = ?, uncertain_reason = ?, sending_owner = \(change.columns.state == "sending" ? "?" : "sending_owner"), "
            : "installation_id = COALESCE(?, installation_id), chat_id = COALESCE(?, chat_id), "
        var clauses: [String] = []
        if deliveries && change.from.contains("sending") {
            let definite = ["sent", "failed", "skipped"].contains(change.columns.state)
            clauses.append(
                "(sending_owner = ? AND (state = 'sending'"
                    + (definite ? " OR (state = 'uncertain' AND uncertain_reason = 'lease_expired')))" : "))"))
        }
        let leased = deliveries ? change.from.subtracting(["sending"]) : change.from
        if !leased.isEmpty { clauses.append("(lease_owner = ? AND lease_expires_at > ? AND state IN (\(Self.list(leased))))") }
        let who = "(" + clauses.joined(separator: " OR ") + ")"
        return """
            UPDATE \(table) SET state = ?, \(ids)failure_reason = ?, skip_reason = ?, last_status = COALESCE(?, last_status),
                last_request_id = CASE WHEN ? THEN ? ELSE last_request_id END, last_error_code = CASE WHEN ? THEN ? ELSE last_error_code END,
                attempts = attempts + \(change.countsAttempt ? 1 : 0),
                lease_owner = CASE WHEN ? THEN NULL ELSE lease_owner END, lease_expires_at = CASE WHEN ? THEN NULL ELSE lease_expires_at END, updated_at = ?
            WHERE \(group) = ? AND aad_object_id = ? AND \(who)
            """
    }

    /// Arguments of ``record(_:)``: the new columns, then the item and who asks. A new status brings its request
    /// id (or none); a change without a status keeps the last ones.
    func recordArguments(
        _ change: StateChange, group: String, user: AADObjectID, owner: String, status: Int?, requestId: String?, errorCode: String?, at now: SQLValue
    ) -> [SQLValue] {
        let columns = change.columns
        let release = change.releasesLease
        let deliveries = table == "deliveries"
        var ids: [SQLValue] =
            deliveries
            ? [.text(columns.activityId), .text(columns.uncertainReason)]
            : [.text(columns.installationId), .text(columns.chatId)]
        if deliveries && columns.state == "sending" { ids.append(.text(owner)) }
        let leased = deliveries ? change.from.subtracting(["sending"]) : change.from
        let who: [SQLValue] = (deliveries && change.from.contains("sending") ? [.text(owner)] : []) + (leased.isEmpty ? [] : [.text(owner), now])
        return [.text(columns.state)] + ids + [
            .text(columns.failureReason), .text(columns.skipReason), .integer((status ?? columns.status).map(Int64.init)),
            .bool(status != nil), .text(requestId), .bool(status != nil), .text(errorCode), .bool(release), .bool(release), now, .text(group),
            .text(user.rawValue),
        ] + who
    }

    /// Deliveries only: `sending` whose lease ran out becomes `uncertain`. Arguments: now, group, now.
    static let expireSending = """
        UPDATE deliveries SET state = 'uncertain', uncertain_reason = 'lease_expired', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
        WHERE wave_id = ? AND state = 'sending' AND lease_expires_at <= ?
        """

    /// Deliveries only: `uncertain` becomes `pending` on request. Arguments: now, group.
    static let resendUncertain = """
        UPDATE deliveries SET state = 'pending', uncertain_reason = NULL, sending_owner = NULL, updated_at = ? WHERE wave_id = ? AND state = 'uncertain'
        """

    /// Deliveries only: `failed` becomes `pending` on request. Arguments: now, group.
    static let resendFailed = """
        UPDATE deliveries SET state = 'pending', failure_reason = NULL, sending_owner = NULL, updated_at = ? WHERE wave_id = ? AND state = 'failed'
        """

    /// A wave worker's heartbeat. Arguments: wave, worker, now.
    static let heartbeat = """
        INSERT INTO wave_workers (wave_id, worker, heartbeat_at) VALUES (?, ?, ?)
        ON CONFLICT (wave_id, worker) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
        """

    /// Workers alive. Arguments: wave, the oldest heartbeat that counts.
    static let liveWorkers = "SELECT COUNT(*) FROM wave_workers WHERE wave_id = ? AND heartbeat_at > ?"

    /// Arguments: wave, worker.
    static let leaveWave = "DELETE FROM wave_workers WHERE wave_id = ? AND worker = ?"

    /// Arguments: name, tenant, team, conversation, serviceUrl, now.
    static let saveThread = """
        INSERT INTO threads (name, tenant_id, team_id, conversation_id, service_url, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
        """

    /// Arguments: name.
    static let thread = "SELECT name, tenant_id, team_id, conversation_id, service_url, created_at FROM threads WHERE name = ?"

    /// Arguments: wave.
    static let waveCardTemplate = "SELECT card_template FROM waves WHERE wave_id = ?"

    /// Arguments: state, wave.
    static let setWaveState = "UPDATE waves SET state = ? WHERE wave_id = ?"

    /// Arguments: wave.
    static let waveState = "SELECT state FROM waves WHERE wave_id = ?"

    static let createWave = "INSERT INTO waves (wave_id, name, card_template, state, created_at) VALUES (?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING"

    /// Arguments: group.
    var items: String { "SELECT \(columns) FROM \(table) WHERE \(group) = ? ORDER BY aad_object_id" }
}
