//! [`MemberStore`] on PostgreSQL, for several server instances sharing one
//! database: a pool of connections (deadpool) per instance, TLS with rustls,
//! migrations that any number of instances may run at once (`schema.rs`),
//! and each step one transaction whose locks are the database's, never the
//! process's: an `Idempotency-Key` and an address are claimed with
//! transaction-scoped advisory locks (`applications.rs`), an outbox message
//! with `FOR UPDATE SKIP LOCKED` and a lease (`jobs.rs`), and the requests
//! per client are counted in a table every instance updates (`limits.rs`).

mod applications;
mod jobs;
mod limits;
mod schema;

use std::{future::Future, path::PathBuf, sync::Arc, time::Duration};

use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod};
use gazette_api::MemberApplication;
use tokio_postgres::{types::ToSql, Row};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::{
    backend::{MemberStore, Pending, RateCounter},
    db::DbError,
    messages::{Attempt, Job},
    record::{Filter, MemberRecord},
    store::{ConfirmOutcome, Erased, Policy, SubmitOutcome},
};

/// How the server's connections are named in `pg_stat_activity`.
pub const APPLICATION_NAME: &str = "gazette-server";

/// How a [`PgStore`] connects and behaves.
#[derive(Debug, Clone)]
pub struct PgOptions {
    /// Connections kept open at most.
    pub pool_size: usize,
    /// The PEM file of a private certificate authority, besides the public ones.
    pub ca_file: Option<PathBuf>,
    /// How long a message taken by a worker is its own (see `jobs.rs`).
    pub lease: Duration,
}

/// The membership store on a PostgreSQL database; cheap to clone.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    lease: Duration,
}

impl PgStore {
    /// Connects to `url`, checks that the database answers, and migrates it.
    pub async fn connect(url: &str, options: &PgOptions) -> Result<PgStore, DbError> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|error: tokio_postgres::Error| DbError::PostgresUrl(error.to_string()))?;
        // TLS when the URL asks for it (`sslmode=require`), and then with the
        // certificate verified. libpq's default, `prefer`, tries TLS without
        // verifying anything, which protects from nobody; here it means none.
        if config.get_ssl_mode() == tokio_postgres::config::SslMode::Prefer {
            config.ssl_mode(tokio_postgres::config::SslMode::Disable);
        }
        if config.get_application_name().is_none() {
            config.application_name(APPLICATION_NAME);
        }
        let manager = Manager::from_config(
            config,
            tls(options.ca_file.as_deref())?,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(options.pool_size.max(1))
            .build()
            .map_err(|error| DbError::PostgresUrl(error.to_string()))?;
        let store = PgStore {
            pool,
            lease: options.lease,
        };
        schema::migrate(&mut *store.pool.get().await?).await?;
        Ok(store)
    }

    /// A connection from the pool.
    pub(crate) async fn client(&self) -> Result<deadpool_postgres::Object, DbError> {
        Ok(self.pool.get().await?)
    }
}

/// Parameters of a statement.
type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// Statements through the connection's statement cache: PostgreSQL parses
/// each SQL text once per connection, not at every call, which saves a round
/// trip per statement (a third of an application's time, `make bench`).
trait Cached: GenericClient {
    fn exec<'a>(
        &'a self,
        sql: &'a str,
        params: Params<'a>,
    ) -> impl Future<Output = Result<u64, DbError>> + Send + 'a {
        async move {
            Ok(self
                .execute(&self.prepare_cached(sql).await?, params)
                .await?)
        }
    }

    fn one<'a>(
        &'a self,
        sql: &'a str,
        params: Params<'a>,
    ) -> impl Future<Output = Result<Row, DbError>> + Send + 'a {
        async move {
            Ok(self
                .query_one(&self.prepare_cached(sql).await?, params)
                .await?)
        }
    }

    fn maybe<'a>(
        &'a self,
        sql: &'a str,
        params: Params<'a>,
    ) -> impl Future<Output = Result<Option<Row>, DbError>> + Send + 'a {
        async move {
            Ok(self
                .query_opt(&self.prepare_cached(sql).await?, params)
                .await?)
        }
    }

    fn all<'a>(
        &'a self,
        sql: &'a str,
        params: Params<'a>,
    ) -> impl Future<Output = Result<Vec<Row>, DbError>> + Send + 'a {
        async move { Ok(self.query(&self.prepare_cached(sql).await?, params).await?) }
    }
}

impl<C: GenericClient + ?Sized> Cached for C {}

/// The TLS the URL's `sslmode` may ask for: the certificate is always
/// verified, against the public authorities and the `--db-ca` file.
fn tls(ca_file: Option<&std::path::Path>) -> Result<MakeRustlsConnect, DbError> {
    use rustls_pki_types::{pem::PemObject, CertificateDer};
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = ca_file {
        let certificates = CertificateDer::pem_file_iter(path)
            .and_then(|certificates| certificates.collect::<Result<Vec<_>, _>>())
            .map_err(|error| DbError::Tls(format!("{}: {error}", path.display())))?;
        if certificates.is_empty() {
            return Err(DbError::Tls(format!(
                "{} holds no certificate",
                path.display()
            )));
        }
        for certificate in certificates {
            roots
                .add(certificate)
                .map_err(|error| DbError::Tls(format!("{}: {error}", path.display())))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| DbError::Tls(error.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

impl MemberStore for PgStore {
    fn submit(
        &self,
        policy: Arc<Policy>,
        key: Option<String>,
        request_hash: String,
        application: MemberApplication,
    ) -> Pending<'_, SubmitOutcome> {
        Box::pin(async move {
            let mut client = self.client().await?;
            applications::submit(
                &mut client,
                &policy,
                key.as_deref(),
                &request_hash,
                &application,
            )
            .await
        })
    }

    fn confirm(&self, policy: Arc<Policy>, token: String) -> Pending<'_, ConfirmOutcome> {
        Box::pin(async move {
            let mut client = self.client().await?;
            applications::confirm(&mut client, &policy, &token).await
        })
    }

    fn forget_unconfirmed(&self, days: u32) -> Pending<'_, usize> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let forgotten = applications::forget_unconfirmed(&mut client, days).await?;
            limits::forget_idle(&client).await?;
            Ok(forgotten)
        })
    }

    fn take_due(&self) -> Pending<'_, Option<Job>> {
        Box::pin(async move { jobs::take_due(&self.client().await?, self.lease).await })
    }

    fn record(&self, id: i64, attempts: u32, outcome: Attempt) -> Pending<'_, ()> {
        Box::pin(async move { jobs::record(&self.client().await?, id, attempts, outcome).await })
    }

    fn next_due_in(&self) -> Pending<'_, Option<Duration>> {
        Box::pin(async move { jobs::next_due_in(&self.client().await?).await })
    }

    fn select(&self, filter: Filter) -> Pending<'_, Vec<MemberRecord>> {
        Box::pin(async move { jobs::select(&self.client().await?, &filter).await })
    }

    fn erase(&self, email: String) -> Pending<'_, Option<Erased>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            applications::erase(&mut client, &email).await
        })
    }
}

impl RateCounter for PgStore {
    fn admit(&self, client: String, per_minute: u32) -> Pending<'_, Result<(), Duration>> {
        Box::pin(async move { limits::admit(&self.client().await?, &client, per_minute).await })
    }
}
