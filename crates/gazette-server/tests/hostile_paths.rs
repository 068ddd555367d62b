//! Hostile paths, under the root and under a base path: encoded NULs, dot
//! segments and backslashes, over-long names. Each gets a 404 `ApiError` with
//! the security headers, never a 500 and never a file outside the app.

mod support;

use reqwest::StatusCode;
use support::{assert_error_headers, client, TestServer};

async fn start(dir: &std::path::Path, base_path: &str) -> TestServer {
    let dist = dir.join("dist");
    std::fs::create_dir_all(dist.join("images")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!("<html><head><base href={base_path}/></head></html>"),
    )
    .unwrap();
    std::fs::write(dist.join("images/a.webp"), "x").unwrap();
    std::fs::write(dir.join("secret.txt"), "secret").unwrap();
    let base_path = base_path.to_owned();
    TestServer::start(dir, move |args| {
        args.dist = Some(dist);
        args.base_path = base_path;
    })
    .await
}

#[tokio::test]
async fn hostile_paths_are_404_api_errors_under_the_root_and_a_base_path() {
    for base in ["", "/news"] {
        let dir = tempfile::tempdir().unwrap();
        let server = start(dir.path(), base).await;
        let long_page = format!("/{}", "a".repeat(5000));
        let long_asset = format!("/{}.js", "a".repeat(300));
        // A picture's name longer than the file system allows (the fuzz
        // test found it a 500).
        let long_picture = format!("/images/{}.webp", "a".repeat(300));
        for path in [
            "/%00",
            "/images/%00.webp",
            "/images/a.webp%00",
            long_page.as_str(),
            long_asset.as_str(),
            long_picture.as_str(),
            "/images/..%2f..%2fsecret.txt",
            "/%2e%2e/secret.txt",
            "/images/%2e%2e/%2e%2e/secret.txt",
            "/images%5c..%5c..%5csecret.txt",
            "/images\\..\\..\\secret.txt",
            "/%0d%0aSet-Cookie:%20a=b",
            "/api/v1/posts/%00",
            "/api/v1/posts/..%2fsite",
            "/api/v1/posts/a%5cb",
        ] {
            let url = format!("{}{base}{path}", server.base);
            let response = client().get(&url).send().await.unwrap();
            let label = &url[..url.len().min(80)];
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{label}");
            assert_error_headers(&response, label);
            let error: gazette_api::ApiError = response.json().await.unwrap();
            assert_eq!(error.code, "not_found", "{label}");
        }
    }
}
