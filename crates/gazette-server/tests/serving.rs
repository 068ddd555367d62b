//! Serving the built app, start-up checks, and the OpenAPI document.

mod support;

use std::path::Path;

use reqwest::{header, StatusCode};
use serde_json::Value;
use support::{assert_matches_openapi, client, demo_content, TestServer};

const INDEX: &str = r#"<!DOCTYPE html><html><head><base href="/" /><title>t</title>
<script type="module">import init from '/gazette-0123456789abcdef.js'; await init();</script>
</head><body></body></html>"#;

fn fake_dist(dir: &Path) -> std::path::PathBuf {
    fake_dist_for(dir, "/")
}

/// A dist folder as Trunk builds it for a public URL such as `/news/`.
fn fake_dist_for(dir: &Path, public_url: &str) -> std::path::PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(dist.join("images")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        INDEX.replace(r#"<base href="/" />"#, &format!("<base href={public_url}>")),
    )
    .unwrap();
    std::fs::write(
        dist.join("gazette-0123456789abcdef.js"),
        "export default 1;".repeat(100),
    )
    .unwrap();
    std::fs::write(dist.join("config.json"), "{}").unwrap();
    std::fs::write(dist.join("images").join("a-480.webp"), [0u8; 10]).unwrap();
    dist
}

#[tokio::test]
async fn navigations_get_the_app_and_missing_assets_get_404() {
    let dir = tempfile::tempdir().unwrap();
    let dist = fake_dist(dir.path());
    let server = TestServer::start(dir.path(), |args| args.dist = Some(dist)).await;

    for path in [
        "/",
        "/posts/ukraine-czech-defense-cluster",
        "/join",
        "/no/such/page",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-cache",
            "{path}"
        );
        let page = response.text().await.unwrap();
        assert!(
            page.contains("import init from '/gazette-0123456789abcdef.js'"),
            "{path}: the app's shell"
        );
        assert!(
            page.contains("<title data-gazette-head>"),
            "{path}: the page's head"
        );
    }
    let html_navigation = client()
        .get(server.url("/posts/a.b"))
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert_eq!(html_navigation.status(), StatusCode::OK);

    for path in [
        "/missing.js",
        "/gazette-ffffffffffffffff_bg.wasm",
        "/images/nope.webp",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/json",
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_base_path_serves_everything_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let dist = fake_dist_for(dir.path(), "/news/");
    let server = TestServer::start(dir.path(), |args| {
        args.dist = Some(dist);
        args.base_path = "/news".into();
    })
    .await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    // A folder of the app (`/news/images`) is a navigation like any other:
    // no directory redirect, which would drop the base path.
    for path in [
        "/news/",
        "/news/posts/ukraine-czech-defense-cluster",
        "/news/join",
        "/news/images",
        "/news/images/",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("<base href=/news/>"));
    }
    for path in [
        "/news/config.json",
        "/news/images/a-480.webp",
        "/news/gazette-0123456789abcdef.js",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
    }
    for path in ["/", "/news"] {
        let response = no_redirects.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT, "{path}");
        assert_eq!(response.headers()[header::LOCATION], "/news/");
    }
    for path in [
        "/api/v1/site",
        "/config.json",
        "/newsletter/",
        "/images/a-480.webp",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }

    // The API answers under the base path, and image paths in the content move there too.
    let page: Value = server
        .get("/news/api/v1/posts?limit=50")
        .await
        .json()
        .await
        .unwrap();
    let covers: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|post| post["cover"]["src"].as_str())
        .collect();
    assert!(!covers.is_empty());
    assert!(
        covers.iter().all(|src| src.starts_with("/news/images/")),
        "{covers:?}"
    );
    let article: Value = server
        .get("/news/api/v1/posts/ukraine-czech-defense-cluster")
        .await
        .json()
        .await
        .unwrap();
    let text = article.to_string();
    assert!(text.contains(r#""src":"/news/images/"#));
    assert!(!text.contains(r#""src":"/images/"#));
    server.stop().await;
}

#[tokio::test]
async fn a_build_for_another_base_path_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let dist = fake_dist_for(dir.path(), "/news/");
    let mut args =
        gazette_server::Args::with_defaults(demo_content(), dir.path().join("db.sqlite3"));
    args.addr = "127.0.0.1:0".parse().unwrap();
    args.dist = Some(dist);
    let error = gazette_server::Server::start(&args)
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(error.contains("built for the base path /news/"), "{error}");
    assert!(error.contains("--base-path /news/"), "{error}");
    for bad in ["news", "/a/../b", "/a b", "/a//b"] {
        assert!(gazette_server::parse_base_path(bad).is_err(), "{bad}");
    }
    assert_eq!(gazette_server::parse_base_path("/").unwrap(), "");
    assert_eq!(gazette_server::parse_base_path("/news/").unwrap(), "/news");
}

#[tokio::test]
async fn cache_and_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let dist = fake_dist(dir.path());
    let server = TestServer::start(dir.path(), |args| {
        args.dist = Some(dist);
        args.api_origins = vec!["https://api.example.org".into()];
        args.frame_ancestors = "https://host.example".into();
    })
    .await;

    let asset = server.get("/gazette-0123456789abcdef.js").await;
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(
        asset.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    // Other sites load the embed bundle as module scripts: public files allow any origin.
    assert_eq!(asset.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let config = server.get("/config.json").await;
    assert_eq!(config.headers()[header::CACHE_CONTROL], "no-cache");
    let image = server.get("/images/a-480.webp").await;
    assert_eq!(
        image.headers()[header::CACHE_CONTROL],
        "public, max-age=3600"
    );

    // Files revalidate by the one conditional GET too: an entity tag of
    // their own, matched weakly, as `*` or in a list; 304 keeps the cache rule.
    for path in [
        "/gazette-0123456789abcdef.js",
        "/images/a-480.webp",
        "/config.json",
    ] {
        let first = server.get(path).await;
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with("W/\""), "{path}: {etag}");
        for asked in [
            etag.clone(),
            etag.trim_start_matches("W/").to_owned(),
            "*".to_owned(),
            format!("\"x\", {etag}"),
        ] {
            let again = client()
                .get(server.url(path))
                .header(header::IF_NONE_MATCH, &asked)
                .send()
                .await
                .unwrap();
            assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path} {asked}");
            assert_eq!(again.headers()[header::ETAG], etag.as_str());
            assert_eq!(
                again.headers()[header::CACHE_CONTROL],
                first.headers()[header::CACHE_CONTROL]
            );
        }
        let other = client()
            .get(server.url(path))
            .header(header::IF_NONE_MATCH, "\"other\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), StatusCode::OK, "{path}");
    }

    let index = server.get("/").await;
    let headers = index.headers();
    assert!(!headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(headers.contains_key(header::REFERRER_POLICY));
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(
        csp.contains("frame-ancestors https://host.example"),
        "{csp}"
    );
    assert!(
        csp.contains("connect-src 'self' https://api.example.org;"),
        "{csp}"
    );
    // The hash of the one inline script in INDEX.
    use base64::Engine;
    use sha2::Digest;
    let script = "import init from '/gazette-0123456789abcdef.js'; await init();";
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
}

#[tokio::test]
async fn responses_are_compressed() {
    let dir = tempfile::tempdir().unwrap();
    let dist = fake_dist(dir.path());
    let server = TestServer::start(dir.path(), |args| args.dist = Some(dist)).await;
    for encoding in ["br", "gzip"] {
        let response = client()
            .get(server.url("/api/v1/posts/ukraine-czech-defense-cluster"))
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
        let asset = client()
            .get(server.url("/gazette-0123456789abcdef.js"))
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(asset.headers()[header::CONTENT_ENCODING], encoding);
    }
}

#[tokio::test]
async fn invalid_content_stops_the_server_naming_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let content = support::generated_content(dir.path(), 2);
    let bad = content.join("posts").join("post-001.json");
    let mut post: Value = serde_json::from_str(&std::fs::read_to_string(&bad).unwrap()).unwrap();
    // Writes the post into the folder and loads it, which must fail.
    let load_error = |post: &Value| {
        std::fs::write(&bad, post.to_string()).unwrap();
        gazette_content::load(&content, "")
            .err()
            .unwrap()
            .to_string()
    };

    post["body"][0]["text"][0]["bold"] = Value::from("yes");
    let error = load_error(&post);
    // A block is decoded in one pass, so the path goes down to the value.
    assert!(
        error.contains("post-001.json") && error.contains("`body[0].text[0].bold`"),
        "{error}"
    );
    assert!(error.contains("expected a boolean"), "{error}");

    post["body"][0]["text"][0]["bold"] = Value::from(true);
    post["published_at"] = Value::from("yesterday");
    let error = load_error(&post);
    assert!(
        error.contains("post-001.json") && error.contains("published_at"),
        "{error}"
    );

    // A multi-byte character where the fraction starts used to panic at start-up.
    post["published_at"] = Value::from("2024-01-01T00:00:0éxZ");
    let error = load_error(&post);
    assert!(
        error.contains("post-001.json") && error.contains("published_at"),
        "{error}"
    );

    // A tab in a site path: a browser would drop it and leave `//evil.example`.
    post["published_at"] = Value::from("2024-01-01T00:00:00Z");
    post["body"][0]["text"][0]["href"] = Value::from("/\t/evil.example");
    let error = load_error(&post);
    assert!(
        error.contains("post-001.json") && error.contains("body[0].text[0].href"),
        "{error}"
    );

    post["body"][0]["text"][0]
        .as_object_mut()
        .unwrap()
        .remove("href");
    post["slug"] = Value::from("post-000");
    let error = load_error(&post);
    assert!(error.contains("already used"), "{error}");

    std::fs::write(&bad, "{ not json").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette-server"))
        .args(["--addr", "127.0.0.1:0", "--content"])
        .arg(&content)
        .arg("--db")
        .arg(dir.path().join("x.sqlite3"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("post-001.json"), "{stderr}");
}

#[tokio::test]
async fn every_response_matches_the_openapi_document() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |args| args.member_posts_per_minute = 1).await;
    let get = |path: &str| client().get(server.url(&format!("/api/v1{path}"))).send();

    let site = get("/site").await.unwrap();
    assert_matches_openapi("/site", "get", 200, &site.json().await.unwrap());
    let page = get("/posts?limit=2").await.unwrap();
    assert_matches_openapi("/posts", "get", 200, &page.json().await.unwrap());
    assert_matches_openapi(
        "/posts",
        "get",
        400,
        &get("/posts?limit=0").await.unwrap().json().await.unwrap(),
    );
    for entry in std::fs::read_dir(demo_content().join("posts")).unwrap() {
        let slug = entry
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let article = get(&format!("/posts/{slug}")).await.unwrap();
        assert_matches_openapi("/posts/{slug}", "get", 200, &article.json().await.unwrap());
    }
    let missing = get("/posts/nope").await.unwrap();
    assert_matches_openapi("/posts/{slug}", "get", 404, &missing.json().await.unwrap());

    let members = server.url("/api/v1/members");
    let ok = client()
        .post(&members)
        .json(&serde_json::json!({"name": "A", "email": "a@example.cz", "consent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::CREATED);
    assert_matches_openapi("/members", "post", 201, &ok.json().await.unwrap());
    let limited = client()
        .post(&members)
        .json(&serde_json::json!({"name": "", "email": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_matches_openapi("/members", "post", 429, &limited.json().await.unwrap());

    let open_dir = tempfile::tempdir().unwrap();
    let open = TestServer::start(open_dir.path(), |args| args.member_posts_per_minute = 100).await;
    let invalid = client()
        .post(open.url("/api/v1/members"))
        .json(&serde_json::json!({"name": "", "email": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_matches_openapi("/members", "post", 422, &invalid.json().await.unwrap());
    let unknown = client()
        .post(open.url("/api/v1/members/confirmations"))
        .json(&serde_json::json!({"token": "never-issued"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_matches_openapi(
        "/members/confirmations",
        "post",
        404,
        &unknown.json().await.unwrap(),
    );
}

/// A database file the server's user cannot write is refused at start-up with
/// a message that names it, instead of a 500 for every applicant. Tests run as
/// root, who may write anything, so the server runs as `nobody` there.
#[cfg(unix)]
#[test]
fn a_read_only_database_file_is_refused_at_start_up() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let content = support::generated_content(dir.path(), 1);
    let db = dir.path().join("members.sqlite3");
    std::fs::write(&db, b"").unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    // A copy of the binary, so that `nobody` can run it wherever the checkout is.
    let binary = dir.path().join("gazette-server");
    std::fs::copy(env!("CARGO_BIN_EXE_gazette-server"), &binary).unwrap();
    for path in walk(dir.path()) {
        let mode = if path.is_dir() || path == binary {
            0o755
        } else {
            0o444
        };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let is_root = std::fs::read_to_string("/proc/self/status")
        .is_ok_and(|status| status.lines().any(|line| line.starts_with("Uid:\t0\t")));
    let mut command = if is_root {
        let mut command = std::process::Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&binary);
        command
    } else {
        std::process::Command::new(&binary)
    };
    let output = command
        .args(["--addr", "127.0.0.1:0", "--content"])
        .arg(&content)
        .arg("--db")
        .arg(&db)
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("members.sqlite3 cannot be written"),
        "{stderr}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths = vec![dir.to_owned()];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            paths.extend(walk(&path));
        } else {
            paths.push(path);
        }
    }
    paths
}
