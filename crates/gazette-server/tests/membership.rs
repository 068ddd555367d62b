//! The owner's side of membership against real parts: the server sends
//! through a real SMTP conversation with the tests' sink (aiosmtpd), calls a
//! real webhook receiver, and the owner's commands run as the real binary on
//! the database the running server writes; each on SQLite and PostgreSQL.

mod support;

use std::sync::{Arc, Mutex};

use axum::{http::HeaderMap, http::StatusCode as AxumStatus, routing::post, Router};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::{client, eventually, free_port, smtp_url, SmtpSink, Store, TestDb, TestServer};

on_both_stores!(
    the_link_arrives_in_the_applicants_language_and_confirms_once,
    a_late_link_gets_a_clear_answer_and_confirms_nothing,
    consent_is_kept_as_evidence_with_the_text_and_its_hash,
    a_relay_that_is_down_loses_nothing_and_the_link_arrives_once,
    a_restart_between_attempts_still_sends_the_link_once,
    the_webhook_is_signed_and_retried_after_a_500,
    an_application_left_unconfirmed_is_erased_after_the_pending_days,
    the_owner_lists_exports_and_erases_while_the_server_writes,
);

const FROM: &str = "Prague Forum <news@example.org>";

async fn apply(server: &TestServer, body: Value) -> Value {
    let response = client()
        .post(server.url("/api/v1/members"))
        .header("Idempotency-Key", format!("key-{}", body["email"]))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn confirm(server: &TestServer, token: &str) -> (StatusCode, Value) {
    let response = client()
        .post(server.url("/api/v1/members/confirmations"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

fn jana() -> Value {
    json!({"name": "Яна Коваленко", "email": "yana@example.org", "consent": true, "lang": "uk"})
}

/// The token in a confirmation letter's link.
fn token_in(message: &Value) -> String {
    let body = message["body"].as_str().unwrap();
    let at = body.find("/join/confirm?token=").expect("a link") + "/join/confirm?token=".len();
    body[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn with_relay(
    db: &TestDb,
    port: u16,
    adjust: impl FnOnce(&mut gazette_server::Args),
) -> TestServer {
    TestServer::start_on(db.clone(), |args| {
        args.member_posts_per_minute = 10_000;
        args.mail.smtp_url = Some(smtp_url(port));
        args.mail.mail_from = Some(FROM.to_owned());
        args.mail.retry_base_ms = 50;
        adjust(args);
    })
    .await
}

async fn the_link_arrives_in_the_applicants_language_and_confirms_once(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let sink = SmtpSink::start(&dir.path().join("mail"), 0);
    let server = with_relay(&db, sink.port, |args| {
        args.mail.notify_email = Some("owner@example.org".to_owned());
    })
    .await;
    let receipt = apply(&server, jana()).await;
    assert_eq!(receipt["status"], "pending_confirmation");
    let letter = &sink.wait_for(1).await[0];
    assert_eq!(letter["rcpt_tos"], json!(["yana@example.org"]));
    assert_eq!(letter["from"], FROM);
    assert!(
        letter["subject"]
            .as_str()
            .unwrap()
            .starts_with("Підтвердьте"),
        "{letter}"
    );
    assert!(letter["body"]
        .as_str()
        .unwrap()
        .contains(&server.url("/join/confirm?token=")));
    assert_eq!(server.db.text("SELECT status FROM members"), "pending");

    let token = token_in(letter);
    assert_eq!(
        confirm(&server, &token).await,
        (StatusCode::OK, json!({"status": "confirmed"}))
    );
    assert_eq!(
        confirm(&server, &token).await,
        (StatusCode::OK, json!({"status": "already_confirmed"})),
        "a link followed twice"
    );
    let (status, forged) = confirm(&server, "forged-token-of-the-right-shape-0000000000").await;
    assert_eq!(
        (status, forged["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("confirmation_unknown"))
    );
    assert_eq!(server.db.text("SELECT status FROM members"), "confirmed");

    let notice = &sink.wait_for(2).await[1];
    assert_eq!(notice["rcpt_tos"], json!(["owner@example.org"]));
    assert!(
        notice["body"].as_str().unwrap().contains("Яна Коваленко"),
        "{notice}"
    );
    assert!(
        notice["body"]
            .as_str()
            .unwrap()
            .contains("yana@example.org"),
        "{notice}"
    );
    // The notice arrives before the worker notes it sent: wait for the note.
    eventually("both messages marked sent", || {
        (sent(&server.db) == 2).then_some(())
    })
    .await;
    assert_eq!(
        server
            .db
            .int("SELECT COUNT(*) FROM outbox WHERE payload <> ''"),
        0,
        "a sent link's token is not kept"
    );
}

async fn a_late_link_gets_a_clear_answer_and_confirms_nothing(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let sink = SmtpSink::start(&dir.path().join("mail"), 0);
    let server = with_relay(&db, sink.port, |_| {}).await;
    apply(&server, jana()).await;
    let token = token_in(&sink.wait_for(1).await[0]);
    server
        .db
        .execute("UPDATE confirmations SET expires_at = '2000-01-01T00:00:00.000Z'");
    let (status, body) = confirm(&server, &token).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::GONE, Some("confirmation_expired"))
    );
    assert_eq!(server.db.text("SELECT status FROM members"), "pending");
}

async fn consent_is_kept_as_evidence_with_the_text_and_its_hash(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = TestServer::start_on(db, |_| {}).await;
    apply(&server, jana()).await;
    let site: Value = serde_json::from_str(
        &std::fs::read_to_string(support::demo_content().join("site.json")).unwrap(),
    )
    .unwrap();
    let text = site["membership"]["consent_text"].as_str().unwrap();
    use sha2::Digest;
    let hash = format!("{:x}", sha2::Sha256::digest(text.as_bytes()));
    let kept = server
        .db
        .text("SELECT consent_text || '|' || consent_sha256 FROM members");
    assert_eq!(kept, format!("{text}|{hash}"));
    assert_eq!(server.db.text("SELECT status FROM members"), "received");
}

fn attempts(db: &TestDb) -> i64 {
    db.int("SELECT COALESCE(MAX(attempts), 0) FROM outbox WHERE sent_at IS NULL")
}

fn sent(db: &TestDb) -> i64 {
    db.int("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
}

async fn a_relay_that_is_down_loses_nothing_and_the_link_arrives_once(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let port = free_port();
    let server = with_relay(&db, port, |_| {}).await;
    apply(&server, jana()).await;
    eventually("two failed attempts", || {
        (attempts(&server.db) >= 2).then_some(())
    })
    .await;
    let sink = SmtpSink::start(&dir.path().join("mail"), port);
    sink.wait_for(1).await;
    eventually("the message marked sent", || {
        (sent(&server.db) == 1).then_some(())
    })
    .await;
    assert_eq!(sink.messages().len(), 1);
}

async fn a_restart_between_attempts_still_sends_the_link_once(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let port = free_port();
    let server = with_relay(&db, port, |_| {}).await;
    apply(&server, jana()).await;
    eventually("a failed attempt", || {
        (attempts(&server.db) >= 1).then_some(())
    })
    .await;
    server.stop().await;
    let sink = SmtpSink::start(&dir.path().join("mail"), port);
    let server = with_relay(&db, port, |_| {}).await;
    sink.wait_for(1).await;
    eventually("the message marked sent", || {
        (sent(&server.db) == 1).then_some(())
    })
    .await;
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(server.count("members"), 1);
}

/// A webhook receiver that answers 500 to its first call, and records the
/// calls whose signature is right.
async fn receiver(secret: &'static str) -> (String, Arc<Mutex<Vec<(String, Value)>>>) {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let seen = calls.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                let header = |name: &str| headers[name].to_str().unwrap().to_owned();
                let expected = gazette_members::webhook::signature(
                    secret,
                    &header("x-gazette-timestamp"),
                    &body,
                );
                if header("x-gazette-signature") != expected {
                    return AxumStatus::UNAUTHORIZED;
                }
                let mut calls = seen.lock().unwrap();
                calls.push((
                    header("x-gazette-delivery"),
                    serde_json::from_str(&body).unwrap(),
                ));
                if calls.len() == 1 {
                    AxumStatus::INTERNAL_SERVER_ERROR
                } else {
                    AxumStatus::NO_CONTENT
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, calls)
}

async fn the_webhook_is_signed_and_retried_after_a_500(store: Store) {
    const SECRET: &str = "a-secret-shared-with-the-receiver";
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let (url, calls) = receiver(SECRET).await;
    let server = TestServer::start_on(db, |args| {
        args.mail.notify_webhook = Some(url);
        args.mail.notify_webhook_secret = Some(SECRET.to_owned());
        args.mail.retry_base_ms = 50;
    })
    .await;
    apply(&server, jana()).await;
    eventually("the webhook delivered", || {
        (sent(&server.db) == 1).then_some(())
    })
    .await;
    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 2, "one 500, then one retry that succeeded");
    assert_eq!(calls[0].0, calls[1].0, "a retry keeps its delivery id");
    let event = &calls[1].1;
    assert_eq!(event["event"], "member.received");
    assert_eq!(event["member"]["name"], "Яна Коваленко");
    assert!(event["member"]["consent_sha256"].is_string());
}

async fn an_application_left_unconfirmed_is_erased_after_the_pending_days(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let sink = SmtpSink::start(&dir.path().join("mail"), 0);
    let server = with_relay(&db, sink.port, |args| args.mail.pending_days = 30).await;
    apply(&server, jana()).await;
    sink.wait_for(1).await;
    server.db.age("members", "created_at", 31 * 24);
    // A new application wakes the worker, which erases the old one first.
    apply(
        &server,
        json!({"name": "Petr", "email": "petr@example.cz", "consent": true}),
    )
    .await;
    eventually("the old application erased", || {
        (server
            .db
            .int("SELECT COUNT(*) FROM members WHERE email = 'yana@example.org'")
            == 0)
            .then_some(())
    })
    .await;
    let traces = server.db.int(
        "SELECT (SELECT COUNT(*) FROM confirmations) + (SELECT COUNT(*) FROM idempotency_keys)",
    );
    assert_eq!(traces, 2, "only Petr's link and key are left");
}

/// The CSV as Python's `csv` module reads it, with `utf-8-sig` as Excel's
/// byte-order mark asks: a list of dicts.
fn python_csv(csv: &str) -> Vec<Value> {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args([
            "-c",
            "import csv, io, json, sys; \
             text = sys.stdin.buffer.read().decode('utf-8-sig'); \
             print(json.dumps(list(csv.DictReader(io.StringIO(text, newline='')))))",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(csv.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

async fn the_owner_lists_exports_and_erases_while_the_server_writes(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = TestServer::start_on(db, |args| args.member_posts_per_minute = 10_000).await;
    apply(&server, jana()).await;
    apply(&server, json!({"name": "Jiří Dvořák", "email": "jiri@example.cz", "consent": true,
        "organisation": "=HYPERLINK(\"https://evil.example\",\"click\")", "message": "Dobrý den,\nzdravím"}))
    .await;
    apply(
        &server,
        json!({"name": "Petr", "email": "petr@example.cz", "consent": true}),
    )
    .await;

    let list = server.db.members(&["list", "--status", "received"]);
    assert!(list.contains("Яна Коваленко <yana@example.org>"), "{list}");
    assert!(list.ends_with("3 application(s)\n"), "{list}");
    let pending = server.db.members(&["list", "--status", "pending"]);
    assert!(pending.starts_with("0 application(s)"), "{pending}");
    assert!(server
        .db
        .members(&["list", "--since", "2999-01-01"])
        .starts_with("0 application(s)"));

    let csv = server.db.members(&["export", "--format", "csv"]);
    assert!(
        csv.starts_with('\u{feff}') && csv.contains("\r\n"),
        "BOM and CRLF for spreadsheets"
    );
    let rows = python_csv(&csv);
    let names: Vec<&str> = rows
        .iter()
        .map(|row| row["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Яна Коваленко", "Jiří Dvořák", "Petr"]);
    assert_eq!(
        rows[1]["organisation"],
        "'=HYPERLINK(\"https://evil.example\",\"click\")"
    );
    assert_eq!(rows[1]["message"], "Dobrý den,\nzdravím");
    assert!(rows
        .iter()
        .all(|row| row["consent_at"].as_str().is_some_and(|at| !at.is_empty())));
    assert!(rows.iter().all(|row| row["consent_sha256"]
        .as_str()
        .is_some_and(|h| h.len() == 64)));
    let json: Vec<Value> =
        serde_json::from_str(&server.db.members(&["export", "--format", "json"])).unwrap();
    assert_eq!(json[0]["name"], "Яна Коваленко");

    let said = server.db.members(&["erase", " YANA@example.org "]);
    assert!(
        said.contains("1 application") && said.contains("1 idempotency record"),
        "{said}"
    );
    for (table, column) in [
        ("members", "email"),
        ("idempotency_keys", "request_hash"),
        ("outbox", "member_id"),
    ] {
        let left = server.db.int(&format!(
            "SELECT COUNT(*) FROM {table} WHERE {column} IN ('yana@example.org')"
        ));
        assert_eq!(left, 0, "{table}");
    }
    assert_eq!(server.count("idempotency_keys"), 2);
    // Read by another process: closing a descriptor on the file in this one
    // would drop the running server's POSIX locks on it. (PostgreSQL's files
    // are its own: docs/deploy.md says what erasing leaves there.)
    let files = match &server.db {
        TestDb::Sqlite(_) => &["test.sqlite3", "test.sqlite3-wal"][..],
        TestDb::Postgres(_) => &[],
    };
    for file in files {
        for trace in ["yana@example.org", "Яна Коваленко"] {
            let found = std::process::Command::new("grep")
                .args(["-qsaF", trace])
                .arg(dir.path().join(file))
                .status()
                .unwrap();
            assert_ne!(found.code(), Some(0), "{trace} is still in {file}");
        }
    }
    assert!(server
        .db
        .members(&["erase", "yana@example.org"])
        .starts_with("No application"));

    // The server goes on writing to the same file.
    apply(
        &server,
        json!({"name": "Olena", "email": "olena@example.org", "consent": true}),
    )
    .await;
    let list = server.db.members(&["list"]);
    assert!(list.ends_with("3 application(s)\n"), "{list}");
}
