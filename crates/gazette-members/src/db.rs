//! The SQLite file (WAL mode) that holds membership applications, the
//! responses given to each `Idempotency-Key`, confirmation tokens and the
//! outbox: opening it safely, its schema and migrations, and one connection
//! that serialises every write. What the rows mean is the other modules'.
//! [`DbError`] is both databases' error.
//!
//! Long because the schema and its migrations are here whole.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use rusqlite::Connection;

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
    // Confirmation by e-mail, consent kept as evidence, the outbox, and the
    // member each idempotency record belongs to (so that erasing a person
    // erases their records). Rows from before were stored without a relay.
    r#"
    ALTER TABLE members ADD COLUMN status TEXT NOT NULL DEFAULT 'received';
    ALTER TABLE members ADD COLUMN lang TEXT;
    ALTER TABLE members ADD COLUMN confirmed_at TEXT;
    ALTER TABLE members ADD COLUMN consent_text TEXT;
    ALTER TABLE members ADD COLUMN consent_sha256 TEXT;
    CREATE INDEX members_by_status ON members (status, created_at);
    ALTER TABLE idempotency_keys ADD COLUMN member_id TEXT;
    CREATE INDEX idempotency_keys_by_member ON idempotency_keys (member_id);
    CREATE TABLE confirmations (
        token_sha256 TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
    );
    CREATE INDEX confirmations_by_member ON confirmations (member_id);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        member_id TEXT,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        sent_at TEXT,
        failed_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX outbox_due ON outbox (sent_at, failed_at, next_attempt_at);
    CREATE INDEX outbox_by_member ON outbox (member_id);
"#,
];

/// The time now, in SQL, as every timestamp is stored: UTC, ISO 8601 with
/// milliseconds and `Z`, so that text order is time order.
pub const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

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
    /// PostgreSQL refused an operation, or could not be reached.
    #[error("PostgreSQL: {}", with_causes(.0))]
    Postgres(#[from] tokio_postgres::Error),
    /// No connection to PostgreSQL could be had from the pool.
    #[error("PostgreSQL: no connection: {}", with_causes(.0))]
    Pool(#[from] deadpool_postgres::PoolError),
    /// `--db` is not a database this server can use.
    #[error("--db: {0}")]
    PostgresUrl(String),
    /// The system gave no randomness for a confirmation token.
    #[error("no randomness: {0}")]
    Randomness(String),
    /// TLS to PostgreSQL cannot be set up (an unreadable `--db-ca`).
    #[error("PostgreSQL TLS: {0}")]
    Tls(String),
}

/// An error and its causes, `: `-separated: PostgreSQL's client says "error
/// performing TLS handshake" and keeps why (an unknown issuer) in its source.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let said = inner.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = inner.source();
    }
    text
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
        // Deleted rows are overwritten, not left in free pages: erasing a
        // person must leave nothing readable in the file.
        connection.pragma_update(None, "secure_delete", "ON")?;
        migrate(&mut connection)?;
        Ok(Database {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Runs `work` on the connection in a blocking task: writes are
    /// serialised by the one connection, and the async runtime never waits
    /// on SQLite.
    pub async fn run<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let connection = self.connection.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut connection = connection
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut connection)
        })
        .await??;
        Ok(result)
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
