//! Clients that hold connections: half-sent requests are closed after the
//! header read timeout and cannot starve other clients; a shutdown lets the
//! requests in flight finish, and ends at its deadline whatever clients do.
//! Every wait is bounded, and waits for the condition itself.

mod support;

use std::time::Duration;

use reqwest::StatusCode;
use support::{client, TestServer};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// An upper bound for waits that end much sooner when all is well.
const BOUND: Duration = Duration::from_secs(30);

/// Reads until the server closes the connection; what it sent.
async fn until_closed(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut received = Vec::new();
    match tokio::time::timeout(BOUND, stream.read_to_end(&mut received)).await {
        Ok(_) => Some(received),
        Err(_) => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_are_closed_and_cannot_hold_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |args| {
        args.header_read_timeout = 1;
        args.max_connections = 50;
    })
    .await;
    let mut stalled = Vec::new();
    for _ in 0..300 {
        let mut stream = TcpStream::connect(server.address()).await.unwrap();
        stream
            .write_all(b"GET /api/v1/site HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .unwrap();
        stalled.push(stream);
    }
    let answer = tokio::time::timeout(BOUND, client().get(server.url("/api/v1/site")).send())
        .await
        .expect("a client is answered while 300 half-sent requests wait")
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let mut held = 0;
    for stream in &mut stalled {
        if until_closed(stream).await.is_none() {
            held += 1;
        }
    }
    println!("half-sent requests: 300 sent, connections held after the timeout: {held}");
    assert_eq!(held, 0);
}

/// A POST whose body stops half-way: a request in flight that never ends.
async fn half_sent_post(server: &TestServer) -> TcpStream {
    let mut stream = TcpStream::connect(server.address()).await.unwrap();
    stream
        .write_all(
            b"POST /api/v1/members HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\n\r\n{\"name\": ",
        )
        .await
        .unwrap();
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_in_flight_finishes_during_a_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = TestServer::start(dir.path(), |args| args.shutdown_timeout = 20).await;
    let body = br#"{"name": "Jana", "email": "jana@example.cz", "consent": true}"#;
    let mut stream = TcpStream::connect(server.address()).await.unwrap();
    let head = format!(
        "POST /api/v1/members HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..10]).await.unwrap();
    // The server has read the headers when the body's first bytes are in; a
    // GET on another connection, answered, shows it is serving.
    assert_eq!(server.get("/api/v1/site").await.status(), StatusCode::OK);
    server.signal_stop();
    stream.write_all(&body[10..]).await.unwrap();
    let answer = String::from_utf8(until_closed(&mut stream).await.unwrap()).unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    tokio::time::timeout(BOUND, server.stop())
        .await
        .expect("the server stops once the request is answered");
    let rows: i64 = rusqlite::Connection::open(dir.path().join("test.sqlite3"))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM members", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shutdown_ends_at_its_deadline_whatever_clients_do() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |args| {
        args.shutdown_timeout = 1;
        args.header_read_timeout = 600;
        args.request_timeout = 600;
    })
    .await;
    let _post = half_sent_post(&server).await;
    let mut idle = TcpStream::connect(server.address()).await.unwrap();
    idle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    assert_eq!(server.get("/api/v1/site").await.status(), StatusCode::OK);
    tokio::time::timeout(BOUND, server.stop())
        .await
        .expect("the server stops at the shutdown deadline");
}

/// SIGTERM ends the real process with a stalled client connected.
#[cfg(unix)]
#[test]
fn sigterm_ends_the_process_with_a_stalled_client_connected() {
    use std::{ffi::OsStr, io::Write};
    let dir = tempfile::tempdir().unwrap();
    let (content, db) = (support::demo_content(), dir.path().join("x.sqlite3"));
    let mut server = support::Spawned::start(&[
        OsStr::new("--shutdown-timeout"),
        OsStr::new("1"),
        OsStr::new("--header-read-timeout"),
        OsStr::new("600"),
        OsStr::new("--request-timeout"),
        OsStr::new("600"),
        OsStr::new("--content"),
        content.as_os_str(),
        OsStr::new("--db"),
        db.as_os_str(),
    ]);
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut child = server.child.take().unwrap();
    let mut stalled = std::net::TcpStream::connect(&address).unwrap();
    stalled
        .write_all(b"POST /api/v1/members HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        .unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let (exited, exit) = std::sync::mpsc::channel();
    std::thread::spawn(move || exited.send(child.wait()));
    let exit = exit
        .recv_timeout(BOUND)
        .expect("the process ends after SIGTERM")
        .unwrap();
    assert!(exit.success(), "{exit:?}");
}
