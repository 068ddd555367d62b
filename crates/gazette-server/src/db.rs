//! Membership applications in one SQLite file (WAL mode), with the responses
//! given to each `Idempotency-Key`, so that a retried request is answered the
//! same and stored once.

use std::{
    path::Path,
    sync::{Arc, Mutex},
};

use gazette_api::{validation::normalise_email, MemberAccepted, MemberApplication};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// Each migration, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[r#"
    CREATE TABLE members (
        id TEXT PRIMARY KEY,
        email_normalised TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        organisation TEXT,
        message TEXT,
        consent_at TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
"#];

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// A response kept for an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: String,
}

/// What storing an application came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// The response to send: new, or the one this key got before.
    Respond(StoredResponse),
    /// The key was used before with a different request body.
    KeyReusedWithOtherBody,
}

/// The database handle; cheap to clone. Writes are serialised by one connection.
#[derive(Clone)]
pub struct Database {
    connection: Arc<Mutex<Connection>>,
}

impl Database {
    /// Opens (creating when missing) and migrates the database file.
    pub fn open(path: &Path) -> rusqlite::Result<Database> {
        let mut connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut connection)?;
        Ok(Database {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Stores an application that passed validation, exactly once.
    ///
    /// A known key with the same `request_hash` gets its first response back and
    /// stores nothing. An email already on the list, or a filled honeypot, gets a
    /// normal receipt and stores no member row.
    pub async fn submit(
        &self,
        key: Option<String>,
        request_hash: String,
        application: MemberApplication,
    ) -> rusqlite::Result<SubmitOutcome> {
        let connection = self.connection.clone();
        tokio::task::spawn_blocking(move || {
            let mut connection = connection
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            submit_blocking(&mut connection, key.as_deref(), &request_hash, &application)
        })
        .await
        .unwrap_or_else(|join_error| {
            Err(rusqlite::Error::ToSqlConversionFailure(Box::new(
                join_error,
            )))
        })
    }
}

fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let applied: usize = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(applied) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(migration)?;
        transaction.pragma_update(None, "user_version", index + 1)?;
        transaction.commit()?;
        tracing::info!(version = index + 1, "applied database migration");
    }
    Ok(())
}

fn submit_blocking(
    connection: &mut Connection,
    key: Option<&str>,
    request_hash: &str,
    application: &MemberApplication,
) -> rusqlite::Result<SubmitOutcome> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(key) = key {
        let earlier = transaction
            .query_row(
                "SELECT request_hash, status, body FROM idempotency_keys WHERE key = ?1",
                [key],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        StoredResponse {
                            status: row.get(1)?,
                            body: row.get(2)?,
                        },
                    ))
                },
            )
            .optional()?;
        if let Some((hash, response)) = earlier {
            return Ok(if hash == request_hash {
                SubmitOutcome::Respond(response)
            } else {
                SubmitOutcome::KeyReusedWithOtherBody
            });
        }
    }

    let receipt = MemberAccepted {
        id: uuid::Uuid::new_v4().to_string(),
        status: "received".to_owned(),
    };
    if application.honeypot.is_empty() {
        transaction.execute(
            &format!(
                "INSERT INTO members
                    (id, email_normalised, email, name, organisation, message, consent_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, {NOW}, {NOW})
                 ON CONFLICT (email_normalised) DO NOTHING"
            ),
            params![
                receipt.id,
                normalise_email(&application.email),
                application.email.trim(),
                application.name.trim(),
                non_empty(application.organisation.as_deref()),
                non_empty(application.message.as_deref()),
            ],
        )?;
    }
    let response = StoredResponse {
        status: 201,
        body: serde_json::to_string(&receipt).unwrap_or_default(),
    };
    if let Some(key) = key {
        transaction.execute(
            &format!(
                "INSERT INTO idempotency_keys (key, request_hash, status, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, {NOW})"
            ),
            params![key, request_hash, response.status, response.body],
        )?;
    }
    transaction.commit()?;
    Ok(SubmitOutcome::Respond(response))
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}
