//! `gazette-server import` against small fakes of WordPress and Ghost
//! (axum serving JSON in the shapes their public API documentation gives),
//! with messy real-world HTML; the imported folder is then served by the
//! real server, whose answers must be the contract and nothing executable.

mod support;

use std::{net::SocketAddr, path::Path};

use axum::{
    extract::Query,
    http::{header, HeaderMap, StatusCode},
    routing::get,
    Json, Router,
};
use gazette_import::{cms::Cms, import};
use serde_json::{json, Value};
use support::{assert_matches_openapi, TestServer};

/// The body of a WordPress post as the block editor and the classic editor
/// write it, with what should not pass.
const WORDPRESS_BODY: &str = r#"
<p style="text-align:center">Вітаємо&nbsp;у <strong>Празі</strong> 🇺🇦 &#8211; <em>a&nbsp;meeting</em><br>of two cities.</p>
<p></p><p>&nbsp;</p>
<ul><li>One<ul><li>One point one</li></ul></li><li><p>Two</p></li></ul>
<h1 class="wp-block-heading">Big</h1><h6>Small</h6>
<blockquote class="wp-block-quote"><p>Words.</p><cite>Václav Havel</cite></blockquote>
<figure class="wp-block-image size-large"><img src="{BASE}/wp-content/uploads/hall.png" alt="A hall"/><figcaption class="wp-element-caption">Photo by <a href="https://jana.example">Jana</a></figcaption></figure>
<figure class="wp-block-gallery has-nested-images columns-default">
  <figure class="wp-block-image"><img src="{BASE}/wp-content/uploads/a.png" alt="A"/><figcaption>Київ</figcaption></figure>
  <figure class="wp-block-image"><img src="{BASE}/wp-content/uploads/b.png" alt="B"/></figure>
  <figcaption class="blocks-gallery-caption">Nested gallery</figcaption>
</figure>
<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid">
  <li class="blocks-gallery-item"><figure><img src="{BASE}/wp-content/uploads/c.png" alt="C"/><figcaption>Praha</figcaption></figure></li>
  <li class="blocks-gallery-item"><figure><img src="{BASE}/wp-content/uploads/d.png" alt="D"/></figure></li>
</ul></figure>
<div id="gallery-1" class="gallery galleryid-7 gallery-columns-2">
  <dl class="gallery-item"><dt class="gallery-icon"><a href="{BASE}/e"><img src="{BASE}/wp-content/uploads/e.png" alt="E"></a></dt><dd class="wp-caption-text gallery-caption">Classic</dd></dl>
  <dl class="gallery-item"><dt class="gallery-icon"><img src="{BASE}/wp-content/uploads/f.png" alt="F"></dt></dl>
</div>
<figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper">
<iframe title="Video" src="https://www.youtube.com/embed/abc" onload="alert(1)"></iframe></div></figure>
<script>alert(2)</script><style>p{color:red}</style>
<p><a href="javascript:alert(3)" onclick="alert(4)">click</a> <img src="x" onerror="alert(5)"></p>
<hr class="wp-block-separator"/>
"#;

const GHOST_BODY: &str = r#"
<p>Ghost <strong>post</strong>.</p>
<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{BASE}/content/images/g1.png" class="kg-image" alt="G1" width="1200" height="800"><figcaption><span>Ghost caption</span></figcaption></figure>
<figure class="kg-card kg-gallery-card kg-width-wide"><div class="kg-gallery-container"><div class="kg-gallery-row">
<div class="kg-gallery-image"><img src="{BASE}/content/images/g2.png" width="600" height="400" alt="G2"></div>
<div class="kg-gallery-image"><img src="{BASE}/content/images/g3.png" width="600" height="400" alt="G3"></div>
</div></div><figcaption>Ghost gallery</figcaption></figure>
<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://example.org/read"><div class="kg-bookmark-content"><div class="kg-bookmark-title">Worth reading</div></div></a></figure>
<figure class="kg-card kg-embed-card"><iframe src="https://player.vimeo.com/video/1"></iframe></figure>
<script>alert(1)</script><p><a href="javascript:alert(2)">x</a><img src="data:image/png;base64,AA" onerror="alert(3)"></p>
"#;

fn png() -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 2) as u8, 60])
    })
    .write_to(&mut bytes, image::ImageFormat::Png)
    .unwrap();
    bytes.into_inner()
}

fn wordpress_post(base: &str, slug: &str, title: &str, date: &str) -> Value {
    json!({
        "id": 1, "slug": slug, "date_gmt": date, "modified_gmt": date, "status": "publish",
        "link": format!("{base}/{slug}/"),
        "title": {"rendered": title},
        "excerpt": {"rendered": "<p>An excerpt &amp; more [&hellip;]</p>\n", "protected": false},
        "content": {"rendered": WORDPRESS_BODY.replace("{BASE}", base), "protected": false},
        "_embedded": {
            "author": [{"id": 1, "name": "Олена Коваль", "link": format!("{base}/author/olena/"),
                "description": "Пише про Київ і Прагу.",
                "avatar_urls": {"96": format!("{base}/wp-content/uploads/olena.png")}}],
            "wp:featuredmedia": [{"source_url": format!("{base}/wp-content/uploads/hall.png"), "alt_text": "A hall",
                "media_details": {"width": 640, "height": 480, "sizes": {}}}],
            "wp:term": [[{"taxonomy": "category", "name": "Uncategorized"}], [{"taxonomy": "post_tag", "name": "Kyiv &amp; Prague"}]]
        }
    })
}

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

fn images() -> Router {
    let picture = || async { ([(header::CONTENT_TYPE, "image/png")], png()) };
    Router::new()
        .route("/wp-content/uploads/{name}", get(picture))
        .route("/content/images/{name}", get(picture))
}

/// WordPress: two pages of posts (the API's `X-WP-TotalPages`), one with a
/// Ukrainian, percent-encoded slug.
async fn fake_wordpress() -> String {
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let posts_base = base.clone();
    let app = Router::new()
        .route("/wp-json", get(|| async { Json(json!({"name": "Kyiv &amp; Prague", "description": "Two cities"})) }))
        .route(
            "/wp-json/wp/v2/posts",
            get(move |Query(query): Query<std::collections::HashMap<String, String>>| {
                let base = posts_base.get().cloned().unwrap_or_default();
                async move {
                    assert_eq!(query.get("_embed").map(String::as_str), Some("1"));
                    let posts = match query.get("page").map(String::as_str) {
                        Some("1") => vec![
                            wordpress_post(&base, "first-post", "First &#8220;post&#8221;", "2024-05-20T10:00:00"),
                            wordpress_post(&base, "second-post", "Second", "2024-05-21T10:00:00"),
                        ],
                        Some("2") => vec![wordpress_post(
                            &base,
                            "%d0%b7%d1%83%d1%81%d1%82%d1%80%d1%96%d1%87-%d1%83-%d0%bf%d1%80%d0%b0%d0%b7%d1%96",
                            "Зустріч у Празі",
                            "2024-05-22T10:00:00",
                        )],
                        _ => return (StatusCode::BAD_REQUEST, HeaderMap::new(), Json(json!({"code": "rest_post_invalid_page_number"}))),
                    };
                    let mut headers = HeaderMap::new();
                    headers.insert("x-wp-totalpages", "2".parse().unwrap());
                    (StatusCode::OK, headers, Json(Value::from(posts)))
                }
            }),
        )
        .merge(images());
    let url = serve(app).await;
    base.set(url.clone()).unwrap();
    url
}

async fn fake_ghost() -> String {
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let posts_base = base.clone();
    let app = Router::new()
        .route(
            "/ghost/api/content/settings/",
            get(|Query(query): Query<std::collections::HashMap<String, String>>| async move {
                if query.get("key").map(String::as_str) != Some("content-key") {
                    return (StatusCode::UNAUTHORIZED, Json(json!({"errors": []})));
                }
                (StatusCode::OK, Json(json!({"settings": {"title": "Ghost Forum", "description": "On Ghost", "lang": "en"}})))
            }),
        )
        .route(
            "/ghost/api/content/posts/",
            get(move |Query(query): Query<std::collections::HashMap<String, String>>| {
                let base = posts_base.get().cloned().unwrap_or_default();
                async move {
                    let page = query.get("page").cloned().unwrap_or_default();
                    let post = |slug: &str, published: &str| json!({
                        "slug": slug, "title": format!("Ghost {slug}"), "html": GHOST_BODY.replace("{BASE}", &base),
                        "custom_excerpt": null, "excerpt": "Ghost post.",
                        "published_at": published, "updated_at": published,
                        "feature_image": format!("{base}/content/images/g1.png"), "feature_image_alt": "G1",
                        "feature_image_caption": null, "reading_time": 2,
                        "authors": [{"name": "Jana"}], "tags": [{"name": "News", "visibility": "public"}]
                    });
                    Json(match page.as_str() {
                        "1" => json!({"posts": [post("one", "2024-05-22T14:00:00.000+02:00")],
                                      "meta": {"pagination": {"page": 1, "pages": 2, "next": 2}}}),
                        _ => json!({"posts": [post("two", "2024-05-23T09:00:00.000+02:00")],
                                    "meta": {"pagination": {"page": 2, "pages": 2, "next": null}}}),
                    })
                }
            }),
        )
        .merge(images());
    let url = serve(app).await;
    base.set(url.clone()).unwrap();
    url
}

/// Serves the imported folder and checks every answer: the contract, and no
/// trace of anything executable.
async fn serve_and_check(dir: &Path, folder: &Path, slugs: &[&str]) -> Vec<Value> {
    let folder = folder.to_owned();
    let server = TestServer::start(dir, |args| args.content = folder).await;
    let list: Value = server.get("/api/v1/posts").await.json().await.unwrap();
    assert_matches_openapi("/posts", "get", 200, &list);
    let listed: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["slug"].as_str().unwrap())
        .collect();
    assert_eq!(listed, slugs);
    let mut articles = Vec::new();
    for slug in slugs {
        let article: Value = server
            .get(&format!("/api/v1/posts/{slug}"))
            .await
            .json()
            .await
            .unwrap();
        assert_matches_openapi("/posts/{slug}", "get", 200, &article);
        let text = article.to_string();
        for executable in [
            "<script",
            "javascript:",
            "onerror",
            "onload",
            "onclick",
            "<iframe",
            "<style",
            "alert(",
        ] {
            assert!(
                !text.contains(executable),
                "{executable} reached the API in {slug}: {text}"
            );
        }
        articles.push(article);
    }
    articles
}

fn types(article: &Value) -> Vec<String> {
    article["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|block| block["type"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_wordpress_site_becomes_a_content_folder_the_server_serves() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("imported");
    let args = import::ImportArgs {
        cms: Cms::Wordpress,
        url: fake_wordpress().await,
        to: folder.clone(),
        ghost_key: None,
        images: true,
    };
    let summary = import::run(&args).await.unwrap();
    assert!(summary.starts_with("imported 3 posts"), "{summary}");
    assert!(
        summary.contains("is published as zustrich-u-prazi"),
        "{summary}"
    );
    assert!(summary.contains("dropped <script>, <style>"), "{summary}");
    // The author's biography and avatar, for their page; an owner's edit of
    // terms.json survives the next import.
    assert!(
        summary.contains("terms.json: 1 tag or author description(s) added"),
        "{summary}"
    );
    let terms_file = folder.join("terms.json");
    let mut terms: Value =
        serde_json::from_str(&std::fs::read_to_string(&terms_file).unwrap()).unwrap();
    let olena = &terms["authors"]["Олена Коваль"];
    assert_eq!(olena["description"], "Пише про Київ і Прагу.");
    assert_eq!(olena["image"]["width"], 96);
    terms["authors"]["Олена Коваль"]["description"] = "Edited by the owner.".into();
    std::fs::write(&terms_file, terms.to_string()).unwrap();
    let again = import::run(&args).await.unwrap();
    assert!(!again.contains("terms.json"), "{again}");
    let kept: Value = serde_json::from_str(&std::fs::read_to_string(&terms_file).unwrap()).unwrap();
    assert_eq!(
        kept["authors"]["Олена Коваль"]["description"],
        "Edited by the owner."
    );
    let content = gazette_content::load(&folder, "").unwrap();
    let author = content.author("olena-koval").unwrap();
    assert_eq!(author.description.as_deref(), Some("Edited by the owner."));

    let articles = serve_and_check(
        dir.path(),
        &folder,
        &["zustrich-u-prazi", "second-post", "first-post"],
    )
    .await;
    let article = &articles[2];
    assert_eq!(article["title"], "First “post”");
    assert_eq!(article["excerpt"], "An excerpt & more");
    assert_eq!(article["author"]["name"], "Олена Коваль");
    assert_eq!(article["tags"], json!(["Kyiv & Prague"]));
    assert_eq!(
        types(article),
        [
            "paragraph",
            "list",
            "heading",
            "heading",
            "quote",
            "figure",
            "gallery",
            "gallery",
            "gallery",
            "embed",
            "paragraph",
            "divider"
        ]
    );
    let body = &article["body"];
    assert_eq!(body[0]["text"][0]["text"], "Вітаємо\u{a0}у ");
    assert_eq!(body[1]["items"].as_array().unwrap().len(), 3);
    assert_eq!(
        (body[2]["level"].as_u64(), body[3]["level"].as_u64()),
        (Some(2), Some(4))
    );
    assert_eq!(body[4]["attribution"], "Václav Havel");
    assert_eq!(body[5]["image"]["caption"], "Photo by Jana");
    for (index, caption) in [(6, Some("Nested gallery")), (7, None), (8, None)] {
        assert_eq!(body[index]["caption"].as_str(), caption);
        assert_eq!(body[index]["images"].as_array().unwrap().len(), 2);
    }
    assert_eq!(body[6]["images"][0]["caption"], "Київ");
    assert_eq!(body[8]["images"][0]["caption"], "Classic");
    // The player is a card linking to it; nothing of YouTube's is loaded.
    assert_eq!(body[9]["url"], "https://www.youtube.com/embed/abc");
    assert_eq!(body[9]["provider"], "YouTube");
    assert_eq!(body[10]["text"], json!([{"text": "click"}]));
    // The pictures were downloaded and given variants by the server.
    let image = &body[5]["image"];
    assert!(
        image["src"].as_str().unwrap().starts_with("/images/hall-"),
        "{image}"
    );
    assert_eq!(
        (image["width"].as_u64(), image["height"].as_u64()),
        (Some(480), Some(360))
    );
}

#[tokio::test]
async fn a_ghost_site_becomes_a_content_folder_the_server_serves() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("imported");
    let url = fake_ghost().await;
    let without_key = import::run(&import::ImportArgs {
        cms: Cms::Ghost,
        url: url.clone(),
        to: folder.clone(),
        ghost_key: None,
        images: false,
    })
    .await;
    assert!(without_key.unwrap_err().to_string().contains("--ghost-key"));
    let summary = import::run(&import::ImportArgs {
        cms: Cms::Ghost,
        url,
        to: folder.clone(),
        ghost_key: Some("content-key".to_owned()),
        images: false,
    })
    .await
    .unwrap();
    assert!(summary.starts_with("imported 2 posts"), "{summary}");
    let articles = serve_and_check(dir.path(), &folder, &["two", "one"]).await;
    let one = &articles[1];
    assert_eq!(one["published_at"], "2024-05-22T12:00:00Z");
    assert_eq!(one["reading_minutes"], 2);
    assert_eq!(
        types(one),
        [
            "paragraph",
            "figure",
            "gallery",
            "embed",
            "embed",
            "paragraph"
        ]
    );
    // The last is the hostile paragraph, its link and picture gone: "x".
    assert_eq!(one["body"][5]["text"], json!([{"text": "x"}]));
    assert_eq!(one["body"][1]["image"]["caption"], "Ghost caption");
    assert_eq!(one["body"][2]["caption"], "Ghost gallery");
    assert_eq!(one["body"][3]["url"], "https://example.org/read");
    assert_eq!(one["body"][4]["url"], "https://player.vimeo.com/video/1");
    let site: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("site.json")).unwrap()).unwrap();
    assert_eq!(site["name"], "Ghost Forum");
}

/// A WordPress whose posts the test changes, and can take down.
struct LiveWordpress {
    url: String,
    posts: std::sync::Arc<std::sync::Mutex<Vec<Value>>>,
    down: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Requests answered with a 500 while down.
    refused: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

async fn live_wordpress() -> LiveWordpress {
    let posts = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let down = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let refused = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (answer, broken, counted) = (posts.clone(), down.clone(), refused.clone());
    let app = Router::new()
        .route(
            "/wp-json",
            get(|| async { Json(json!({"name": "Live", "description": "Live"})) }),
        )
        .route(
            "/wp-json/wp/v2/posts",
            get(move || {
                let (posts, down, refused) = (answer.clone(), broken.clone(), counted.clone());
                async move {
                    if down.load(std::sync::atomic::Ordering::SeqCst) {
                        refused.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        return (
                            StatusCode::INTERNAL_SERVER_ERROR,
                            HeaderMap::new(),
                            Json(json!({})),
                        );
                    }
                    let mut headers = HeaderMap::new();
                    headers.insert("x-wp-totalpages", "1".parse().unwrap());
                    let posts = posts.lock().unwrap().clone();
                    (StatusCode::OK, headers, Json(Value::from(posts)))
                }
            }),
        )
        .merge(images());
    let url = serve(app).await;
    LiveWordpress {
        url,
        posts,
        down,
        refused,
    }
}

async fn slugs(server: &TestServer) -> Vec<String> {
    let list: Value = server.get("/api/v1/posts").await.json().await.unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["slug"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_live_source_is_served_follows_its_changes_and_survives_its_outage() {
    let wordpress = live_wordpress().await;
    let post =
        |slug: &str, title: &str, date: &str| wordpress_post(&wordpress.url, slug, title, date);
    *wordpress.posts.lock().unwrap() = vec![
        post("first-post", "First", "2024-05-20T10:00:00"),
        post(
            "%d0%b7%d1%83%d1%81%d1%82%d1%80%d1%96%d1%87",
            "Зустріч",
            "2024-05-21T10:00:00",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mirror = dir.path().join("mirror");
    let source = (Cms::Wordpress, wordpress.url.clone());
    let server = TestServer::start(dir.path(), |args| {
        args.content = mirror.clone();
        args.source = Some(source);
        args.source_refresh = 1;
    })
    .await;
    assert_eq!(slugs(&server).await, ["zustrich", "first-post"]);
    let search_entry = || async {
        let entry = server.get("/pagefind/pagefind-entry.json").await;
        assert_eq!(entry.status(), StatusCode::OK);
        entry.text().await.unwrap()
    };
    let first_index = search_entry().await;
    assert!(first_index.contains("\"page_count\":2"), "{first_index}");

    // The old, encoded slug leads to the new one, in the API and as a page.
    let old = support::client()
        .get(server.url("/api/v1/posts/%d0%b7%d1%83%d1%81%d1%82%d1%80%d1%96%d1%87"))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(old.headers()[header::LOCATION], "zustrich");

    // A post published and one taken down appear within a refresh.
    *wordpress.posts.lock().unwrap() = vec![
        post("first-post", "First", "2024-05-20T10:00:00"),
        post("brand-new", "New", "2024-05-25T10:00:00"),
    ];
    support::eventually_async("the new reading served", || async {
        (slugs(&server).await == ["brand-new", "first-post"]).then_some(())
    })
    .await;
    // Its search index too: the index of other posts has another name.
    support::eventually_async("the new reading's search index", || async {
        (search_entry().await != first_index).then_some(())
    })
    .await;

    // Down: once a reading has failed, the last good one is still served.
    wordpress
        .down
        .store(true, std::sync::atomic::Ordering::SeqCst);
    support::eventually("a reading refused", || {
        (wordpress.refused.load(std::sync::atomic::Ordering::SeqCst) > 0).then_some(())
    })
    .await;
    let article = server.get("/api/v1/posts/brand-new").await;
    assert_eq!(article.status(), StatusCode::OK);
    assert_eq!(slugs(&server).await, ["brand-new", "first-post"]);
}

#[tokio::test]
async fn a_source_that_does_not_answer_at_start_up_is_named() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let dir = tempfile::tempdir().unwrap();
    let mut args = gazette_server::Args::with_defaults(
        dir.path().join("mirror"),
        dir.path().join("db.sqlite3"),
    );
    args.addr = "127.0.0.1:0".parse().unwrap();
    args.source = Some((Cms::Wordpress, url.clone()));
    let error = match gazette_server::Server::start(&args).await {
        Ok(_) => panic!("started without its source"),
        Err(error) => error.to_string(),
    };
    assert!(
        error.starts_with("source:") && error.contains(&url),
        "{error}"
    );
}

/// Every article a server sends, by slug.
/// Every article a server publishes: the list's, and their other versions.
async fn articles_of(server: &TestServer) -> Vec<Value> {
    let mut articles = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Value = server
            .get(&format!("/api/v1/posts?limit=50{cursor}"))
            .await
            .json()
            .await
            .unwrap();
        for item in page["items"].as_array().unwrap() {
            // The list names a post once; its other versions come with it.
            let mut slugs = vec![item["slug"].as_str().unwrap().to_owned()];
            while let Some(slug) = slugs.pop() {
                let article: Value = server
                    .get(&format!("/api/v1/posts/{slug}"))
                    .await
                    .json()
                    .await
                    .unwrap();
                for translation in article["translations"].as_array().into_iter().flatten() {
                    let slug = translation["slug"].as_str().unwrap();
                    let seen = articles.iter().any(|seen: &Value| seen["slug"] == slug);
                    if !seen
                        && article["slug"] != slug
                        && !slugs.iter().any(|queued| queued == slug)
                    {
                        slugs.push(slug.to_owned());
                    }
                }
                if !articles
                    .iter()
                    .any(|seen: &Value| seen["slug"] == article["slug"])
                {
                    articles.push(article);
                }
            }
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => return articles,
        }
    }
}

/// `make dist CONTENT_API=…`: a Gazette API read into a content folder, the
/// articles as the API sends them, over several pages of the list, with
/// their image paths pointing at the API's origin.
#[tokio::test]
async fn a_gazette_api_becomes_a_content_folder_with_its_articles_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let source = support::generated_content(dir.path(), 60);
    let mut demos = 0;
    for demo in std::fs::read_dir(support::demo_content().join("posts")).unwrap() {
        let demo = demo.unwrap().path();
        std::fs::copy(&demo, source.join("posts").join(demo.file_name().unwrap())).unwrap();
        demos += 1;
    }
    std::fs::create_dir_all(source.join("images")).unwrap();
    for picture in std::fs::read_dir(support::demo_content().join("images")).unwrap() {
        let picture = picture.unwrap().path();
        if picture.is_file() {
            std::fs::copy(
                &picture,
                source.join("images").join(picture.file_name().unwrap()),
            )
            .unwrap();
        }
    }
    let api = TestServer::start(dir.path(), |args| args.content = source.clone()).await;
    let folder = dir.path().join("from-api");
    let summary = import::run(&import::ImportArgs {
        cms: Cms::Gazette,
        url: api.url("/api/v1"),
        to: folder.clone(),
        ghost_key: None,
        images: false,
    })
    .await
    .unwrap();
    assert!(
        summary.starts_with(&format!("imported {} posts", 60 + demos)),
        "{summary}"
    );
    let site: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("site.json")).unwrap()).unwrap();
    let served_site: Value = api.get("/api/v1/site").await.json().await.unwrap();
    assert_eq!(
        site, served_site,
        "the site is the API's, not a placeholder"
    );

    let copy_dir = tempfile::tempdir().unwrap();
    let copy = TestServer::start(copy_dir.path(), |args| args.content = folder).await;
    let (original, copied) = (articles_of(&api).await, articles_of(&copy).await);
    assert_eq!(copied.len(), 60 + demos);
    // The same articles, in the same order, except that an image path on
    // the API's origin is now a URL there.
    let absolute = original
        .iter()
        .map(|article| {
            article
                .to_string()
                .replace("\"/images/", &format!("\"{}/images/", api.base))
        })
        .collect::<Vec<_>>();
    let copied = copied.iter().map(Value::to_string).collect::<Vec<_>>();
    assert_eq!(copied, absolute);
    assert!(copied
        .iter()
        .any(|article| article.contains(&format!("\"src\":\"{}/images/", api.base))));
}

/// A post without an author (WordPress's author 0) is kept, under the site's
/// name; a post the contract refuses is skipped and said; the count is of
/// the posts written.
#[tokio::test]
async fn an_authorless_post_is_the_sites_and_the_count_is_what_was_written() {
    let app = Router::new()
        .route(
            "/wp-json",
            get(|| async {
                Json(json!({"name": "Kyiv &amp; Prague", "description": "Two cities"}))
            }),
        )
        .route(
            "/wp-json/wp/v2/posts",
            get(|| async {
                let mut authorless =
                    wordpress_post("", "from-an-import", "Imported", "2024-05-20T10:00:00");
                authorless["_embedded"]
                    .as_object_mut()
                    .unwrap()
                    .remove("author");
                let too_long = "A title that goes on. ".repeat(20);
                let posts = vec![
                    wordpress_post("", "kept", "Kept", "2024-05-21T10:00:00"),
                    authorless,
                    wordpress_post("", "refused", &too_long, "2024-05-22T10:00:00"),
                ];
                let mut headers = HeaderMap::new();
                headers.insert("x-wp-totalpages", "1".parse().unwrap());
                (StatusCode::OK, headers, Json(Value::from(posts)))
            }),
        );
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("imported");
    let summary = import::run(&import::ImportArgs {
        cms: Cms::Wordpress,
        url: serve(app).await,
        to: folder.clone(),
        ghost_key: None,
        images: false,
    })
    .await
    .unwrap();
    assert!(summary.starts_with("imported 2 posts"), "{summary}");
    assert!(summary.contains("skipped refused: title"), "{summary}");
    assert!(
        summary.contains(
            "1 post(s) without an author: published under the site's name, Kyiv & Prague"
        ),
        "{summary}"
    );
    let written: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("posts/from-an-import.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(written["author"]["name"], "Kyiv & Prague");
    assert!(!folder.join("posts/refused.json").exists());
}

/// The translations of each imported post, as the server sends them.
async fn translations_of(server: &TestServer, slug: &str) -> Vec<(String, String, String)> {
    let article: Value = server
        .get(&format!("/api/v1/posts/{slug}"))
        .await
        .json()
        .await
        .unwrap();
    assert_matches_openapi("/posts/{slug}", "get", 200, &article);
    article["translations"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|t| {
                    let field = |name: &str| t[name].as_str().unwrap().to_owned();
                    (field("lang"), field("slug"), field("title"))
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn listed(server: &TestServer, query: &str) -> Vec<String> {
    let page: Value = server
        .get(&format!("/api/v1/posts{query}"))
        .await
        .json()
        .await
        .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["slug"].as_str().unwrap().to_owned())
        .collect()
}

fn t(lang: &str, slug: &str, title: &str) -> (String, String, String) {
    (lang.to_owned(), slug.to_owned(), title.to_owned())
}

/// WordPress with Polylang: each post's `lang`, and its `translations` by
/// post id, become the contract's `translations`, both ways; the site gets
/// an edition per language; a second version in one language is left
/// unlinked and said.
#[tokio::test]
async fn polylang_translations_become_linked_versions_and_editions() {
    let post = |id: u64, slug: &str, title: &str, lang: &str, translations: Value| {
        let mut post = wordpress_post("", slug, title, "2024-05-22T10:00:00");
        post["id"] = json!(id);
        post["lang"] = json!(lang);
        post["translations"] = translations;
        post
    };
    let posts = vec![
        post(
            10,
            "meeting",
            "A meeting",
            "en",
            json!({"en": 10, "cs": 11, "uk": 12}),
        ),
        post(
            11,
            "setkani",
            "Setkání",
            "cs",
            json!({"en": 10, "cs": 11, "uk": 12}),
        ),
        // Polylang lists its own post but, here, not the Czech one: linked all the same.
        post(12, "zustrich", "Зустріч", "uk", json!({"en": 10, "uk": 12})),
        post(
            13,
            "setkani-znovu",
            "Setkání znovu",
            "cs",
            json!({"en": 10, "cs": 13}),
        ),
        post(14, "alone", "Alone", "en", json!({"en": 14})),
    ];
    let app = Router::new()
        .route(
            "/wp-json",
            get(|| async { Json(json!({"name": "Forum", "description": "", "lang": "en"})) }),
        )
        .route(
            "/wp-json/wp/v2/posts",
            get(move || {
                let posts = posts.clone();
                async move { ([("x-wp-totalpages", "1")], Json(Value::from(posts))) }
            }),
        );
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("imported");
    let summary = import::run(&import::ImportArgs {
        cms: Cms::Wordpress,
        url: serve(app).await,
        to: folder.clone(),
        ghost_key: None,
        images: false,
    })
    .await
    .unwrap();
    assert!(
        summary.contains("setkani-znovu is not linked to its translations: setkani is already their version in cs"),
        "{summary}"
    );
    let site: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("site.json")).unwrap()).unwrap();
    assert_eq!(site["languages"], json!(["en", "cs", "uk"]));
    let server = TestServer::start(dir.path(), |args| args.content = folder).await;
    assert_eq!(
        translations_of(&server, "meeting").await,
        [
            t("cs", "setkani", "Setkání"),
            t("uk", "zustrich", "Зустріч")
        ]
    );
    assert_eq!(
        translations_of(&server, "zustrich").await,
        [
            t("en", "meeting", "A meeting"),
            t("cs", "setkani", "Setkání")
        ]
    );
    assert!(translations_of(&server, "setkani-znovu").await.is_empty());
    // The root lists each post once, in English when it can; each edition its own.
    let mut root = listed(&server, "").await;
    root.sort();
    assert_eq!(root, ["alone", "meeting", "setkani-znovu"]);
    let mut czech = listed(&server, "?lang=cs").await;
    czech.sort();
    assert_eq!(czech, ["setkani", "setkani-znovu"]);
    assert_eq!(listed(&server, "?lang=uk").await, ["zustrich"]);
    assert_eq!(server.get("/api/v1/posts?lang=de").await.status(), 404);
}

/// Ghost through internal tags: `#lang-cs` is the post's language, a shared
/// `#tr-<key>` makes posts versions of one another; neither is a tag readers see.
#[tokio::test]
async fn ghost_internal_tags_give_languages_and_translations() {
    let post = |slug: &str, tags: Value| {
        json!({
            "slug": slug, "title": format!("Ghost {slug}"), "html": "<p>Text.</p>",
            "published_at": "2024-05-22T14:00:00.000+02:00", "updated_at": null,
            "authors": [{"name": "Jana"}], "tags": tags,
        })
    };
    let internal = |name: &str| json!({"name": name, "visibility": "internal"});
    let posts = json!({"posts": [
        post("hello", json!([{"name": "News", "visibility": "public"}, internal("#tr-hello")])),
        post("ahoj", json!([internal("#lang-cs"), internal("#tr-hello")])),
        post("other", json!([internal("#lang-cs")])),
    ], "meta": {"pagination": {"next": null}}});
    let app = Router::new()
        .route(
            "/ghost/api/content/settings/",
            get(|| async { Json(json!({"settings": {"title": "Ghost Forum", "lang": "en"}})) }),
        )
        .route(
            "/ghost/api/content/posts/",
            get(move || async move { Json(posts.clone()) }),
        );
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("imported");
    import::run(&import::ImportArgs {
        cms: Cms::Ghost,
        url: serve(app).await,
        to: folder.clone(),
        ghost_key: Some("key".to_owned()),
        images: false,
    })
    .await
    .unwrap();
    let server = TestServer::start(dir.path(), |args| args.content = folder).await;
    assert_eq!(
        translations_of(&server, "hello").await,
        [t("cs", "ahoj", "Ghost ahoj")]
    );
    assert_eq!(
        translations_of(&server, "ahoj").await,
        [t("en", "hello", "Ghost hello")]
    );
    assert!(translations_of(&server, "other").await.is_empty());
    let ahoj: Value = server.get("/api/v1/posts/ahoj").await.json().await.unwrap();
    assert_eq!(
        (ahoj["lang"].as_str(), ahoj["tags"].as_array().map(Vec::len)),
        (Some("cs"), Some(0))
    );
    let mut czech = listed(&server, "?lang=cs").await;
    czech.sort();
    assert_eq!(czech, ["ahoj", "other"]);
}
