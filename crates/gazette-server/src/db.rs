//! Membership applications in one SQLite file (WAL mode), with the responses
//! given to each `Idempotency-Key`, so that a retried request is answered the
//! same and stored once.
//!
//! Long because the schema, its migrations and the one transaction that
//! stores an application belong together: each step relies on the last.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use gazette_api::{validation::normalise_email, MemberAccepted, MemberApplication};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// Each migration, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    r#"
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
"#,
    r#"
    CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
"#,
];

/// How long an `Idempotency-Key` is remembered, as an SQLite modifier. After
/// it the key may be used again (the IETF Idempotency-Key draft lets a server
/// choose and publish this; docs/api.md says 24 hours).
const KEY_LIFETIME: &str = "-24 hours";

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// A response kept for an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
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

/// Why the database could not be opened, or a write could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite refused an operation.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// The file could not be created.
    #[error("cannot create {}: {error}", path.display())]
    Create {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file opens, but a write fails: every application would get a 500.
    #[error("{} cannot be written ({error}); check the permissions of the file and of its folder", path.display())]
    NotWritable {
        path: PathBuf,
        error: rusqlite::Error,
    },
    /// SQLite stayed in another journal mode (WAL needs a local file system).
    #[error("{} could not be put in WAL mode (it is in {mode:?} mode); keep it on a local disk", path.display())]
    NotWal { path: PathBuf, mode: String },
    /// The blocking task that ran the write did not finish.
    #[error("the database task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// The database handle; cheap to clone. Writes are serialised by one connection.
#[derive(Clone)]
pub struct Database {
    connection: Arc<Mutex<Connection>>,
}

impl Database {
    /// Opens (creating when missing, readable by its owner only) and migrates
    /// the database file, after checking that it can be written.
    pub fn open(path: &Path) -> Result<Database, DbError> {
        create_private(path).map_err(|error| DbError::Create {
            path: path.to_owned(),
            error,
        })?;
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        probe_write(&connection).map_err(|error| DbError::NotWritable {
            path: path.to_owned(),
            error,
        })?;
        let mode: String =
            connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(DbError::NotWal {
                path: path.to_owned(),
                mode,
            });
        }
        // In WAL mode NORMAL may lose the last commits on power loss; a 201
        // promises that the application is kept.
        connection.pragma_update(None, "synchronous", "FULL")?;
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
    ) -> Result<SubmitOutcome, DbError> {
        let connection = self.connection.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            let mut connection = connection
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            submit_blocking(&mut connection, key.as_deref(), &request_hash, &application)
        })
        .await??;
        Ok(outcome)
    }
}

/// Creates the file with mode 0600 when it does not exist yet: it holds
/// applicants' names and addresses. SQLite gives its `-wal` and `-shm` files
/// the same mode.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

/// Makes a write and takes it back: a read-only file or folder shows here, at
/// start-up, rather than as a 500 to every applicant.
fn probe_write(connection: &Connection) -> rusqlite::Result<()> {
    let result = connection
        .execute_batch("BEGIN IMMEDIATE; CREATE TABLE gazette_write_probe (x); ROLLBACK;");
    if result.is_err() && !connection.is_autocommit() {
        let _ = connection.execute_batch("ROLLBACK");
    }
    result
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
    transaction.execute(
        "DELETE FROM idempotency_keys
         WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?1)",
        [KEY_LIFETIME],
    )?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_private_durable_and_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("members.sqlite3");
        let database = Database::open(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let connection = database.connection.lock().unwrap();
        let (journal, synchronous): (String, i64) = connection
            .query_row(
                "SELECT * FROM pragma_journal_mode, pragma_synchronous",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!((journal.as_str(), synchronous), ("wal", 2), "2 is FULL");
        let probes: i64 = connection
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'gazette_write_probe'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(probes, 0, "the write probe is rolled back");
    }

    #[test]
    fn an_existing_file_keeps_its_mode_and_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("members.sqlite3");
        drop(Database::open(&path).unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            drop(Database::open(&path).unwrap());
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640, "an owner's choice is kept");
        }
    }
}
