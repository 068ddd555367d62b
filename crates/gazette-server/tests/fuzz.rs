//! Property tests against a real server: whatever path, cursor or body a
//! client sends, the answer is never a 5xx, every error is an `ApiError`, and
//! the server goes on answering. `make test` runs proptest's default 256 cases
//! a property; `make fuzz` runs many more.

mod support;

use std::sync::OnceLock;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use gazette_content::Cursor;
use proptest::prelude::*;
use reqwest::StatusCode;
use support::{client, TestServer};

/// One server for every case, on a runtime of its own (proptest is not async).
struct Shared {
    runtime: tokio::runtime::Runtime,
    server: TestServer,
    _dir: tempfile::TempDir,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(dist.join("images")).unwrap();
        std::fs::write(
            dist.join("index.html"),
            "<html><head><base href=/></head></html>",
        )
        .unwrap();
        let server = runtime.block_on(TestServer::start(dir.path(), |args| {
            args.dist = Some(dist);
            args.member_posts_per_minute = 1_000_000;
        }));
        Shared {
            runtime,
            server,
            _dir: dir,
        }
    })
}

/// Sends a request and checks the promise every answer keeps.
fn check(request: reqwest::RequestBuilder) -> Result<StatusCode, TestCaseError> {
    shared().runtime.block_on(async {
        let response = request
            .send()
            .await
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let status = response.status();
        prop_assert!(!status.is_server_error(), "{status}");
        if status.is_client_error() {
            let error: Result<gazette_api::ApiError, _> = response.json().await;
            prop_assert!(error.is_ok(), "a {status} without an ApiError body");
        }
        Ok(status)
    })
}

/// Path segments a hostile client would try, mixed with any text.
fn paths() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        Just("..".to_owned()),
        Just("%2e%2e".to_owned()),
        Just("%00".to_owned()),
        Just("%5c".to_owned()),
        Just("%ff".to_owned()),
        Just("api".to_owned()),
        Just("v1".to_owned()),
        Just("posts".to_owned()),
        Just("images".to_owned()),
        "[a-z.%0-9]{0,300}",
        any::<String>().prop_map(|text| {
            text.bytes()
                .map(|b| format!("%{b:02X}"))
                .collect::<String>()
        }),
    ];
    prop::collection::vec(segment, 0..6).prop_map(|segments| format!("/{}", segments.join("/")))
}

fn cursors() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_-]{0,250}",
        (any::<String>(), "[a-z0-9-]{0,20}")
            .prop_map(|(time, slug)| { URL_SAFE_NO_PAD.encode(format!("{time}|{slug}")) }),
    ]
}

proptest! {
    #[test]
    fn any_path_is_answered_without_a_server_error(path in paths()) {
        let url = shared().server.url(&path);
        // A path that is not a valid URI never leaves the client.
        if let Ok(url) = reqwest::Url::parse(&url) {
            check(client().get(url))?;
        }
    }

    #[test]
    fn any_cursor_is_a_page_or_a_400(cursor in cursors()) {
        prop_assert!(Cursor::decode(&cursor).is_none_or(|c| Cursor::decode(&c.encode()).is_some()));
        let status = check(client().get(shared().server.url("/api/v1/posts")).query(&[("cursor", &cursor)]))?;
        prop_assert!(status == StatusCode::OK || status == StatusCode::BAD_REQUEST, "{status}");
    }

    #[test]
    fn any_application_body_is_answered_without_a_server_error(
        body in prop::collection::vec(any::<u8>(), 0..300),
        key in "[ -~]{0,80}",
    ) {
        let request = client()
            .post(shared().server.url("/api/v1/members"))
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(body);
        check(request)?;
    }
}
