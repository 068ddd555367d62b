//! The Gazette reference server over HTTP: the v1 JSON API, the pages with
//! their heads, the feed and the sitemap, the pictures and the built app,
//! from one address; and the command line.
//!
//! Only HTTP and the command line live here: the content folder is
//! `gazette-content`'s, the importers `gazette-import`'s, the HTML and XML
//! `gazette-render`'s, membership `gazette-members`'s. Nothing depends on
//! this crate.
//!
//! [`Server::start`] loads and checks the content, opens the database, binds the
//! address and builds the router; [`Server::run_until`] serves until a shutdown
//! signal. The integration tests drive the same two calls on ephemeral ports.
//!
//! Long because of [`Args`]: every flag with its help text, default and
//! environment variable, declared once for clap.

mod api;
mod assets;
mod discovery;
pub mod error;
pub mod host_files;
mod http;
mod images;
mod search;
mod serve;

use error::FlagError;
use gazette_import::cms::Cms;
use gazette_members::{db, location::DbLocation};
use gazette_render::SiteUrl;

use std::{net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

use axum::Router;
use clap::{CommandFactory, FromArgMatches, Parser};
use tokio::net::TcpListener;

/// The server's flags; each can also be set from the environment.
#[derive(Debug, Clone, Parser)]
#[command(name = "gazette-server", version, about)]
pub struct Args {
    /// Something else than serving.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The address to listen on.
    #[arg(long, env = "GAZETTE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The built app to serve (Trunk's output); omit to serve the API only.
    #[arg(long, env = "GAZETTE_DIST", global = true)]
    pub dist: Option<PathBuf>,
    /// The content folder: `site.json`, `posts/*.json` and `posts/*.md`, and `images/`.
    #[arg(
        long,
        env = "GAZETTE_CONTENT",
        default_value = "content",
        global = true
    )]
    pub content: PathBuf,
    /// The site's public address (`https://news.example.org`, with the base
    /// path if any): what canonical URLs, social tags, the feed and the
    /// sitemap start with. Without it, the address the server listens on.
    #[arg(long, env = "GAZETTE_SITE_URL", global = true, value_parser = SiteUrl::parse)]
    pub site_url: Option<SiteUrl>,
    /// Serve a WordPress or Ghost site's posts (`wordpress=https://example.org`,
    /// `ghost=https://example.org` with --ghost-key): they are copied, with
    /// their pictures, into --content (give it a folder of its own), at
    /// start-up and every --source-refresh seconds.
    #[arg(long, env = "GAZETTE_SOURCE", value_parser = parse_source)]
    pub source: Option<(Cms, String)>,
    /// Ghost's Content API key, for --source ghost=….
    #[arg(long, env = "GAZETTE_GHOST_KEY", hide_env_values = true)]
    pub ghost_key: Option<String>,
    /// Seconds between two readings of the --source: new and changed posts
    /// appear within this time. A source that does not answer leaves the
    /// last reading served.
    #[arg(long, env = "GAZETTE_SOURCE_REFRESH", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(10..))]
    pub source_refresh: u64,
    /// The membership database: a SQLite file or a PostgreSQL URL.
    #[command(flatten)]
    pub database: gazette_members::location::DbArgs,
    /// Confirmation e-mails, the owner's notices and retention.
    #[command(flatten)]
    pub mail: gazette_members::MailArgs,
    /// An origin allowed to call the API from a browser (repeatable); none means same-origin only.
    #[arg(
        long = "allow-origin",
        env = "GAZETTE_ALLOW_ORIGINS",
        value_delimiter = ','
    )]
    pub allow_origins: Vec<String>,
    /// A proxy address whose `X-Forwarded-For` is believed (repeatable).
    #[arg(
        long = "trusted-proxy",
        env = "GAZETTE_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// How many membership applications one client address may send per minute.
    #[arg(long, env = "GAZETTE_MEMBER_POSTS_PER_MINUTE", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub member_posts_per_minute: u32,
    /// Serve everything (app, API, images) under this path, such as `/news`;
    /// the app must be built for it (`make dist PUBLIC_URL=/news/`).
    #[arg(long, env = "GAZETTE_BASE_PATH", default_value = "",
          value_parser = parse_base_path)]
    pub base_path: String,
    /// The origin of an API elsewhere that the app calls (repeatable): the CSP's
    /// `connect-src` and `img-src` name it.
    #[arg(
        long = "api-origin",
        env = "GAZETTE_API_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub api_origins: Vec<String>,
    /// The CSP `frame-ancestors` sources: who may frame the app.
    #[arg(
        long,
        env = "GAZETTE_FRAME_ANCESTORS",
        default_value = "'self'",
        global = true
    )]
    pub frame_ancestors: String,
    /// Seconds a client has to send a request's headers before it is closed.
    #[arg(long, env = "GAZETTE_HEADER_READ_TIMEOUT", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub header_read_timeout: u64,
    /// Seconds a request may take, its body included, before a 503.
    #[arg(long, env = "GAZETTE_REQUEST_TIMEOUT", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout: u64,
    /// Connections served at once; more wait until one closes.
    #[arg(long, env = "GAZETTE_MAX_CONNECTIONS", default_value_t = 1024,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,
    /// Seconds the requests in flight have to finish after SIGTERM or Ctrl-C.
    #[arg(long, env = "GAZETTE_SHUTDOWN_TIMEOUT", default_value_t = 10)]
    pub shutdown_timeout: u64,
}

/// What the binary does instead of serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Writes 404.html, _redirects and _headers into the build (--dist) for a
    /// static host, with this server's CSP (--api-origin, --frame-ancestors)
    /// and cache rules.
    HostFiles,
    /// Writes a WordPress or Ghost site's published posts into a content
    /// folder (--to), for the server or a static build to use.
    Import(gazette_import::import::ImportArgs),
    /// Makes the variants of the content's pictures (--content) that are
    /// missing, as the server does when it starts; `make run` and `make dist`
    /// call it first.
    Pictures,
    /// The owner's commands on the membership applications in --db; safe
    /// while the server runs.
    Members {
        #[command(subcommand)]
        command: gazette_members::owner::MembersCommand,
    },
}

/// `wordpress=https://example.org`, `ghost=https://example.org` or
/// `gazette=https://example.org/api/v1`.
pub fn parse_source(text: &str) -> Result<(Cms, String), FlagError> {
    use clap::ValueEnum;
    let (cms, url) = text
        .split_once('=')
        .ok_or_else(|| FlagError::NotASource(text.to_owned()))?;
    let cms = Cms::from_str(cms, true).map_err(|_| FlagError::UnknownCms(cms.to_owned()))?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(FlagError::NotHttp(url.to_owned()));
    }
    Ok((cms, url.trim_end_matches('/').to_owned()))
}

/// A base path as `/news`: a leading slash, no trailing one, plain segments;
/// `/` and the empty string mean the root (`""`).
pub fn parse_base_path(text: &str) -> Result<String, FlagError> {
    let trimmed = text.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let segments_ok = trimmed.strip_prefix('/').is_some_and(|rest| {
        rest.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
        })
    });
    if segments_ok {
        Ok(trimmed.to_owned())
    } else {
        Err(FlagError::NotABasePath(text.to_owned()))
    }
}

impl Args {
    /// Flags with every default, for the given content folder and database:
    /// clap's own defaults, with the environment left out (`GAZETTE_*`
    /// variables are for the binary, not for code that embeds the server).
    pub fn with_defaults(content: PathBuf, db: impl Into<DbLocation>) -> Self {
        let command = Args::command().mut_args(|arg| arg.env(None::<&str>));
        let matches = command.get_matches_from(["gazette-server"]);
        let mut args = Args::from_arg_matches(&matches)
            .unwrap_or_else(|error| unreachable!("every flag has a default: {error}"));
        args.content = content;
        args.database.db = db.into();
        args
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The --source could not be read.
    #[error("source: {0}")]
    Source(#[from] gazette_import::import::ImportError),
    /// A content file is missing or invalid.
    #[error("invalid content: {0}")]
    Content(#[from] gazette_content::LoadError),
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Database(#[from] db::DbError),
    /// The dist folder has no readable `index.html`, or was built for
    /// another base path.
    #[error("dist: {0}")]
    Dist(#[from] error::ShellError),
    /// The address could not be bound.
    #[error("cannot listen: {0}")]
    Bind(std::io::Error),
    /// The e-mail or webhook flags do not fit together.
    #[error("{0}")]
    Membership(#[from] gazette_members::ConfigError),
}

/// A bound, ready server.
pub struct Server {
    listener: TcpListener,
    address: SocketAddr,
    router: Router,
    limits: serve::ConnectionLimits,
    outbox: tokio::task::JoinHandle<()>,
    refresher: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    /// Loads the content, opens the database, binds the address and builds the routes.
    pub async fn start(args: &Args) -> Result<Server, StartError> {
        if let Some(import) = source_import(args) {
            let summary = gazette_import::import::mirror(&import).await?;
            tracing::info!("{summary}");
        }
        let content =
            gazette_content::Current::new(gazette_content::load(&args.content, &args.base_path)?);
        let search = search::SearchIndex::of(&content.get()).await;
        let refresher = source_import(args).map(|import| {
            tokio::spawn(refresh(
                import,
                content.clone(),
                search.clone(),
                args.base_path.clone(),
                Duration::from_secs(args.source_refresh),
            ))
        });
        let database = gazette_members::location::open(&args.database).await?;
        let shell = match &args.dist {
            Some(dist) => Some(assets::AppShell::load(dist, &args.base_path)?),
            None => None,
        };
        let listener = TcpListener::bind(args.addr)
            .await
            .map_err(StartError::Bind)?;
        let address = listener.local_addr().map_err(StartError::Bind)?;
        let site_url = match &args.site_url {
            Some(site_url) => site_url.clone(),
            None => SiteUrl::listening_at(address, &args.base_path),
        };
        let shared_counter = database.counter.clone();
        let (membership, senders) = gazette_members::configure(
            &args.mail,
            content.get().site_value(),
            database.store,
            site_url.clone(),
        )?;
        let outbox = gazette_members::start_worker(&membership, senders, &args.mail);
        let discovery = Arc::new(discovery::Discovery::new(content.clone(), site_url));
        let state = api::AppState {
            content,
            membership,
            kept: Default::default(),
        };
        let router = build_router(args, state, shell, discovery, search, shared_counter);
        Ok(Server {
            listener,
            address,
            router,
            limits: serve::ConnectionLimits {
                header_read_timeout: Duration::from_secs(args.header_read_timeout),
                max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
                shutdown_timeout: Duration::from_secs(args.shutdown_timeout),
            },
            outbox,
            refresher,
        })
    }

    /// The address the server listens on (useful with port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until `shutdown` completes, then lets the requests in flight
    /// finish, for at most `--shutdown-timeout` seconds.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        serve::serve(self.listener, self.router, self.limits, shutdown).await;
        // What was not sent stays in the outbox for the next start.
        self.outbox.abort();
        if let Some(refresher) = self.refresher {
            refresher.abort();
        }
        Ok(())
    }
}

/// What reading the --source into --content takes.
fn source_import(args: &Args) -> Option<gazette_import::import::ImportArgs> {
    let (cms, url) = args.source.clone()?;
    Some(gazette_import::import::ImportArgs {
        cms,
        url,
        to: args.content.clone(),
        ghost_key: args.ghost_key.clone(),
        images: true,
    })
}

/// Reads the source again every `every`, and serves what it now says, its
/// search index included; a reading that fails leaves the last one served.
async fn refresh(
    import: gazette_import::import::ImportArgs,
    content: gazette_content::Current,
    search: search::SearchIndex,
    base_path: String,
    every: Duration,
) {
    loop {
        tokio::time::sleep(every).await;
        if let Err(error) = gazette_import::import::mirror(&import).await {
            tracing::warn!(%error, "the source could not be read; serving the last reading");
            continue;
        }
        // Loading makes the new pictures' variants: work for a thread of its
        // own, not the one serving requests.
        let (folder, base_path) = (import.to.clone(), base_path.clone());
        match tokio::task::spawn_blocking(move || gazette_content::load(&folder, &base_path)).await
        {
            Ok(Ok(fresh)) => {
                content.replace(fresh);
                search.rebuild(&content.get()).await;
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, "the source's posts could not be loaded; serving the last reading")
            }
            Err(error) => {
                tracing::warn!(%error, "loading the source's posts failed; serving the last reading")
            }
        }
    }
}

fn build_router(
    args: &Args,
    state: api::AppState,
    shell: Option<assets::AppShell>,
    discovery: Arc<discovery::Discovery>,
    search: search::SearchIndex,
    shared_counter: Option<Arc<dyn gazette_members::backend::RateCounter>>,
) -> Router {
    let limiter = http::rate_limit::ClientLimiter::new(
        args.member_posts_per_minute,
        args.trusted_proxies.clone(),
        shared_counter,
    );
    let pictures = images::router(state.content.clone(), args.dist.as_deref());
    let api = api::router(state, limiter, &args.allow_origins);
    let csp = http::security::content_security_policy(
        shell
            .as_ref()
            .map(|s| s.inline_script_hashes())
            .unwrap_or_default(),
        &args.api_origins,
        &args.frame_ancestors,
        shell
            .as_ref()
            .and_then(|s| s.settings())
            .is_some_and(|settings| settings.play_embeds),
    );
    let api = api.merge(discovery.router());
    let api = api.merge(pictures).merge(search.router());
    let app = match shell {
        Some(shell) => api.merge(assets::router(shell.with_heads(discovery))),
        None => api.fallback(api::not_found),
    };
    let app = if args.base_path.is_empty() {
        app
    } else {
        assets::under_base_path(&args.base_path, app)
    };
    http::security::with_headers(app, csp, Duration::from_secs(args.request_timeout))
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM. The handlers are installed when
/// this is called, not when the future is first polled: a signal sent as soon
/// as the server says it is running must start a graceful shutdown, where the
/// default action would end the process at once.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let listening = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    };
    async move {
        #[cfg(unix)]
        match listening {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => {},
                    _ = terminate.recv() => {},
                }
            }
            // A handler that cannot be installed: Ctrl-C alone still stops.
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_for_embedding_ignore_the_environment() {
        // Only this test sets the variable; the binary would read it.
        std::env::set_var("GAZETTE_MAX_CONNECTIONS", "7");
        let args = Args::with_defaults("c".into(), PathBuf::from("d.sqlite3"));
        assert_eq!(args.max_connections, 1024);
        assert_eq!(args.content, PathBuf::from("c"));
        assert_eq!(Args::parse_from(["gazette-server"]).max_connections, 7);
        std::env::remove_var("GAZETTE_MAX_CONNECTIONS");
    }
}
