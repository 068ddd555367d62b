//! `members migrate --from FILE --to postgres://…`: copies a SQLite file's
//! applications (with their consent evidence), idempotency records,
//! confirmation links and the messages not yet sent into PostgreSQL, in one
//! transaction. Rows already there are left as they are, so running it
//! again (after an interruption, or to catch up before switching) copies
//! only what is new, and says how much.

use std::{fmt, path::Path};

use crate::{
    db::{Database, DbError},
    postgres::{PgOptions, PgStore},
};

/// What a copy did: rows copied, and rows that were already there.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub applications: (u64, u64),
    pub idempotency_records: (u64, u64),
    pub confirmation_links: (u64, u64),
    pub pending_messages: (u64, u64),
}

impl fmt::Display for Moved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |(copied, there): (u64, u64), what: &str| {
            format!("{copied} {what} copied ({there} already there)")
        };
        write!(
            f,
            "{}; {}; {}; {}.",
            part(self.applications, "application(s)"),
            part(self.idempotency_records, "idempotency record(s)"),
            part(self.confirmation_links, "confirmation link(s)"),
            part(self.pending_messages, "pending message(s)"),
        )
    }
}

/// One table's rows as text (NULL as `None`), read from SQLite, and how
/// PostgreSQL takes them.
struct Table {
    select: &'static str,
    insert: &'static str,
}

/// Members, with every column; times cast from SQLite's text.
const MEMBERS: Table = Table {
    select: "SELECT id, email_normalised, email, name, organisation, message, lang, status,
                    consent_at, consent_text, consent_sha256, created_at, confirmed_at
             FROM members",
    insert: "INSERT INTO members (id, email_normalised, email, name, organisation, message,
                lang, status, consent_at, consent_text, consent_sha256, created_at, confirmed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::timestamptz, $10, $11,
                $12::text::timestamptz, $13::text::timestamptz)
             ON CONFLICT DO NOTHING",
};

const KEYS: Table = Table {
    select: "SELECT key, request_hash, CAST(status AS TEXT), body, member_id, created_at
             FROM idempotency_keys",
    insert: "INSERT INTO idempotency_keys (key, request_hash, status, body, member_id, created_at)
             VALUES ($1, $2, $3::text::integer, $4, $5, $6::text::timestamptz)
             ON CONFLICT DO NOTHING",
};

const CONFIRMATIONS: Table = Table {
    select: "SELECT token_sha256, member_id, created_at, expires_at, used_at FROM confirmations",
    insert: "INSERT INTO confirmations (token_sha256, member_id, created_at, expires_at, used_at)
             VALUES ($1, $2, $3::text::timestamptz, $4::text::timestamptz, $5::text::timestamptz)
             ON CONFLICT DO NOTHING",
};

/// Only messages still owed; `moved_from` makes a second copy a no-op.
const PENDING: Table = Table {
    select: "SELECT 'sqlite:' || id, member_id, kind, payload, CAST(attempts AS TEXT),
                    next_attempt_at, last_error, created_at
             FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
    insert: "INSERT INTO outbox (moved_from, member_id, kind, payload, attempts,
                next_attempt_at, last_error, created_at)
             VALUES ($1, $2, $3, $4, $5::text::integer, $6::text::timestamptz, $7,
                $8::text::timestamptz)
             ON CONFLICT DO NOTHING",
};

/// Copies `from` into `to` (migrating `to` first): what was copied.
pub async fn migrate(from: &Path, to: &str, options: &PgOptions) -> Result<Moved, DbError> {
    if !from.exists() {
        return Err(DbError::PostgresUrl(format!(
            "--from {}: no such file",
            from.display()
        )));
    }
    let source = Database::open(from)?;
    let target = PgStore::connect(to, options).await?;
    let mut rows = Vec::new();
    for table in [&MEMBERS, &KEYS, &CONFIRMATIONS, &PENDING] {
        rows.push(read(&source, table.select).await?);
    }
    let mut client = target.client().await?;
    let transaction = client.transaction().await?;
    let mut counts = [(0, 0); 4];
    for ((table, rows), count) in [&MEMBERS, &KEYS, &CONFIRMATIONS, &PENDING]
        .iter()
        .zip(&rows)
        .zip(&mut counts)
    {
        let statement = transaction.prepare(table.insert).await?;
        for row in rows {
            let params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = row
                .iter()
                .map(|value| value as &(dyn tokio_postgres::types::ToSql + Sync))
                .collect();
            let copied = transaction.execute(&statement, &params).await?;
            if copied == 1 {
                count.0 += 1;
            } else {
                count.1 += 1;
            }
        }
    }
    transaction.commit().await?;
    let [applications, idempotency_records, confirmation_links, pending_messages] = counts;
    Ok(Moved {
        applications,
        idempotency_records,
        confirmation_links,
        pending_messages,
    })
}

/// Every row of a query, each column as optional text.
async fn read(source: &Database, sql: &'static str) -> Result<Vec<Vec<Option<String>>>, DbError> {
    source
        .run(move |connection| {
            let mut statement = connection.prepare(sql)?;
            let columns = statement.column_count();
            let rows = statement.query_map([], |row| {
                (0..columns)
                    .map(|index| row.get::<_, Option<String>>(index))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?;
            rows.collect()
        })
        .await
}
