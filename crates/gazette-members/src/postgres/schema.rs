//! The PostgreSQL schema and its migrations. Instances that start at the same
//! moment each try to migrate: the first takes a transaction-scoped advisory
//! lock and applies what is missing, the others wait on the lock and then
//! find nothing left to do. DDL is transactional in PostgreSQL, so a
//! migration is applied whole or not at all.
//!
//! The tables are SQLite's (`db.rs`) in PostgreSQL's types: times are
//! `timestamptz`, shown to the owner in SQLite's text form by [`shown`]; the
//! outbox has a lease (`claimed_until`) and a mark of rows moved from a
//! SQLite file (`moved_from`), and the per-client counts live in
//! `rate_limits`.

use tokio_postgres::Client;

use crate::db::DbError;

/// The advisory lock every instance migrates under (any number, fixed).
const MIGRATION_LOCK: i64 = 0x6761_7a65_7474_6501;

/// Each migration, in order; `gazette_migrations` lists those applied.
const MIGRATIONS: &[&str] = &[r#"
    CREATE FUNCTION gazette_time(t timestamptz) RETURNS text
        LANGUAGE sql STABLE
        AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
    CREATE TABLE members (
        id TEXT PRIMARY KEY,
        email_normalised TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        organisation TEXT,
        message TEXT,
        lang TEXT,
        status TEXT NOT NULL,
        consent_at TIMESTAMPTZ NOT NULL,
        consent_text TEXT,
        consent_sha256 TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        confirmed_at TIMESTAMPTZ
    );
    CREATE INDEX members_by_status ON members (status, created_at);
    CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        member_id TEXT,
        created_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
    CREATE INDEX idempotency_keys_by_member ON idempotency_keys (member_id);
    CREATE TABLE confirmations (
        token_sha256 TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        used_at TIMESTAMPTZ
    );
    CREATE INDEX confirmations_by_member ON confirmations (member_id);
    CREATE TABLE outbox (
        id BIGSERIAL PRIMARY KEY,
        member_id TEXT,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TIMESTAMPTZ NOT NULL,
        claimed_until TIMESTAMPTZ,
        sent_at TIMESTAMPTZ,
        failed_at TIMESTAMPTZ,
        last_error TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        moved_from TEXT UNIQUE
    );
    CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
    CREATE INDEX outbox_by_member ON outbox (member_id);
    CREATE TABLE rate_limits (
        client TEXT PRIMARY KEY,
        tat TIMESTAMPTZ NOT NULL
    );
"#];

/// A timestamp column as the owner sees it (`2026-11-01T12:00:00.000Z`), as
/// SQLite stores it.
pub fn shown(column: &str) -> String {
    format!("gazette_time({column})")
}

/// Applies the migrations that are missing, under the lock.
pub async fn migrate(client: &mut Client) -> Result<(), DbError> {
    let transaction = client.transaction().await?;
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    let known: bool = transaction
        .query_one("SELECT to_regclass('gazette_migrations') IS NOT NULL", &[])
        .await?
        .get(0);
    if !known {
        transaction
            .batch_execute(
                "CREATE TABLE gazette_migrations (
                    version INTEGER PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )",
            )
            .await?;
    }
    let applied: i64 = transaction
        .query_one("SELECT COUNT(*) FROM gazette_migrations", &[])
        .await?
        .get(0);
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
        transaction.batch_execute(migration).await?;
        let version = index as i32 + 1;
        transaction
            .execute(
                "INSERT INTO gazette_migrations (version) VALUES ($1)",
                &[&version],
            )
            .await?;
        tracing::info!(version, "applied PostgreSQL migration");
    }
    transaction.commit().await?;
    Ok(())
}
