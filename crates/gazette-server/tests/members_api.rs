//! `POST /members`: exactly-once storage, validation, limits, persistence,
//! each on SQLite and on PostgreSQL.

mod support;

use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use support::{assert_error_headers, client, Store, TestDb, TestServer};

fn application(email: &str) -> Value {
    json!({"name": "Jana Nováková", "email": email, "consent": true, "organisation": "Example s.r.o."})
}

async fn post(server: &TestServer, key: Option<&str>, body: &Value) -> reqwest::Response {
    let mut request = client().post(server.url("/api/v1/members")).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

async fn raise_limit(db: &TestDb) -> TestServer {
    TestServer::start_on(db.clone(), |args| args.member_posts_per_minute = 10_000).await
}

on_both_stores!(
    an_application_is_stored_with_its_consent_time,
    the_same_key_twice_stores_one_row_and_answers_the_same,
    a_key_is_forgotten_after_24_hours,
    fifty_concurrent_identical_submissions_store_one_row,
    a_known_email_gets_the_same_answer_and_no_second_row,
    mailboxes_with_display_text_or_a_domain_literal_are_refused,
    a_filled_honeypot_is_answered_201_and_stored_nowhere,
    invalid_requests_get_api_errors,
    more_than_the_limit_per_minute_is_429_with_retry_after,
    forwarded_for_counts_only_behind_a_trusted_proxy,
    members_and_keys_survive_a_restart,
    a_thousand_concurrent_applications_store_a_thousand_rows,
);

async fn an_application_is_stored_with_its_consent_time(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;
    let response = post(&server, Some("key-1"), &application(" Jana@Example.CZ ")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let accepted: gazette_api::MemberAccepted = response.json().await.unwrap();
    assert_eq!(accepted.status, "received");
    assert_eq!(db.text("SELECT email FROM members"), "Jana@Example.CZ");
    assert_eq!(
        db.text("SELECT email_normalised FROM members"),
        "jana@example.cz"
    );
    let consent_at = db.text(&format!("SELECT {} FROM members", db.time("consent_at")));
    assert!(
        gazette_api::content::is_rfc3339_utc(&consent_at),
        "{consent_at}"
    );
    if let TestDb::Sqlite(_) = db {
        assert_eq!(db.text("PRAGMA journal_mode"), "wal");
    }
}

async fn the_same_key_twice_stores_one_row_and_answers_the_same(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;
    let first = post(&server, Some("same"), &application("a@example.cz")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let second = post(&server, Some("same"), &application("a@example.cz")).await;
    assert_eq!(second.status(), StatusCode::CREATED);
    assert_eq!(second.json::<Value>().await.unwrap(), first);
    assert_eq!(server.count("members"), 1);
    assert_eq!(server.count("idempotency_keys"), 1);

    // The IETF Idempotency-Key draft: a key reused with another payload is a 422.
    let conflict = post(&server, Some("same"), &application("b@example.cz")).await;
    assert_eq!(conflict.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: gazette_api::ApiError = conflict.json().await.unwrap();
    assert_eq!(error.code, "idempotency_conflict");
    assert_eq!(server.count("members"), 1);
}

async fn a_key_is_forgotten_after_24_hours(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;
    let first = post(&server, Some("old"), &application("a@example.cz")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    db.age("idempotency_keys", "created_at", 23);
    let within = post(&server, Some("old"), &application("b@example.cz")).await;
    assert_eq!(within.status(), StatusCode::UNPROCESSABLE_ENTITY);
    db.age("idempotency_keys", "created_at", 25);
    let after = post(&server, Some("old"), &application("b@example.cz")).await;
    assert_eq!(after.status(), StatusCode::CREATED);
    assert_eq!(server.count("members"), 2);
    assert_eq!(
        server.count("idempotency_keys"),
        1,
        "the old record is gone"
    );
}

async fn fifty_concurrent_identical_submissions_store_one_row(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;
    let body = application("concurrent@example.cz");
    let url = server.url("/api/v1/members");
    let handles: Vec<_> = (0..50)
        .map(|_| {
            let request = client()
                .post(&url)
                .header("Idempotency-Key", "one-form")
                .json(&body);
            tokio::spawn(async move { request.send().await.unwrap() })
        })
        .collect();
    let mut bodies = Vec::new();
    for handle in handles {
        let response = handle.await.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        bodies.push(response.json::<Value>().await.unwrap());
    }
    assert!(bodies.windows(2).all(|pair| pair[0] == pair[1]));
    assert_eq!(server.count("members"), 1);
}

async fn a_known_email_gets_the_same_answer_and_no_second_row(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;
    let first = post(&server, Some("k1"), &application("member@example.cz")).await;
    let second = post(&server, Some("k2"), &application("MEMBER@example.cz")).await;
    let third = post(&server, None, &application("member@example.cz")).await;
    for response in [first, second, third] {
        assert_eq!(response.status(), StatusCode::CREATED);
        let accepted: gazette_api::MemberAccepted = response.json().await.unwrap();
        assert_eq!(accepted.status, "received");
    }
    assert_eq!(server.count("members"), 1);
}

async fn mailboxes_with_display_text_or_a_domain_literal_are_refused(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;
    for (index, email) in [
        "A <v@example.org>",
        "B <v@example.org>",
        "x\r\nBcc: y <v@example.org>",
        "a@[127.0.0.1]",
    ]
    .into_iter()
    .enumerate()
    {
        let response = post(&server, Some(&format!("k{index}")), &application(email)).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{email:?}"
        );
        let error: gazette_api::ApiError = response.json().await.unwrap();
        assert_eq!(error.fields["email"], ["invalid_email"], "{email:?}");
    }
    assert_eq!(server.count("members"), 0);
}

async fn a_filled_honeypot_is_answered_201_and_stored_nowhere(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;
    let mut body = application("bot@example.cz");
    body["honeypot"] = json!("https://spam.example");
    let response = post(&server, None, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(server.count("members"), 0);
}

async fn invalid_requests_get_api_errors(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;

    let invalid = post(
        &server,
        Some("bad"),
        &json!({"name": " ", "email": "a@localhost", "consent": false}),
    )
    .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: gazette_api::ApiError = invalid.json().await.unwrap();
    assert_eq!(error.code, "validation_failed");
    assert_eq!(error.fields["name"], ["required"]);
    assert_eq!(error.fields["email"], ["invalid_email"]);
    assert_eq!(error.fields["consent"], ["consent_required"]);

    let malformed = client()
        .post(server.url("/api/v1/members"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        malformed
            .json::<gazette_api::ApiError>()
            .await
            .unwrap()
            .code,
        "bad_request"
    );

    let form = client()
        .post(server.url("/api/v1/members"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("name=a&email=a@b.cz")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        form.json::<gazette_api::ApiError>().await.unwrap().code,
        "unsupported_media_type"
    );

    let mut huge = application("big@example.cz");
    huge["message"] = json!("x".repeat(17 * 1024));
    let too_large = post(&server, None, &huge).await;
    assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_error_headers(&too_large, "413");
    assert_eq!(
        too_large
            .json::<gazette_api::ApiError>()
            .await
            .unwrap()
            .code,
        "payload_too_large"
    );

    let bad_key = post(
        &server,
        Some(&"k".repeat(300)),
        &application("k@example.cz"),
    )
    .await;
    assert_eq!(bad_key.status(), StatusCode::BAD_REQUEST);
    assert_eq!(server.count("members"), 0);
}

async fn more_than_the_limit_per_minute_is_429_with_retry_after(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = TestServer::start_on(db, |args| args.member_posts_per_minute = 3).await;
    for index in 0..3 {
        let response = post(&server, None, &application(&format!("r{index}@example.cz"))).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let limited = post(&server, None, &application("r4@example.cz")).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_error_headers(&limited, "429");
    let retry_after: u64 = limited.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(
        limited.json::<gazette_api::ApiError>().await.unwrap().code,
        "rate_limited"
    );
    assert_eq!(server.count("members"), 3);

    // Reads are never limited.
    let site = server.get("/api/v1/site").await;
    assert_eq!(site.status(), StatusCode::OK);
}

async fn forwarded_for_counts_only_behind_a_trusted_proxy(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = TestServer::start_on(db, |args| {
        args.member_posts_per_minute = 1;
        args.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    for (index, client_ip) in ["203.0.113.1", "203.0.113.2"].iter().enumerate() {
        let response = client()
            .post(server.url("/api/v1/members"))
            .header("X-Forwarded-For", *client_ip)
            .json(&application(&format!("p{index}@example.cz")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED, "{client_ip}");
    }
    let again = client()
        .post(server.url("/api/v1/members"))
        .header("X-Forwarded-For", "203.0.113.1")
        .json(&application("p3@example.cz"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);

    let untrusted_dir = tempfile::tempdir().unwrap();
    let direct = TestServer::start_on(TestDb::new(store, untrusted_dir.path()), |args| {
        args.member_posts_per_minute = 1
    })
    .await;
    let first = client()
        .post(direct.url("/api/v1/members"))
        .header("X-Forwarded-For", "203.0.113.1")
        .json(&application("q1@example.cz"))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let spoofed = client()
        .post(direct.url("/api/v1/members"))
        .header("X-Forwarded-For", "203.0.113.2")
        .json(&application("q2@example.cz"))
        .send()
        .await
        .unwrap();
    assert_eq!(spoofed.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn members_and_keys_survive_a_restart(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = raise_limit(&db).await;
    let first: Value = post(&server, Some("restart"), &application("r@example.cz"))
        .await
        .json()
        .await
        .unwrap();
    server.stop().await;

    let server = raise_limit(&db).await;
    assert_eq!(server.count("members"), 1);
    let again = post(&server, Some("restart"), &application("r@example.cz")).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    assert_eq!(server.count("members"), 1);
}

async fn a_thousand_concurrent_applications_store_a_thousand_rows(store: Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(store, dir.path());
    let server = TestServer::start_on(db, |args| args.member_posts_per_minute = 100_000).await;
    let url = server.url("/api/v1/members");
    let client = client();
    let started = std::time::Instant::now();
    let handles: Vec<_> = (0..1000)
        .map(|index| {
            let request = client
                .post(&url)
                .header("Idempotency-Key", format!("load-{index}"))
                .json(&application(&format!("load{index}@example.cz")));
            tokio::spawn(async move { request.send().await.map(|response| response.status()) })
        })
        .collect();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for handle in handles {
        let status = handle.await.unwrap().expect("every request is answered");
        *statuses.entry(status.as_u16()).or_default() += 1;
    }
    let elapsed = started.elapsed();
    eprintln!("1,000 concurrent applications: {elapsed:?} ({statuses:?})");
    assert_eq!(statuses, [(201, 1000)].into());
    assert_eq!(server.count("members"), 1000);
    assert_eq!(server.count("idempotency_keys"), 1000);
}
