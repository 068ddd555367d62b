//! Where membership is kept, from `--db`: a path is a SQLite file (one
//! server on one machine, the default), a `postgres://` URL a PostgreSQL
//! database that several server instances share. [`open`] gives the one
//! [`MemberStore`] either way, and, for PostgreSQL, the rate counter the
//! instances share.

use std::{fmt, path::PathBuf, sync::Arc, time::Duration};

use crate::{
    backend::{MemberStore, RateCounter},
    db::{Database, DbError},
    postgres::{PgOptions, PgStore},
};

/// What `--db` names.
#[derive(Clone, PartialEq, Eq)]
pub enum DbLocation {
    /// A SQLite file, created when missing.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user:pass@host:port/dbname`,
    /// with `?sslmode=require` for TLS).
    Postgres(String),
}

impl DbLocation {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else a path.
    pub fn parse(text: &str) -> Result<DbLocation, DbError> {
        let lower = text.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            text.parse::<tokio_postgres::Config>()
                .map_err(|error| DbError::PostgresUrl(error.to_string()))?;
            Ok(DbLocation::Postgres(text.trim().to_owned()))
        } else if text.is_empty() {
            Err(DbError::PostgresUrl("--db is empty".to_owned()))
        } else {
            Ok(DbLocation::Sqlite(PathBuf::from(text)))
        }
    }
}

impl From<PathBuf> for DbLocation {
    fn from(path: PathBuf) -> DbLocation {
        DbLocation::Sqlite(path)
    }
}

/// Shown in logs and errors without the password.
impl fmt::Display for DbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbLocation::Sqlite(path) => write!(f, "{}", path.display()),
            DbLocation::Postgres(url) => f.write_str(&without_password(url)),
        }
    }
}

impl fmt::Debug for DbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DbLocation({self})")
    }
}

/// `postgres://user:secret@host/db` as `postgres://user:***@host/db`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or("");
            let hidden = if user_info.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

/// The database flags, global so that the owner's commands take them too.
#[derive(Debug, Clone, clap::Args)]
pub struct DbArgs {
    /// Where membership applications are kept: a SQLite file (created when
    /// missing; one server instance), or a PostgreSQL database that several
    /// instances share: `postgres://user:pass@host:5432/dbname`, with
    /// `?sslmode=require` to insist on TLS.
    #[arg(long, env = "GAZETTE_DB", default_value = "gazette.sqlite3", global = true,
          hide_env_values = true, value_parser = parse_location)]
    pub db: DbLocation,
    /// Connections to PostgreSQL this instance keeps open at most.
    #[arg(long, env = "GAZETTE_DB_POOL", default_value_t = 16, global = true,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_pool: u32,
    /// A PEM file of the certificate authority that signed PostgreSQL's
    /// certificate, when it is a private one; public authorities are known.
    #[arg(long, env = "GAZETTE_DB_CA", global = true)]
    pub db_ca: Option<PathBuf>,
}

fn parse_location(text: &str) -> Result<DbLocation, String> {
    DbLocation::parse(text).map_err(|error| error.to_string())
}

impl DbArgs {
    /// The flags' defaults with this location.
    pub fn at(db: DbLocation) -> DbArgs {
        DbArgs {
            db,
            db_pool: 16,
            db_ca: None,
        }
    }
}

/// An opened store, and the rate counter its instances share, if they can.
pub struct Opened {
    pub store: Arc<dyn MemberStore>,
    /// `None` for SQLite: one instance counts in its own memory.
    pub counter: Option<Arc<dyn RateCounter>>,
}

/// How long a worker may hold a message it took before another may take it:
/// longer than any send (the relay's and the webhook's timeouts are shorter).
pub const OUTBOX_LEASE: Duration = Duration::from_secs(300);

/// Opens (and migrates) the store `args` names.
pub async fn open(args: &DbArgs) -> Result<Opened, DbError> {
    match &args.db {
        DbLocation::Sqlite(path) => Ok(Opened {
            store: Arc::new(Database::open(path)?),
            counter: None,
        }),
        DbLocation::Postgres(url) => {
            let store = Arc::new(
                PgStore::connect(
                    url,
                    &PgOptions {
                        pool_size: args.db_pool as usize,
                        ca_file: args.db_ca.clone(),
                        lease: OUTBOX_LEASE,
                    },
                )
                .await?,
            );
            Ok(Opened {
                store: store.clone(),
                counter: Some(store),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_postgres_and_anything_else_a_file() {
        assert_eq!(
            DbLocation::parse("gazette.sqlite3").unwrap(),
            DbLocation::Sqlite("gazette.sqlite3".into())
        );
        assert!(matches!(
            DbLocation::parse("postgres://gazette:pw@db.internal:5432/members?sslmode=require"),
            Ok(DbLocation::Postgres(_))
        ));
        assert!(matches!(
            DbLocation::parse("postgresql://localhost/members"),
            Ok(DbLocation::Postgres(_))
        ));
        assert!(DbLocation::parse("postgres://host/db?sslmode=sometimes").is_err());
    }

    #[test]
    fn the_password_is_never_shown() {
        let location = DbLocation::parse("postgres://gazette:s3cret@db:5432/members").unwrap();
        assert_eq!(
            location.to_string(),
            "postgres://gazette:***@db:5432/members"
        );
        assert!(!format!("{location:?}").contains("s3cret"));
        assert_eq!(
            without_password("postgres://gazette@db/members"),
            "postgres://gazette@db/members"
        );
    }
}
