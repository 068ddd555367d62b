//! A benchmark, not a test (`make bench` runs it; it asserts nothing about
//! time): membership applications stored per second by the real binary on
//! SQLite, on PostgreSQL with one instance, and on PostgreSQL with two
//! instances taking turns, each from many client addresses (behind a trusted
//! proxy, so the rate limit counts each apart, as in life). The client, the
//! instances and PostgreSQL share this machine's cores; both databases
//! flush each commit to disk (SQLite `synchronous=FULL`, PostgreSQL `fsync`).
//! Writes `target/bench/members.json`.

mod support;

use std::{ffi::OsStr, sync::Arc, time::Instant};

use serde_json::json;
use support::{client, demo_content, pg, Spawned};

const APPLICATIONS: usize = 3_000;
const IN_FLIGHT: usize = 64;

/// Instances of the real binary on `db`.
fn instances(db: &str, count: usize) -> Vec<Spawned> {
    let content = demo_content();
    let args: Vec<&OsStr> = [
        OsStr::new("--content"),
        content.as_os_str(),
        OsStr::new("--db"),
        OsStr::new(db),
        OsStr::new("--trusted-proxy"),
        OsStr::new("127.0.0.1"),
    ]
    .into();
    (0..count).map(|_| Spawned::start(&args)).collect()
}

/// Applications per second, spread over `bases` in turn.
async fn throughput(bases: &[String], label: &str) -> f64 {
    let http = client();
    let in_flight = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let started = Instant::now();
    let mut sends = tokio::task::JoinSet::new();
    for index in 0..APPLICATIONS {
        let permit = in_flight.clone().acquire_owned().await.unwrap();
        let url = format!("{}/api/v1/members", bases[index % bases.len()]);
        let request = http
            .post(url)
            .header("Idempotency-Key", format!("{label}-{index}"))
            .header(
                "X-Forwarded-For",
                std::net::Ipv4Addr::from(0x0a00_0000 + index as u32).to_string(),
            )
            .json(&json!({"name": format!("Member {index}"),
                "email": format!("{label}{index}@example.cz"), "consent": true}));
        sends.spawn(async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), reqwest::StatusCode::CREATED);
            drop(permit);
        });
    }
    while let Some(done) = sends.join_next().await {
        done.unwrap();
    }
    APPLICATIONS as f64 / started.elapsed().as_secs_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: make bench"]
async fn applications_per_second_on_sqlite_and_postgres() {
    // Before the tests' PostgreSQL starts: a durable one.
    std::env::set_var("GAZETTE_TEST_PG_FSYNC", "on");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bench.sqlite3");
    let sqlite = instances(file.to_str().unwrap(), 1);
    let sqlite_rate = throughput(&[sqlite[0].base.clone()], "sqlite").await;
    drop(sqlite);

    let one_url = pg::fresh_database();
    let one = instances(&one_url, 1);
    let one_rate = throughput(&[one[0].base.clone()], "pg1").await;
    drop(one);

    let two_url = pg::fresh_database();
    let two = instances(&two_url, 2);
    let bases: Vec<String> = two.iter().map(|spawned| spawned.base.clone()).collect();
    let two_rate = throughput(&bases, "pg2").await;
    drop(two);

    let report = json!({
        "applications": APPLICATIONS,
        "in_flight": IN_FLIGHT,
        "per_second": {
            "sqlite": sqlite_rate.round(),
            "postgres_one_instance": one_rate.round(),
            "postgres_two_instances": two_rate.round(),
        },
    });
    println!(
        "membership applications per second ({APPLICATIONS}, {IN_FLIGHT} in flight): \
         SQLite {sqlite_rate:.0}; PostgreSQL, one instance {one_rate:.0}; \
         two instances {two_rate:.0}"
    );
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("members.json"),
        serde_json::to_string_pretty(&report).unwrap(),
    )
    .unwrap();
}
