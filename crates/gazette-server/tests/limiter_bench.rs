//! A benchmark, not a test (`make bench` runs it; it asserts nothing about
//! time): request latency with 20,000 clients in the rate limiter's table
//! against an empty table. Writes `target/bench/limiter.json`.

mod support;

use std::time::{Duration, Instant};

use support::{client, TestServer};

const CLIENTS: u32 = 20_000;
const SAMPLES: u32 = 400;

/// A POST that the limiter counts (under its own `X-Forwarded-For` address)
/// and the handler then refuses cheaply (not JSON).
async fn post_as(url: &str, http: &reqwest::Client, client_number: u32) -> Duration {
    let address = std::net::Ipv4Addr::from(0x0a00_0000 + client_number);
    let started = Instant::now();
    let response = http
        .post(url)
        .header("x-forwarded-for", address.to_string())
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        reqwest::StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    started.elapsed()
}

async fn get(server: &TestServer, http: &reqwest::Client) -> Duration {
    let started = Instant::now();
    let response = http.get(server.url("/api/v1/site")).send().await.unwrap();
    assert!(response.status().is_success());
    response.bytes().await.unwrap();
    started.elapsed()
}

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

/// Median GET and POST latency, in milliseconds; the POSTs come from new
/// clients numbered from `first`.
async fn measure(server: &TestServer, http: &reqwest::Client, first: u32) -> (f64, f64) {
    let mut gets = Vec::new();
    let mut posts = Vec::new();
    for n in 0..SAMPLES {
        gets.push(get(server, http).await);
        posts.push(post_as(&server.url("/api/v1/members"), http, first + n).await);
    }
    (median(gets), median(posts))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: make bench"]
async fn latency_with_20000_limiter_clients() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |args| {
        args.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let http = client();
    let (get_empty, post_empty) = measure(&server, &http, 1_000_000).await;
    // 20,000 clients, a hundred at a time.
    for chunk in (0..CLIENTS).collect::<Vec<_>>().chunks(100) {
        let mut sends = tokio::task::JoinSet::new();
        for &n in chunk {
            let (url, http) = (server.url("/api/v1/members"), http.clone());
            sends.spawn(async move { post_as(&url, &http, n).await });
        }
        while sends.join_next().await.is_some() {}
    }
    let (get_full, post_full) = measure(&server, &http, 2_000_000).await;
    let report = serde_json::json!({
        "clients": CLIENTS,
        "samples": SAMPLES,
        "get_ms_median": {"empty": get_empty, "with_clients": get_full, "ratio": get_full / get_empty},
        "post_ms_median": {"empty": post_empty, "with_clients": post_full, "ratio": post_full / post_empty},
    });
    println!("limiter: {report}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("limiter.json"), report.to_string()).unwrap();
}
