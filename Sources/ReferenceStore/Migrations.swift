/// The schema, as named, append-only migrations in SQL that SQLite and PostgreSQL both accept.
/// Never edit a migration once merged; add a new one.
enum Migrations {
    struct Migration: Sendable {
        let name: String
        let statements: [String]
    }

    static let all: [Migration] = [
        Migration(name: "001-create-tables", statements: [
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
    ]
}
