//! Several server instances on one PostgreSQL database, as behind a load
//! balancer: real binaries on the tests' real PostgreSQL server. Each
//! application is stored once whichever instances its replays reach, a key
//! reused with another body is refused on any instance, nothing acknowledged
//! is lost when an instance is killed, the outbox sends each message once,
//! the rate limit is one allowance, and a SQLite file moves over whole.

mod support;

use std::{
    collections::{BTreeMap, BTreeSet},
    ffi::OsStr,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::Duration,
};

use gazette_members::{
    backend::MemberStore,
    messages::Attempt,
    postgres::{PgOptions, PgStore},
    store::Policy,
};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::{
    client, demo_content, eventually, eventually_async, pg, smtp_url, SmtpSink, Spawned, TestDb,
    TestServer,
};

fn application(index: usize) -> Value {
    json!({"name": format!("Member {index}"), "email": format!("m{index}@example.cz"), "consent": true})
}

/// Two instances of the real binary on `url`, started at the same moment (so
/// both migrate a new database at once), with `extra` flags.
fn two_instances(url: &str, extra: &[&str]) -> (Spawned, Spawned) {
    let content = demo_content();
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("--content"),
        content.as_os_str(),
        OsStr::new("--db"),
        OsStr::new(url),
    ];
    args.extend(extra.iter().map(OsStr::new));
    std::thread::scope(|scope| {
        let first = scope.spawn(|| Spawned::start(&args));
        let second = scope.spawn(|| Spawned::start(&args));
        (first.join().unwrap(), second.join().unwrap())
    })
}

/// Sends an application with its key to an instance: the status and body,
/// or `None` when no answer came (the instance is gone).
async fn send(
    http: &reqwest::Client,
    base: &str,
    key: &str,
    body: &Value,
) -> Option<(StatusCode, String)> {
    let response = http
        .post(format!("{base}/api/v1/members"))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .ok()?;
    let status = response.status();
    Some((status, response.text().await.ok()?))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replays_spread_over_two_instances_store_each_application_once() {
    const APPLICATIONS: usize = 300;
    let db = TestDb::Postgres(pg::fresh_database());
    let url = db.flag().into_string().unwrap();
    let (a, b) = two_instances(&url, &["--member-posts-per-minute", "1000000"]);
    let bases = [a.base.clone(), b.base.clone()];
    let http = client();
    // Every application three times at once: to each instance, then to one
    // of them again, all in flight together.
    let handles: Vec<_> = (0..APPLICATIONS)
        .flat_map(|index| [0, 1, index % 2].map(|instance| (index, instance)))
        .map(|(index, instance)| {
            let (http, base) = (http.clone(), bases[instance].clone());
            tokio::spawn(async move {
                let answer =
                    send(&http, &base, &format!("form-{index}"), &application(index)).await;
                (index, answer.expect("both instances are up"))
            })
        })
        .collect();
    let mut answers = BTreeMap::<usize, BTreeSet<String>>::new();
    for handle in handles {
        let (index, (status, body)) = handle.await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        answers.entry(index).or_default().insert(body);
    }
    assert!(
        answers.values().all(|bodies| bodies.len() == 1),
        "every replay got the first answer"
    );
    assert_eq!(db.count("members"), APPLICATIONS as i64);
    assert_eq!(db.count("idempotency_keys"), APPLICATIONS as i64);
    assert_eq!(db.int("SELECT COUNT(*) FROM gazette_migrations"), 1);
    drop((a, b));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_reused_with_another_body_is_refused_on_the_other_instance() {
    let db = TestDb::Postgres(pg::fresh_database());
    let url = db.flag().into_string().unwrap();
    let (a, b) = two_instances(&url, &[]);
    let http = client();
    let first = send(&http, &a.base, "shared-key", &application(1))
        .await
        .unwrap();
    assert_eq!(first.0, StatusCode::CREATED);
    let other = send(&http, &b.base, "shared-key", &application(2))
        .await
        .unwrap();
    assert_eq!(other.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", other.1);
    assert!(other.1.contains("idempotency_conflict"), "{}", other.1);
    let replay = send(&http, &b.base, "shared-key", &application(1))
        .await
        .unwrap();
    assert_eq!(replay, first);
    assert_eq!(db.count("members"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_killed_mid_load_loses_nothing_it_acknowledged() {
    const APPLICATIONS: usize = 600;
    let db = TestDb::Postgres(pg::fresh_database());
    let url = db.flag().into_string().unwrap();
    let (mut a, b) = two_instances(&url, &["--member-posts-per-minute", "1000000"]);
    let bases = [a.base.clone(), b.base.clone()];
    let http = client();
    let done = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(tokio::sync::Semaphore::new(32));
    let handles: Vec<_> = (0..APPLICATIONS)
        .map(|index| {
            let (http, base) = (http.clone(), bases[index % 2].clone());
            let (done, in_flight) = (done.clone(), in_flight.clone());
            tokio::spawn(async move {
                let _permit = in_flight.acquire_owned().await.unwrap();
                let answer =
                    send(&http, &base, &format!("load-{index}"), &application(index)).await;
                done.fetch_add(1, Ordering::SeqCst);
                answer
            })
        })
        .collect();
    eventually("a quarter of the load answered", || {
        (done.load(Ordering::SeqCst) >= APPLICATIONS / 4).then_some(())
    })
    .await;
    // SIGKILL: no shutdown, no flush, connections cut mid-request.
    a.child.as_mut().unwrap().kill().unwrap();
    let mut acknowledged = BTreeMap::new();
    let mut unanswered = Vec::new();
    for (index, handle) in handles.into_iter().enumerate() {
        match handle.await.unwrap() {
            Some((StatusCode::CREATED, body)) => {
                acknowledged.insert(index, body);
            }
            _ => unanswered.push(index),
        }
    }
    assert!(
        unanswered.iter().any(|index| index % 2 == 0),
        "the instance was killed while it had work"
    );
    let stored: BTreeSet<String> = db
        .text("SELECT string_agg(id, ',') FROM members")
        .split(',')
        .map(str::to_owned)
        .collect();
    for body in acknowledged.values() {
        let receipt: Value = serde_json::from_str(body).unwrap();
        assert!(
            stored.contains(receipt["id"].as_str().unwrap()),
            "acknowledged but lost: {body}"
        );
    }
    // The reader's form sends again what got no answer, and a replay of
    // what was answered gets that answer: to the instance left.
    let again = |index: usize| {
        let (http, base) = (http.clone(), b.base.clone());
        async move {
            let key = format!("load-{index}");
            send(&http, &base, &key, &application(index)).await
        }
    };
    for index in &unanswered {
        assert_eq!(again(*index).await.unwrap().0, StatusCode::CREATED);
    }
    for (index, body) in &acknowledged {
        let replay = again(*index).await.unwrap();
        assert_eq!(&replay.1, body, "a replay gets the acknowledged answer");
    }
    assert_eq!(db.count("members"), APPLICATIONS as i64);
    eprintln!(
        "killed mid-load: {} acknowledged, {} unanswered and retried",
        acknowledged.len(),
        unanswered.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_send_each_confirmation_once() {
    const APPLICATIONS: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(&dir.path().join("mail"), 0);
    let db = TestDb::Postgres(pg::fresh_database());
    let url = db.flag().into_string().unwrap();
    let relay = smtp_url(sink.port);
    let (a, b) = two_instances(
        &url,
        &[
            "--member-posts-per-minute",
            "1000000",
            "--smtp-url",
            &relay,
            "--mail-from",
            "Prague Forum <news@example.org>",
        ],
    );
    let http = client();
    for index in 0..APPLICATIONS {
        let base = if index % 2 == 0 { &a.base } else { &b.base };
        let answer = send(&http, base, &format!("mail-{index}"), &application(index))
            .await
            .unwrap();
        assert_eq!(answer.0, StatusCode::CREATED);
    }
    sink.wait_for(APPLICATIONS).await;
    eventually("every message marked sent", || {
        (db.int("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL") == APPLICATIONS as i64)
            .then_some(())
    })
    .await;
    let recipients: Vec<String> = sink
        .messages()
        .iter()
        .map(|message| message["rcpt_tos"][0].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(recipients.len(), APPLICATIONS, "no message sent twice");
    assert_eq!(
        recipients.iter().collect::<BTreeSet<_>>().len(),
        APPLICATIONS
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_held_by_a_worker_that_died_goes_to_another_after_its_lease() {
    let url = pg::fresh_database();
    let options = PgOptions {
        pool_size: 2,
        ca_file: None,
        lease: Duration::from_millis(500),
    };
    let first = PgStore::connect(&url, &options).await.unwrap();
    let second = PgStore::connect(&url, &options).await.unwrap();
    let policy = Arc::new(Policy {
        confirm: true,
        notify: vec![],
        consent_text: "I agree.".to_owned(),
        link_hours: 72,
        site_lang: "en".to_owned(),
    });
    let application = gazette_api::MemberApplication {
        name: "Jana".to_owned(),
        email: "jana@example.cz".to_owned(),
        consent: true,
        ..Default::default()
    };
    first
        .submit(policy, Some("k".to_owned()), "h".to_owned(), application)
        .await
        .unwrap();
    let taken = first.take_due().await.unwrap().expect("a link is due");
    assert!(
        second.take_due().await.unwrap().is_none(),
        "a message another worker holds is skipped"
    );
    // The first worker dies here, its lease runs out.
    let again = eventually_async("the lease to end", || async {
        second.take_due().await.unwrap()
    })
    .await;
    assert_eq!(again.id, taken.id);
    second.record(again.id, 1, Attempt::Sent).await.unwrap();
    assert!(first.take_due().await.unwrap().is_none());
    assert_eq!(second.next_due_in().await.unwrap(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_is_one_allowance_across_instances() {
    let db = TestDb::Postgres(pg::fresh_database());
    let url = db.flag().into_string().unwrap();
    let (a, b) = two_instances(&url, &["--member-posts-per-minute", "4"]);
    let http = client();
    for index in 0..4 {
        let base = if index < 2 { &a.base } else { &b.base };
        let answer = send(&http, base, &format!("r{index}"), &application(index))
            .await
            .unwrap();
        assert_eq!(answer.0, StatusCode::CREATED, "{index}");
    }
    for base in [&a.base, &b.base] {
        let response = http
            .post(format!("{base}/api/v1/members"))
            .json(&application(9))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=15).contains(&wait), "one more every 15 s: {wait}");
    }
    assert_eq!(db.count("members"), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_file_moves_to_postgres_whole_and_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("test.sqlite3");
    let sqlite = TestServer::start_on(TestDb::Sqlite(file.clone()), |args| {
        // A receiver that is down: the notices stay owed.
        args.mail.notify_webhook = Some("http://127.0.0.1:9/hook".to_owned());
        args.mail.notify_webhook_secret = Some("a-secret-shared-with-the-receiver".to_owned());
        args.mail.retry_base_ms = 3_600_000;
    })
    .await;
    let http = client();
    let mut receipts = Vec::new();
    for index in 0..3 {
        let answer = send(
            &http,
            &sqlite.base,
            &format!("move-{index}"),
            &application(index),
        )
        .await
        .unwrap();
        receipts.push(answer);
    }
    sqlite.stop().await;
    let file_flag = file.to_str().unwrap();
    let before = TestDb::Sqlite(file.clone()).members(&["export", "--format", "json"]);

    let url = pg::fresh_database();
    let db = TestDb::Postgres(url.clone());
    let migrate = ["migrate", "--from", file_flag, "--to", &url];
    let said = db.members(&migrate);
    assert_eq!(
        said.trim(),
        "3 application(s) copied (0 already there); 3 idempotency record(s) copied \
         (0 already there); 0 confirmation link(s) copied (0 already there); \
         3 pending message(s) copied (0 already there)."
    );
    let again = db.members(&migrate);
    assert!(
        again.starts_with("0 application(s) copied (3 already there)")
            && again.contains("0 pending message(s) copied (3 already there)"),
        "{again}"
    );
    assert_eq!(
        db.members(&["export", "--format", "json"]),
        before,
        "every field, consent evidence and times included"
    );

    assert_eq!(
        db.int("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND kind = 'webhook'"),
        3
    );
    let postgres = TestServer::start_on(db, |_| {}).await;
    for (index, receipt) in receipts.iter().enumerate() {
        let replay = send(
            &http,
            &postgres.base,
            &format!("move-{index}"),
            &application(index),
        )
        .await
        .unwrap();
        assert_eq!(&replay, receipt, "a replay after the move gets its answer");
    }
    assert_eq!(postgres.count("members"), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sslmode_require_connects_with_tls_and_verifies_the_certificate() {
    let url = format!("{}?sslmode=require", pg::fresh_database());
    let ca = pg::ca_file();
    let (a, _b) = two_instances(&url, &["--db-ca", ca.to_str().unwrap()]);
    let answer = send(&client(), &a.base, "tls", &application(1))
        .await
        .unwrap();
    assert_eq!(answer.0, StatusCode::CREATED);
    let db = TestDb::Postgres(url.clone());
    assert_eq!(
        db.text(
            "SELECT bool_and(s.ssl) AND COUNT(*) > 0 FROM pg_stat_ssl s
             JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = 'gazette-server' AND a.datname = current_database()"
        ),
        "t",
        "every connection of the servers is TLS"
    );
    // Without the private authority, the certificate is not trusted.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette-server"))
        .args(["members", "list", "--db", &url])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("certificate"), "{said}");
}
