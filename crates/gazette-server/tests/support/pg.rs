//! A real PostgreSQL server for the tests: one throwaway cluster per test
//! binary (initdb in a temporary folder, `postgres` on a free port, as the
//! `postgres` user when the tests run as root, since PostgreSQL refuses
//! root), started on first use and stopped with the binary by the
//! parent-death signal; each test gets a database of its own. It offers TLS
//! with a certificate signed by a certificate authority of its own
//! ([`ca_file`]), for the tests of `sslmode=require`.

use std::{
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::Command,
    sync::{
        atomic::{AtomicUsize, Ordering},
        OnceLock,
    },
    time::{Duration, Instant},
};

/// The running cluster.
struct Cluster {
    bin: PathBuf,
    port: u16,
    dir: PathBuf,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The folder of PostgreSQL's programs (`scripts/bootstrap` installs them).
fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort();
    found
        .pop()
        .expect("PostgreSQL is not installed: run scripts/bootstrap")
}

/// The uid and gid to run PostgreSQL as: ours, or `postgres`'s when we are root.
fn run_as() -> Option<(u32, u32)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let line = passwd
        .lines()
        .find(|line| line.starts_with("postgres:"))
        .expect("no postgres user: run scripts/bootstrap");
    let fields: Vec<&str> = line.split(':').collect();
    Some((fields[2].parse().unwrap(), fields[3].parse().unwrap()))
}

fn as_postgres(command: &mut Command) -> &mut Command {
    if let Some((uid, gid)) = run_as() {
        command.uid(uid).gid(gid);
    }
    command
}

/// Removes the folders of clusters whose test binary has ended.
fn remove_stale(root: &Path) {
    for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("gazette-pg-") else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn start() -> Cluster {
    let bin = bin_dir();
    let root = std::env::temp_dir();
    remove_stale(&root);
    let dir = root.join(format!("gazette-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    if let Some((uid, gid)) = run_as() {
        std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).unwrap();
    }
    let data = dir.join("data");
    // Run in the cluster's folder: the tests' own may be one the `postgres`
    // user cannot enter (a checkout under /root).
    let initdb = as_postgres(
        Command::new(bin.join("initdb"))
            .current_dir(&dir)
            .args([
                "--auth=trust",
                "--username=gazette",
                "--encoding=UTF8",
                "--no-sync",
            ])
            .arg("-D")
            .arg(&data),
    )
    .output()
    .unwrap();
    assert!(
        initdb.status.success(),
        "initdb: {}",
        String::from_utf8_lossy(&initdb.stderr)
    );
    make_certificates(&dir);
    let port = super::free_port();
    let (bin_for_thread, dir_for_thread) = (bin.clone(), dir.clone());
    // Spawned from a thread that never ends: the parent-death signal follows
    // the thread that spawned the child, so it fires when the binary exits.
    let (started, spawned) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut command = Command::new(bin_for_thread.join("postgres"));
        command
            .current_dir(&dir_for_thread)
            .arg("-D")
            .arg(dir_for_thread.join("data"))
            .args(["-p", &port.to_string(), "-c", "listen_addresses=127.0.0.1"])
            .arg("-c")
            .arg(format!(
                "unix_socket_directories={}",
                dir_for_thread.display()
            ))
            .args([
                "-c",
                "fsync=off",
                "-c",
                "max_connections=400",
                "-c",
                "ssl=on",
            ])
            .arg("-c")
            .arg(format!(
                "ssl_cert_file={}",
                dir_for_thread.join("server.crt").display()
            ))
            .arg("-c")
            .arg(format!(
                "ssl_key_file={}",
                dir_for_thread.join("server.key").display()
            ))
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(dir_for_thread.join("postgres.log")).unwrap());
        as_postgres(&mut command);
        // SAFETY: prctl is async-signal-safe; it runs in the child before exec.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        let child = command.spawn();
        started.send(child.map(|_| ())).unwrap();
        loop {
            std::thread::park();
        }
    });
    spawned.recv().unwrap().expect("postgres starts");
    let cluster = Cluster {
        bin,
        port,
        dir: dir.clone(),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while !cluster
        .try_psql("postgres", "SELECT 1")
        .is_ok_and(|out| out == "1")
    {
        assert!(
            Instant::now() < deadline,
            "PostgreSQL did not start: {}",
            std::fs::read_to_string(dir.join("postgres.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    cluster
}

/// A certificate authority (`ca.pem`) and the server's certificate for
/// 127.0.0.1 that it signed, with OpenSSL's command.
fn make_certificates(dir: &Path) {
    let openssl = |args: &[&str]| {
        let output = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=Gazette tests CA",
            ],
        ]
        .concat(),
    );
    openssl(
        &[
            &["req"][..],
            &ec,
            &[
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=127.0.0.1",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
         keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "server.ext",
    ]);
    if let Some((uid, gid)) = run_as() {
        for file in ["server.crt", "server.key"] {
            std::os::unix::fs::chown(dir.join(file), Some(uid), Some(gid)).unwrap();
        }
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        dir.join("server.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
}

/// The PEM file of the certificate authority that signed the tests'
/// PostgreSQL server's certificate.
pub fn ca_file() -> PathBuf {
    CLUSTER.get_or_init(start).dir.join("ca.pem")
}

impl Cluster {
    fn url(&self, database: &str) -> String {
        format!("postgres://gazette@127.0.0.1:{}/{database}", self.port)
    }

    fn try_psql(&self, database: &str, sql: &str) -> Result<String, String> {
        psql_with(&self.bin, &self.url(database), sql)
    }
}

fn psql_with(bin: &Path, url: &str, sql: &str) -> Result<String, String> {
    let output = Command::new(bin.join("psql"))
        .args([
            "-X",
            "-A",
            "-t",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            url,
            "-c",
            sql,
        ])
        .output()
        .map_err(|error| error.to_string())?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// The URL of a new, empty database on the tests' cluster.
pub fn fresh_database() -> String {
    let cluster = CLUSTER.get_or_init(start);
    let name = format!("t{}", DATABASES.fetch_add(1, Ordering::SeqCst));
    cluster
        .try_psql("postgres", &format!("CREATE DATABASE {name}"))
        .unwrap();
    cluster.url(&name)
}

/// Runs SQL on a database of the tests' cluster: what psql prints, trimmed
/// (one value as text, rows on lines, columns split by `|`).
pub fn psql(url: &str, sql: &str) -> String {
    let cluster = CLUSTER.get_or_init(start);
    psql_with(&cluster.bin, url, sql).unwrap_or_else(|error| panic!("{sql}: {error}"))
}
