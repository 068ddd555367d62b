//! A real server on an ephemeral port, with a temporary SQLite file or a
//! database of its own on the tests' PostgreSQL server ([`pg`]).
#![allow(dead_code)]

pub mod pg;

use std::path::{Path, PathBuf};

use gazette_members::location::DbLocation;
use gazette_server::{Args, Server};
use tokio::sync::oneshot;

/// Which membership store a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(Store)` as two tests, one per store, in the
/// modules `sqlite` and `postgres`.
#[macro_export]
macro_rules! on_both_stores {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(super::support::Store::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(super::support::Store::Postgres).await
                }
            )*
        }
    };
}

/// A test's database, looked into as it is on disk (SQLite) or on the
/// server (PostgreSQL), by another client than the server's.
#[derive(Debug, Clone)]
pub enum TestDb {
    Sqlite(PathBuf),
    Postgres(String),
}

impl TestDb {
    /// A new database: a file in `dir`, or a fresh PostgreSQL database.
    pub fn new(store: Store, dir: &Path) -> TestDb {
        match store {
            Store::Sqlite => TestDb::Sqlite(dir.join("test.sqlite3")),
            Store::Postgres => TestDb::Postgres(pg::fresh_database()),
        }
    }

    pub fn location(&self) -> DbLocation {
        match self {
            TestDb::Sqlite(path) => DbLocation::Sqlite(path.clone()),
            TestDb::Postgres(url) => DbLocation::Postgres(url.clone()),
        }
    }

    /// What `--db` is given.
    pub fn flag(&self) -> std::ffi::OsString {
        match self {
            TestDb::Sqlite(path) => path.clone().into_os_string(),
            TestDb::Postgres(url) => url.into(),
        }
    }

    /// One value of a query, as text.
    pub fn text(&self, sql: &str) -> String {
        match self {
            TestDb::Sqlite(path) => {
                let connection = rusqlite::Connection::open(path).unwrap();
                connection
                    .query_row(sql, [], |row| row.get::<_, Option<String>>(0))
                    .unwrap()
                    .unwrap_or_default()
            }
            TestDb::Postgres(url) => pg::psql(url, sql),
        }
    }

    /// One value of a query, as a number.
    pub fn int(&self, sql: &str) -> i64 {
        match self {
            TestDb::Sqlite(path) => {
                let connection = rusqlite::Connection::open(path).unwrap();
                connection.query_row(sql, [], |row| row.get(0)).unwrap()
            }
            TestDb::Postgres(url) => pg::psql(url, sql).parse().unwrap(),
        }
    }

    /// Runs a statement.
    pub fn execute(&self, sql: &str) {
        match self {
            TestDb::Sqlite(path) => {
                rusqlite::Connection::open(path)
                    .unwrap()
                    .execute(sql, [])
                    .unwrap();
            }
            TestDb::Postgres(url) => {
                pg::psql(url, sql);
            }
        }
    }

    /// Counts the rows of a table.
    pub fn count(&self, table: &str) -> i64 {
        self.int(&format!("SELECT COUNT(*) FROM {table}"))
    }

    /// Moves a time column of every row of `table` `hours` into the past.
    pub fn age(&self, table: &str, column: &str, hours: u32) {
        self.execute(&match self {
            TestDb::Sqlite(_) => format!(
                "UPDATE {table} SET {column} = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-{hours} hours')"
            ),
            TestDb::Postgres(_) => format!(
                "UPDATE {table} SET {column} = now() - make_interval(hours => {hours})"
            ),
        });
    }

    /// The owner's `gazette-server members …` on this database, as the real
    /// binary runs it: what it printed.
    pub fn members(&self, args: &[&str]) -> String {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette-server"))
            .arg("members")
            .args(args)
            .arg("--db")
            .arg(self.flag())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// A time column as the owner sees it (`2026-11-01T12:00:00.000Z`).
    pub fn time(&self, column: &str) -> String {
        match self {
            TestDb::Sqlite(_) => column.to_owned(),
            TestDb::Postgres(_) => format!("gazette_time({column})"),
        }
    }
}

/// The repository's demo content.
pub fn demo_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// A running server; stopped when dropped or by [`TestServer::stop`].
pub struct TestServer {
    pub base: String,
    pub db: TestDb,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    /// Starts a server with the demo content, a fresh database in `dir`, and `adjust`ed flags.
    pub async fn start(dir: &Path, adjust: impl FnOnce(&mut Args)) -> TestServer {
        Self::start_on(TestDb::Sqlite(dir.join("test.sqlite3")), adjust).await
    }

    /// Starts a server with the demo content on `db`, with `adjust`ed flags.
    pub async fn start_on(db: TestDb, adjust: impl FnOnce(&mut Args)) -> TestServer {
        let mut args = Args::with_defaults(demo_content(), db.location());
        args.addr = "127.0.0.1:0".parse().unwrap();
        adjust(&mut args);
        let server = Server::start(&args).await.expect("server starts");
        let base = format!("http://{}", server.address());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run_until(async {
            let _ = stopped.await;
        }));
        TestServer {
            base,
            db,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// The URL of a path on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET`s a path on this server.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        client().get(self.url(path)).send().await.unwrap()
    }

    /// The `host:port` the server listens on.
    pub fn address(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// Sends the shutdown signal without waiting for the server to finish.
    pub fn signal_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Stops the server and waits until it has finished.
    pub async fn stop(mut self) {
        self.signal_stop();
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }

    /// Counts the rows of a table.
    pub fn count(&self, table: &str) -> i64 {
        self.db.count(table)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Binds a port and lets it go: nothing listens there until a test says so.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The headers every error answer carries: never cached, and the security
/// headers of every response.
pub fn assert_error_headers(response: &reqwest::Response, label: &str) {
    use reqwest::header;
    let headers = response.headers();
    assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{label}");
    assert_eq!(
        headers[header::X_CONTENT_TYPE_OPTIONS],
        "nosniff",
        "{label}"
    );
    assert!(
        headers.contains_key(header::CONTENT_SECURITY_POLICY),
        "{label}"
    );
    assert!(headers.contains_key(header::REFERRER_POLICY), "{label}");
}

/// A client that does not follow redirects or decompress on its own.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Writes a content folder with the demo site and `count` generated posts.
pub fn generated_content(dir: &Path, count: usize) -> PathBuf {
    let folder = dir.join("content");
    std::fs::create_dir_all(folder.join("posts")).unwrap();
    std::fs::copy(demo_content().join("site.json"), folder.join("site.json")).unwrap();
    for index in 0..count {
        let post = serde_json::json!({
            "slug": format!("post-{index:03}"),
            "title": format!("Post number {index}"),
            "excerpt": "Generated.",
            "author": {"name": "Test"},
            "lang": "en",
            "published_at": format!("2024-01-{:02}T{:02}:00:00Z", 1 + index / 24, index % 24),
            "body": [{"type": "paragraph", "text": [{"text": "Hello."}]}]
        });
        std::fs::write(
            folder.join("posts").join(format!("post-{index:03}.json")),
            post.to_string(),
        )
        .unwrap();
    }
    folder
}

/// The real binary: the one cargo built for these tests, or the one that
/// `GAZETTE_SERVER_BIN` names (`make test` names the build it ships and the
/// end-to-end tests serve, target/server/gazette-server).
pub fn server_binary() -> PathBuf {
    std::env::var_os("GAZETTE_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_gazette-server")))
}

/// The real binary ([`server_binary`]), started by [`Spawned::start`];
/// killed when dropped unless its child was taken. What it prints on stderr
/// is passed on to ours, and kept for [`Spawned::stop`].
pub struct Spawned {
    pub child: Option<std::process::Child>,
    /// `http://host:port`.
    pub base: String,
    // Kept open, so that the server can still print.
    _stdout: std::io::BufReader<std::process::ChildStdout>,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Spawned {
    /// Starts the binary with `args` on a free port, and waits for the line
    /// that says where it listens.
    pub fn start(args: &[&std::ffi::OsStr]) -> Spawned {
        use std::io::BufRead;
        let mut child = std::process::Command::new(server_binary())
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let stderr = std::thread::spawn(move || {
            let mut kept = String::new();
            for line in stderr.lines().map_while(Result::ok) {
                eprintln!("{line}");
                kept.push_str(&line);
                kept.push('\n');
            }
            kept
        });
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while !line.contains("running at") {
            line.clear();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "no address printed"
            );
        }
        let base = line
            .trim()
            .trim_start_matches("Gazette is running at ")
            .trim_end_matches('/')
            .to_owned();
        Spawned {
            child: Some(child),
            base,
            _stdout: stdout,
            stderr: Some(stderr),
        }
    }

    /// Kills the process and returns all it printed on stderr.
    pub fn stop(mut self) -> String {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let stderr = self.stderr.take().expect("stderr is read until stop");
        stderr
            .join()
            .expect("the stderr reader ends with the process")
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The tests' SMTP sink (`tests/support/smtp_sink.py`, aiosmtpd from the
/// bootstrap's virtual environment), receiving into a folder; killed when dropped.
pub struct SmtpSink {
    pub port: u16,
    folder: PathBuf,
    child: std::process::Child,
}

impl SmtpSink {
    /// Starts the sink on `port` (0: a free one), writing into `folder`.
    pub fn start(folder: &Path, port: u16) -> SmtpSink {
        use std::io::BufRead;
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let python = root.join("target/smtp-sink/bin/python");
        assert!(
            python.exists(),
            "{} is missing: run scripts/bootstrap",
            python.display()
        );
        let mut child = std::process::Command::new(python)
            .arg(root.join("tests/support/smtp_sink.py"))
            .arg(folder)
            .arg(port.to_string())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the sink said {line:?}"))
            .parse()
            .unwrap();
        SmtpSink {
            port,
            folder: folder.to_owned(),
            child,
        }
    }

    /// The `--smtp-url` that reaches it.
    pub fn url(&self) -> String {
        smtp_url(self.port)
    }

    /// The messages received so far, in order.
    pub fn messages(&self) -> Vec<serde_json::Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.folder)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                    .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .map(|path| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
            .collect()
    }

    /// Waits until `count` messages have arrived, and returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<serde_json::Value> {
        eventually(&format!("{count} message(s) in the sink"), || {
            let messages = self.messages();
            (messages.len() >= count).then_some(messages)
        })
        .await
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `--smtp-url` of a relay without TLS on this machine's `port`.
pub fn smtp_url(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}?tls=none")
}

/// Polls `check` until it gives a value (the condition the test needs),
/// failing after 30 seconds.
pub async fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "waited 30 s for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
}

/// Validates a JSON value against one response schema of docs/openapi.json.
pub fn assert_matches_openapi(path: &str, method: &str, status: u16, body: &serde_json::Value) {
    let document: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let schema = &document["paths"][path][method]["responses"][status.to_string()]["content"]
        ["application/json"]["schema"];
    assert!(
        schema.is_object(),
        "openapi.json documents no {status} for {method} {path}"
    );
    let mut root = document.clone();
    root["$schema"] = serde_json::Value::from("https://json-schema.org/draft/2020-12/schema");
    root["$ref"] = schema["$ref"].clone();
    let validator = jsonschema::validator_for(&root).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{method} {path} {status}: {errors:#?}");
}

/// Polls an async `check` until it gives a value, failing after 30 seconds.
pub async fn eventually_async<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "waited 30 s for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
