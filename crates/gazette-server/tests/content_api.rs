//! The GET endpoints, their errors and caching, against a real server.

mod support;

use reqwest::{header, StatusCode};
use serde_json::Value;
use support::{assert_matches_openapi, client, generated_content, TestServer};

#[tokio::test]
async fn site_is_served_with_etag_and_cache_control() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |_| {}).await;
    let response = server.get("/api/v1/site").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "public, max-age=60"
    );
    let etag = response.headers()[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    let site: Value = response.json().await.unwrap();
    assert_eq!(site["name"], "Prague Forum");
    assert_eq!(site["membership"]["title"], "Prague Forum Membership");

    let again = client()
        .get(server.url("/api/v1/site"))
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[header::ETAG].to_str().unwrap(), etag);
    let other = client()
        .get(server.url("/api/v1/site"))
        .header(header::IF_NONE_MATCH, "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_seed_article_is_served_whole() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |_| {}).await;
    let response = server
        .get("/api/v1/posts/ukraine-czech-defense-cluster")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key(header::ETAG));
    let article: gazette_api::Article = response.json().await.unwrap();
    assert_eq!(
        article.summary.title,
        "Ukraine and the Czech Republic have created a defense cluster"
    );
    let figures: Vec<_> = article
        .body
        .iter()
        .filter_map(|block| match block {
            gazette_api::Block::Figure { image } => Some(image),
            _ => None,
        })
        .collect();
    assert_eq!(figures.len(), 3);
    assert!(figures
        .iter()
        .all(|image| image.caption_lang.as_deref() == Some("uk")));
    assert_eq!(figures[0].credit.as_deref(), Some("Укроборонпром"));
    assert_eq!(figures[2].credit, None);
}

#[tokio::test]
async fn unknown_slug_is_a_404_api_error() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |_| {}).await;
    for path in [
        "/api/v1/posts/no-such-post",
        "/api/v1/nothing",
        "/api/v2/site",
        "/api",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let error: gazette_api::ApiError = response.json().await.unwrap();
        assert_eq!(error.code, "not_found", "{path}");
    }
    let response = client()
        .delete(server.url("/api/v1/site"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let error: gazette_api::ApiError = response.json().await.unwrap();
    assert_eq!(error.code, "method_not_allowed");
}

/// Every slug of a list (`query`: `""`, `"&tag=…"`), walked page by page
/// with its cursors, each page `limit` posts at most.
async fn slugs_of(server: &TestServer, limit: usize, query: &str) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = server.url(&format!("/api/v1/posts?limit={limit}{query}"));
        if let Some(cursor) = &cursor {
            url.push_str(&format!("&cursor={cursor}"));
        }
        let response = client().get(url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{query}");
        let page: gazette_api::PostPage = response.json().await.unwrap();
        assert!(page.items.len() <= limit);
        seen.extend(page.items.into_iter().map(|post| post.slug));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return seen,
        }
    }
}

#[tokio::test]
async fn pages_walk_every_post_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let content = generated_content(dir.path(), 65);
    let server = TestServer::start(dir.path(), |args| args.content = content).await;
    let seen = slugs_of(&server, 7, "").await;
    let expected: Vec<String> = (0..65).rev().map(|i| format!("post-{i:03}")).collect();
    assert_eq!(seen, expected);

    let default: gazette_api::PostPage = server.get("/api/v1/posts").await.json().await.unwrap();
    assert_eq!(default.items.len(), 10);
    // Summaries carry a reading time even when the content file gave none.
    assert!(default
        .items
        .iter()
        .all(|post| post.reading_minutes == Some(1)));
}

#[tokio::test]
async fn bad_limits_and_cursors_are_400s() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |_| {}).await;
    for (query, code) in [
        ("limit=0", "invalid_limit"),
        ("limit=51", "invalid_limit"),
        ("limit=abc", "invalid_limit"),
        ("limit=-1", "invalid_limit"),
        ("cursor=not-a-cursor", "invalid_cursor"),
        ("cursor=%00%FF", "invalid_cursor"),
        // Timestamps with a multi-byte character at byte 19 (they used to panic).
        ("cursor=MjAyNC0wNS0yMlQwOTowMDoww6l4Wnx4", "invalid_cursor"),
        (
            "cursor=MjAyNC0wNS0yMlQwOTowMDow4oKsWnxzZWVk",
            "invalid_cursor",
        ),
    ] {
        let response = server.get(&format!("/api/v1/posts?{query}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let error: gazette_api::ApiError = response.json().await.unwrap();
        assert_eq!(error.code, code, "{query}");
    }
}

#[tokio::test]
async fn cors_allows_only_the_configured_origins() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |args| {
        args.allow_origins = vec!["http://host.example:9000".into()];
    })
    .await;
    let allowed = client()
        .get(server.url("/api/v1/site"))
        .header(header::ORIGIN, "http://host.example:9000")
        .send()
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "http://host.example:9000"
    );
    let other = client()
        .get(server.url("/api/v1/site"))
        .header(header::ORIGIN, "http://evil.example")
        .send()
        .await
        .unwrap();
    assert!(!other
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));

    let default_dir = tempfile::tempdir().unwrap();
    let same_origin_only = TestServer::start(default_dir.path(), |_| {}).await;
    let response = client()
        .get(same_origin_only.url("/api/v1/site"))
        .header(header::ORIGIN, "http://host.example:9000")
        .send()
        .await
        .unwrap();
    assert!(!response
        .headers()
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}

/// Thirty posts: every third tagged `Velvyslanectví`, every even one
/// `Events`, every fifth by Jana Nováková and the rest by Test.
fn tagged_content(dir: &std::path::Path) -> std::path::PathBuf {
    let content = generated_content(dir, 30);
    for index in 0..30 {
        let file = content.join(format!("posts/post-{index:03}.json"));
        let mut post: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut tags = Vec::new();
        if index % 3 == 0 {
            tags.push(if index == 27 {
                "velvyslanectví"
            } else {
                "Velvyslanectví"
            });
        }
        if index % 2 == 0 {
            tags.push("Events");
        }
        post["tags"] = serde_json::json!(tags);
        if index % 5 == 0 {
            post["author"]["name"] = "Jana Nováková".into();
        }
        std::fs::write(&file, post.to_string()).unwrap();
    }
    content
}

#[tokio::test]
async fn tags_and_authors_list_their_posts_page_by_page() {
    let dir = tempfile::tempdir().unwrap();
    let content = tagged_content(dir.path());
    let server = TestServer::start(dir.path(), |args| args.content = content).await;
    let newest_first = |keep: fn(usize) -> bool| -> Vec<String> {
        (0..30)
            .rev()
            .filter(|i| keep(*i))
            .map(|i| format!("post-{i:03}"))
            .collect()
    };
    assert_eq!(
        slugs_of(&server, 3, "&tag=velvyslanectvi").await,
        newest_first(|i| i % 3 == 0),
        "names with one slug are one tag"
    );
    assert_eq!(
        slugs_of(&server, 3, "&tag=events").await,
        newest_first(|i| i % 2 == 0)
    );
    assert_eq!(
        slugs_of(&server, 3, "&author=jana-novakova").await,
        newest_first(|i| i % 5 == 0)
    );

    // What the server sends is what docs/openapi.json describes.
    for (path, template) in [
        ("/tags", "/tags"),
        ("/authors", "/authors"),
        ("/tags/events", "/tags/{slug}"),
        ("/authors/jana-novakova", "/authors/{slug}"),
        ("/posts?tag=events", "/posts"),
    ] {
        let value: Value = server
            .get(&format!("/api/v1{path}"))
            .await
            .json()
            .await
            .unwrap();
        assert_matches_openapi(template, "get", 200, &value);
    }
    let missing: Value = server
        .get("/api/v1/tags/nothing")
        .await
        .json()
        .await
        .unwrap();
    assert_matches_openapi("/tags/{slug}", "get", 404, &missing);

    let tags: gazette_api::Terms = server.get("/api/v1/tags").await.json().await.unwrap();
    let listed: Vec<(&str, &str, u32)> = tags
        .items
        .iter()
        .map(|tag| (tag.slug.as_str(), tag.name.as_str(), tag.post_count))
        .collect();
    assert_eq!(
        listed,
        [
            ("events", "Events", 15),
            ("velvyslanectvi", "velvyslanectví", 10)
        ]
    );
    let authors: gazette_api::Terms = server.get("/api/v1/authors").await.json().await.unwrap();
    assert_eq!(authors.items.len(), 2);
    let jana: gazette_api::Term = server
        .get("/api/v1/authors/jana-novakova")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((jana.name.as_str(), jana.post_count), ("Jana Nováková", 6));
    let tag: gazette_api::Term = server
        .get("/api/v1/tags/events")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tag.post_count, 15);
}

#[tokio::test]
async fn unknown_or_hostile_tags_and_authors_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let content = tagged_content(dir.path());
    let server = TestServer::start(dir.path(), |args| args.content = content).await;
    for path in [
        "/api/v1/tags/nothing",
        "/api/v1/authors/nothing",
        "/api/v1/posts?tag=nothing",
        "/api/v1/posts?author=nothing",
        "/api/v1/posts?tag=%3Cscript%3E",
        "/api/v1/posts?tag=..%2F..%2Fetc",
        "/api/v1/tags/%00",
        "/api/v1/tags/Events",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let error: gazette_api::ApiError = response.json().await.unwrap();
        assert_eq!(error.code, "not_found", "{path}");
    }
    for path in [
        "/api/v1/posts?tag=events&author=test",
        "/api/v1/posts?tag=events&cursor=forged",
        "/api/v1/posts?tag=events&limit=0",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
    }
}

#[tokio::test]
async fn terms_json_gives_tags_and_authors_their_descriptions_and_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let content = tagged_content(dir.path());
    let terms = serde_json::json!({
        "tags": {
            "Velvyslanectví": {"description": "Embassies in Prague."},
            "No post has this": {"description": "Left out."}
        },
        "authors": {
            "jana-novakova": {
                "description": "Editor.",
                "image": {"src": "https://cdn.example.org/jana.jpg", "alt": "Jana"}
            }
        }
    });
    std::fs::write(content.join("terms.json"), terms.to_string()).unwrap();
    let server = TestServer::start(dir.path(), |args| args.content = content.clone()).await;
    let tag: gazette_api::Term = server
        .get("/api/v1/tags/velvyslanectvi")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tag.description.as_deref(), Some("Embassies in Prague."));
    let jana: gazette_api::Term = server
        .get("/api/v1/authors/jana-novakova")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(jana.description.as_deref(), Some("Editor."));
    assert_eq!(
        jana.image.and_then(|image| image.src).as_deref(),
        Some("https://cdn.example.org/jana.jpg")
    );
    let tags: gazette_api::Terms = server.get("/api/v1/tags").await.json().await.unwrap();
    assert_eq!(tags.items.len(), 2, "a name no post has is left out");

    // A picture the allow-list refuses, or too long a description, stops
    // the server, naming the file and the field.
    for (bad, field) in [
        (
            serde_json::json!({"tags": {"Events": {"image": {"src": "javascript:x"}}}}),
            "tags.Events.image.src",
        ),
        (
            serde_json::json!({"tags": {"Events": {"description": "x".repeat(1001)}}}),
            "tags.Events.description",
        ),
    ] {
        std::fs::write(content.join("terms.json"), bad.to_string()).unwrap();
        let error = gazette_content::load(&content, "")
            .err()
            .unwrap()
            .to_string();
        assert!(
            error.contains("terms.json") && error.contains(field),
            "{error}"
        );
    }
}
