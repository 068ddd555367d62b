//! The real binary, built by the profile under test: under `cargo test
//! --release` it aborts on a panic (`panic = "abort"`), so one panicking
//! request would end the process. Hostile requests must leave it running.

mod support;

use std::{
    io::{BufRead, BufReader},
    process::{Child, ChildStdout, Command, Stdio},
};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};

struct Running {
    child: Child,
    base: String,
    // Kept open, so that the server can still print.
    _stdout: BufReader<ChildStdout>,
    _dir: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Running {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<html><head><base href=/></head></html>",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette-server"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--member-posts-per-minute",
            "100000",
        ])
        .arg("--dist")
        .arg(&dist)
        .arg("--content")
        .arg(support::demo_content())
        .arg("--db")
        .arg(dir.path().join("x.sqlite3"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
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
    Running {
        child,
        base,
        _stdout: stdout,
        _dir: dir,
    }
}

#[tokio::test]
async fn hostile_requests_leave_the_process_running() {
    let mut server = start();
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
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the process ended"
    );
}
