/// The schema, as named, append-only migrations in SQL that SQLite and PostgreSQL both accept.
/// Never edit a migration once merged; add a new one.
enum Migrations {
    struct Migration: Sendable {
        let name: String
        let statements: [String]
    }

    static let all: [Migration] = [
        Migration(
            name: "001-create-tables",
            statements: [
                """
                CREATE TABLE tenants (
                    tenant_id TEXT PRIMARY KEY,
                    service_url TEXT NOT NULL,
                    observed_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE conversation_refs (
                    tenant_id TEXT NOT NULL,
                    subject_id TEXT NOT NULL,
                    bot_id TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('personal', 'team')),
                    conversation_id TEXT NOT NULL,
                    service_url TEXT NOT NULL,
                    user_id TEXT,
                    channel_id TEXT NOT NULL,
                    conversation_type TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('activity', 'graph')),
                    captured_at BIGINT NOT NULL,
                    observed_at BIGINT NOT NULL,
                    active BOOLEAN NOT NULL,
                    status_changed_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant_id, subject_id, bot_id)
                )
                """,
                """
                CREATE TABLE targets (
                    batch_id TEXT NOT NULL,
                    tenant_id TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'installed', 'already_installed', 'referenced', 'failed')),
                    installation_id TEXT,
                    chat_id TEXT,
                    failure_reason TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_status INTEGER,
                    lease_owner TEXT,
                    lease_expires_at BIGINT,
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (batch_id, user_id)
                )
                """,
                """
                CREATE TABLE waves (
                    wave_id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    card_template TEXT NOT NULL,
                    state TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE deliveries (
                    wave_id TEXT NOT NULL REFERENCES waves (wave_id),
                    tenant_id TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'uncertain', 'skipped')),
                    activity_id TEXT,
                    failure_reason TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    lease_owner TEXT,
                    lease_expires_at BIGINT,
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (wave_id, user_id)
                )
                """,
                """
                CREATE TABLE opt_outs (
                    tenant_id TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    opted_out_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant_id, user_id)
                )
                """,
                "CREATE INDEX targets_claim ON targets (batch_id, state, lease_expires_at)",
                "CREATE INDEX deliveries_claim ON deliveries (wave_id, state, lease_expires_at)",
            ]),
        // Typed states (issue 8): every id column says which id it holds (`aad_object_id`, `teams_user_id`),
        // reasons and the sent activity id get columns of their own, states and reasons are closed sets,
        // `waves.state` is checked, and a delivery remembers who marked it sending (`sending_owner`: only that
        // worker records its answer, even after its lease ran out). SQLite cannot change a CHECK, so the queue
        // tables are rebuilt; their constraints are named so that a later rebuild cannot collide with them.
        // No command wrote to the queues before this migration (they had no users yet): rows from tests map
        // onto the closed sets, a reason outside them becoming the catch-all (`rejected`).
        Migration(
            name: "002-typed-states",
            statements: [
                "ALTER TABLE conversation_refs RENAME COLUMN user_id TO teams_user_id",
                "ALTER TABLE opt_outs RENAME COLUMN user_id TO aad_object_id",
                """
                CREATE TABLE targets_v2 (
                    batch_id TEXT NOT NULL,
                    tenant_id TEXT NOT NULL,
                    aad_object_id TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'installed', 'already_installed', 'referenced', 'failed', 'skipped')),
                    installation_id TEXT,
                    chat_id TEXT,
                    failure_reason TEXT CHECK (failure_reason IN ('app_not_in_catalog', 'user_not_found', 'blocked_by_policy', 'no_teams_license',
                                                                  'unauthorized', 'rejected', 'gave_up_after_retries', 'no_reference')),
                    skip_reason TEXT CHECK (skip_reason IN ('guest', 'account_disabled', 'no_teams_license', 'already_referenced')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_status INTEGER,
                    lease_owner TEXT,
                    lease_expires_at BIGINT,
                    updated_at BIGINT NOT NULL,
                    CONSTRAINT targets_primary_key PRIMARY KEY (batch_id, aad_object_id),
                    CHECK ((state = 'failed') = (failure_reason IS NOT NULL)),
                    CHECK ((state = 'skipped') = (skip_reason IS NOT NULL)),
                    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))
                )
                """,
                """
                INSERT INTO targets_v2 (batch_id, tenant_id, aad_object_id, state, installation_id, chat_id, failure_reason, skip_reason, attempts,
                                        last_status, lease_owner, lease_expires_at, updated_at)
                SELECT batch_id, tenant_id, user_id, state, installation_id, chat_id,
                       CASE WHEN state = 'failed' THEN CASE WHEN failure_reason IN ('app_not_in_catalog', 'user_not_found', 'blocked_by_policy', 'no_teams_license', 'unauthorized', 'rejected', 'gave_up_after_retries', 'no_reference')
                                                            THEN failure_reason ELSE 'rejected' END END,
                       NULL, attempts, last_status, lease_owner, lease_expires_at, updated_at
                FROM targets
                """,
                """
                CREATE TABLE waves_v2 (
                    wave_id TEXT NOT NULL CONSTRAINT waves_primary_key PRIMARY KEY,
                    name TEXT NOT NULL,
                    card_template TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'paused', 'completed', 'cancelled')),
                    created_at BIGINT NOT NULL
                )
                """,
                """
                INSERT INTO waves_v2 (wave_id, name, card_template, state, created_at)
                SELECT wave_id, name, card_template, CASE WHEN state IN ('open', 'paused', 'completed', 'cancelled') THEN state ELSE 'open' END, created_at
                FROM waves
                """,
                """
                CREATE TABLE deliveries_v2 (
                    wave_id TEXT NOT NULL CONSTRAINT deliveries_wave REFERENCES waves_v2 (wave_id),
                    tenant_id TEXT NOT NULL,
                    aad_object_id TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'uncertain', 'skipped')),
                    activity_id TEXT,
                    failure_reason TEXT CHECK (failure_reason IN ('conversation_not_found', 'blocked_by_user', 'bot_not_installed', 'bot_disabled_by_admin',
                                                                  'forbidden', 'unauthorized', 'bad_request', 'message_too_large', 'rejected',
                                                                  'retries_exhausted')),
                    skip_reason TEXT CHECK (skip_reason IN ('opted_out', 'blocked', 'no_reference')),
                    uncertain_reason TEXT CHECK (uncertain_reason IN ('timed_out_after_write', 'connection_lost_after_write', 'gateway_timeout',
                                                                      'ambiguous_answer', 'lease_expired')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_status INTEGER,
                    lease_owner TEXT,
                    lease_expires_at BIGINT,
                    sending_owner TEXT,
                    updated_at BIGINT NOT NULL,
                    CONSTRAINT deliveries_primary_key PRIMARY KEY (wave_id, aad_object_id),
                    CHECK (activity_id IS NULL OR state = 'sent'),
                    CHECK ((state = 'failed') = (failure_reason IS NOT NULL)),
                    CHECK ((state = 'skipped') = (skip_reason IS NOT NULL)),
                    CHECK ((state = 'uncertain') = (uncertain_reason IS NOT NULL)),
                    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))
                )
                """,
                // The old `finish` wrote a sent delivery's activity id into failure_reason; it moves to activity_id.
                // A `sending` row from the old queue may have been posted: it becomes uncertain. Final rows hold no lease.
                """
                INSERT INTO deliveries_v2 (wave_id, tenant_id, aad_object_id, state, activity_id, failure_reason, skip_reason, uncertain_reason, attempts,
                                           last_status, lease_owner, lease_expires_at, updated_at)
                SELECT wave_id, tenant_id, user_id,
                       CASE WHEN state = 'sending' THEN 'uncertain' ELSE state END,
                       CASE WHEN state = 'sent' THEN COALESCE(activity_id, failure_reason) END,
                       CASE WHEN state = 'failed' THEN CASE WHEN failure_reason IN ('conversation_not_found', 'blocked_by_user', 'bot_not_installed', 'bot_disabled_by_admin', 'forbidden', 'unauthorized', 'bad_request', 'message_too_large', 'rejected', 'retries_exhausted')
                                                            THEN failure_reason ELSE 'rejected' END END,
                       CASE WHEN state = 'skipped' THEN CASE WHEN failure_reason IN ('opted_out', 'blocked', 'no_reference')
                                                             THEN failure_reason ELSE 'no_reference' END END,
                       CASE WHEN state IN ('uncertain', 'sending') THEN 'lease_expired' END,
                       attempts, NULL,
                       CASE WHEN state = 'pending' THEN lease_owner END, CASE WHEN state = 'pending' THEN lease_expires_at END, updated_at
                FROM deliveries
                """,
                "DROP TABLE deliveries",
                "DROP TABLE waves",
                "DROP TABLE targets",
                "ALTER TABLE targets_v2 RENAME TO targets",
                "ALTER TABLE waves_v2 RENAME TO waves",
                "ALTER TABLE deliveries_v2 RENAME TO deliveries",
                "CREATE INDEX targets_claim ON targets (batch_id, state, lease_expires_at)",
                "CREATE INDEX deliveries_claim ON deliveries (wave_id, state, lease_expires_at)",
            ]),
        // The request id and error code of the answer behind last_status (Graph's request-id and code, the
        // Connector's correlation id and Teams' error code), for reports.
        Migration(
            name: "003-last-request-id",
            statements: [
                "ALTER TABLE targets ADD COLUMN last_request_id TEXT",
                "ALTER TABLE deliveries ADD COLUMN last_request_id TEXT",
                "ALTER TABLE targets ADD COLUMN last_error_code TEXT",
                "ALTER TABLE deliveries ADD COLUMN last_error_code TEXT",
            ]),
        // Deliveries learn `untrusted_service_url` (a reference whose serviceUrl is not a trusted Connector host:
        // the bot's token is never sent there) and `service_error`, and keep each person's binding data for the card
        // (`data`, JSON: the targets CSV's columns), so a resumed wave renders what the first run would have. SQLite
        // cannot change a CHECK, so the table is rebuilt under new constraint names. `threads` keeps the channel
        // threads Herald started, by name; `wave_workers` holds each worker's heartbeat: the workers of a wave split
        // the tenant's budget between those alive.
        Migration(
            name: "004-deliveries-data",
            statements: [
                """
                CREATE TABLE deliveries_v3 (
                    wave_id TEXT NOT NULL CONSTRAINT deliveries_wave_v3 REFERENCES waves (wave_id),
                    tenant_id TEXT NOT NULL,
                    aad_object_id TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'uncertain', 'skipped')),
                    activity_id TEXT,
                    failure_reason TEXT CHECK (failure_reason IN ('conversation_not_found', 'blocked_by_user', 'bot_not_installed', 'bot_disabled_by_admin',
                                                                  'forbidden', 'unauthorized', 'bad_request', 'message_too_large', 'rejected',
                                                                  'retries_exhausted', 'untrusted_service_url', 'service_error')),
                    skip_reason TEXT CHECK (skip_reason IN ('opted_out', 'blocked', 'no_reference')),
                    uncertain_reason TEXT CHECK (uncertain_reason IN ('timed_out_after_write', 'connection_lost_after_write', 'gateway_timeout',
                                                                      'ambiguous_answer', 'lease_expired')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_status INTEGER,
                    lease_owner TEXT,
                    lease_expires_at BIGINT,
                    sending_owner TEXT,
                    updated_at BIGINT NOT NULL,
                    last_request_id TEXT,
                    last_error_code TEXT,
                    data TEXT,
                    CONSTRAINT deliveries_key_v3 PRIMARY KEY (wave_id, aad_object_id),
                    CHECK (activity_id IS NULL OR state = 'sent'),
                    CHECK ((state = 'failed') = (failure_reason IS NOT NULL)),
                    CHECK ((state = 'skipped') = (skip_reason IS NOT NULL)),
                    CHECK ((state = 'uncertain') = (uncertain_reason IS NOT NULL)),
                    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))
                )
                """,
                """
                INSERT INTO deliveries_v3 (wave_id, tenant_id, aad_object_id, state, activity_id, failure_reason, skip_reason, uncertain_reason, attempts,
                                           last_status, lease_owner, lease_expires_at, sending_owner, updated_at, last_request_id, last_error_code)
                SELECT wave_id, tenant_id, aad_object_id, state, activity_id, failure_reason, skip_reason, uncertain_reason, attempts,
                       last_status, lease_owner, lease_expires_at, sending_owner, updated_at, last_request_id, last_error_code
                FROM deliveries
                """,
                "DROP TABLE deliveries",
                "ALTER TABLE deliveries_v3 RENAME TO deliveries",
                "CREATE INDEX deliveries_claim ON deliveries (wave_id, state, lease_expires_at)",
                """
                CREATE TABLE threads (
                    name TEXT NOT NULL CONSTRAINT threads_key PRIMARY KEY,
                    tenant_id TEXT NOT NULL,
                    team_id TEXT NOT NULL,
                    conversation_id TEXT NOT NULL,
                    service_url TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE wave_workers (
                    wave_id TEXT NOT NULL,
                    worker TEXT NOT NULL,
                    heartbeat_at BIGINT NOT NULL,
                    CONSTRAINT wave_workers_key PRIMARY KEY (wave_id, worker)
                )
                """,
            ]),
    ]
}
