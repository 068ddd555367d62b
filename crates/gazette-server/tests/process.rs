//! The real binary against hostile requests: they must leave it running, and
//! nothing may panic. `cargo test` runs it on the binary built for the tests
//! (overflow checks on); `make test` again on the build it ships
//! (`GAZETTE_SERVER_BIN=target/server/gazette-server`, `support::server_binary`).
//! A server that never panics survives under `panic = "abort"` too, as a
//! `--release` build is: the panic that a 500 would hide there ends the
//! process. So the check is the panic itself, whose message the panic hook
//! prints on stderr before any unwinding, in a request or a background task.

mod support;

use std::ffi::OsStr;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use support::Spawned;

/// The binary with a small app and the demo content, limits raised.
fn start(dir: &std::path::Path) -> Spawned {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<html><head><base href=/></head></html>",
    )
    .unwrap();
    let content = support::demo_content();
    let db = dir.join("x.sqlite3");
    Spawned::start(&[
        OsStr::new("--member-posts-per-minute"),
        OsStr::new("100000"),
        OsStr::new("--dist"),
        dist.as_os_str(),
        OsStr::new("--content"),
        content.as_os_str(),
        OsStr::new("--db"),
        db.as_os_str(),
    ])
}

#[tokio::test]
async fn hostile_requests_leave_the_process_running() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path());
    let client = support::client();
    let cursors = [
        "2024-05-22T09:00:0éxZ|x",
        "2024-05-22T09:00:0€Z|a",
        "ééééééééééééééééééééZ|a",
    ]
    .map(|text| URL_SAFE_NO_PAD.encode(text));
    let mut urls: Vec<String> = cursors
        .iter()
        .map(|cursor| format!("{}/api/v1/posts?cursor={cursor}", server.base))
        .collect();
    for path in [
        "/%00",
        "/images/..%2f..%2fetc/passwd",
        "/images%5c..%5cx",
        "/api/v1/posts/%00",
        "/api/v1/posts?limit=99999999999999999999",
    ] {
        urls.push(format!("{}{path}", server.base));
    }
    urls.push(format!("{}/{}", server.base, "a".repeat(5000)));
    for url in &urls {
        let response = client.get(url).send().await.unwrap();
        assert!(
            !response.status().is_server_error(),
            "{url}: {}",
            response.status()
        );
    }
    for body in [
        &b"{\"name\": \"\xff\"}"[..],
        b"{\"name\": 1e999999}",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"{\"name\": \"A\", \"email\": \"A <v@example.org>\", \"consent\": true}",
        b"{\"name\": \"A\", \"email\": \"a@[127.0.0.1]\", \"consent\": true}",
    ] {
        let response = client
            .post(format!("{}/api/v1/members", server.base))
            .header("content-type", "application/json")
            .header("idempotency-key", "k")
            .body(body.to_vec())
            .send()
            .await
            .unwrap();
        assert!(
            !response.status().is_server_error(),
            "{}",
            response.status()
        );
    }
    let site = client
        .get(format!("{}/api/v1/site", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(site.status(), reqwest::StatusCode::OK);
    let child = server.child.as_mut().unwrap();
    assert!(child.try_wait().unwrap().is_none(), "the process ended");
    let stderr = server.stop();
    assert!(
        !stderr.contains("panicked"),
        "the server panicked:\n{stderr}"
    );
}
