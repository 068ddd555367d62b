//! Markdown posts and dropped-in pictures, through the real server: what the
//! API sends is the contract (checked against docs/openapi.json), hostile
//! Markdown reaches it as nothing executable, and the pictures' variants are
//! served.

mod support;

use std::path::{Path, PathBuf};

use reqwest::{header, StatusCode};
use serde_json::Value;
use support::{assert_matches_openapi, demo_content, TestServer};

const POST: &str = r#"---
title: "Зустріч у Празі 🇺🇦"
date: 2024-06-01
author: {name: Олена Коваль, url: "javascript:alert(1)"}
lang: uk
tags: [Events]
cover: images/phone photo.png
---

Перший абзац з **жирним**, *курсивом* і [посиланням](https://example.org) 🎉.

<script>alert(1)</script>

A link that runs script: [click](javascript:alert(2)), and <img src=x onerror="alert(3)">.

## Галерея

![Прапор "синьо-жовтий"](<images/phone photo.png> "Caption with a \" quote"){lang=uk credit="Фото: Олена"}
![Second](</images/phone photo.png>)
*Підпис галереї.*

- one
  - nested
- two

> Слова.
>
> — Автор

| a | b |
|---|---|
| 1 | 2 |

---
"#;

/// A content folder with the demo site, one Markdown post and one picture
/// 1200 × 1600 (a portrait, as a phone takes it).
fn content(dir: &Path, post: &str) -> PathBuf {
    let folder = dir.join("content");
    std::fs::create_dir_all(folder.join("posts")).unwrap();
    std::fs::create_dir_all(folder.join("images")).unwrap();
    std::fs::copy(demo_content().join("site.json"), folder.join("site.json")).unwrap();
    std::fs::write(folder.join("posts/meeting.md"), post).unwrap();
    image::RgbImage::from_fn(1200, 1600, |x, y| {
        image::Rgb([(x / 5) as u8, (y / 7) as u8, 90])
    })
    .save(folder.join("images/phone photo.png"))
    .unwrap();
    folder
}

#[tokio::test]
async fn a_markdown_post_is_the_contract_with_nothing_executable() {
    let dir = tempfile::tempdir().unwrap();
    let folder = content(dir.path(), POST);
    let server = TestServer::start(dir.path(), |args| args.content = folder).await;
    let response = server.get("/api/v1/posts/meeting").await;
    assert_eq!(response.status(), StatusCode::OK);
    let article: Value = response.json().await.unwrap();
    assert_matches_openapi("/posts/{slug}", "get", 200, &article);

    assert_eq!(article["title"], "Зустріч у Празі 🇺🇦");
    assert_eq!(article["published_at"], "2024-06-01T00:00:00Z");
    assert_eq!(
        article["author"],
        serde_json::json!({"name": "Олена Коваль"})
    );
    let types: Vec<&str> = article["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|block| block["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "paragraph",
            "paragraph",
            "heading",
            "gallery",
            "list",
            "quote",
            "table",
            "divider"
        ]
    );
    // A GFM table is a table now, its first row the header row.
    assert_eq!(article["body"][6]["header_row"], true);
    assert_eq!(article["body"][6]["rows"][1][1][0]["text"], "2");
    let gallery = &article["body"][3];
    assert_eq!(gallery["caption"], "Підпис галереї.");
    assert_eq!(gallery["images"][0]["caption_lang"], "uk");
    assert_eq!(gallery["images"][0]["credit"], "Фото: Олена");
    assert_eq!(article["body"][4]["items"].as_array().unwrap().len(), 3);

    let text = article.to_string();
    for executable in ["<script", "javascript:", "onerror", "<img", "alert("] {
        assert!(
            !text.contains(executable),
            "{executable} reached the API: {text}"
        );
    }

    // The picture: upright size, variants at the srcset widths it reaches.
    let cover = &article["cover"];
    assert_eq!(
        (cover["width"].as_u64(), cover["height"].as_u64()),
        (Some(960), Some(1280))
    );
    let variants: Vec<u64> = cover["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|variant| variant["width"].as_u64().unwrap())
        .collect();
    assert_eq!(variants, [480, 960]);
    let src = cover["src"].as_str().unwrap();
    let picture = server.get(src).await;
    assert_eq!(picture.status(), StatusCode::OK, "{src}");
    assert_eq!(picture.headers()[header::CONTENT_TYPE], "image/webp");
    assert_eq!(
        picture.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let bytes = picture.bytes().await.unwrap();
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 960);
    assert_eq!(
        server.get("/images/..").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        server.get("/images/other.webp").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_post_that_cannot_be_published_as_written_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let folder = content(
        dir.path(),
        "---\ntitle: T\ndate: 2024-06-01\n---\n\nIntro.\n\n# A second title\n",
    );
    let mut args = gazette_server::Args::with_defaults(folder, dir.path().join("db.sqlite3"));
    args.addr = "127.0.0.1:0".parse().unwrap();
    let error = match gazette_server::Server::start(&args).await {
        Ok(_) => panic!("a level-1 heading in the body was accepted"),
        Err(error) => error.to_string(),
    };
    assert!(error.contains("posts/meeting.md:8:"), "{error}");
    assert!(error.contains("level-1"), "{error}");
}

/// Why the server refused to start on a content folder.
async fn refused_start(folder: PathBuf, db: PathBuf) -> String {
    let mut args = gazette_server::Args::with_defaults(folder, db);
    args.addr = "127.0.0.1:0".parse().unwrap();
    match gazette_server::Server::start(&args).await {
        Ok(_) => panic!("a wrong translation link was accepted"),
        Err(error) => error.to_string(),
    }
}

/// `translation_of` links a Markdown post to the one it translates, both
/// ways, with their titles; a slug that is no post stops the server, naming
/// the file and the field, and so does a JSON post whose list of versions
/// leaves out one that links to it.
#[tokio::test]
async fn translations_are_linked_both_ways_and_a_wrong_link_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let folder = content(
        dir.path(),
        "---\ntitle: Meeting\ndate: 2024-06-01\nauthor: A\nlang: en\n---\n\nText.\n",
    );
    std::fs::write(
        folder.join("posts/setkani.md"),
        "---\ntitle: Setkání\ndate: 2024-06-01\nauthor: A\nlang: cs\ntranslation_of: meeting\n---\n\nText.\n",
    )
    .unwrap();
    let server = TestServer::start(dir.path(), |args| args.content = folder.clone()).await;
    let meeting: Value = server
        .get("/api/v1/posts/meeting")
        .await
        .json()
        .await
        .unwrap();
    assert_matches_openapi("/posts/{slug}", "get", 200, &meeting);
    assert_eq!(
        meeting["translations"],
        serde_json::json!([{"lang": "cs", "slug": "setkani", "title": "Setkání"}])
    );
    let setkani: Value = server
        .get("/api/v1/posts/setkani")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        setkani["translations"],
        serde_json::json!([{"lang": "en", "slug": "meeting", "title": "Meeting"}])
    );

    let refused = |folder: PathBuf| refused_start(folder, dir.path().join("db.sqlite3"));
    std::fs::write(
        folder.join("posts/setkani.md"),
        "---\ntitle: Setkání\ndate: 2024-06-01\nauthor: A\nlang: cs\ntranslation_of: no-such-post\n---\n\nText.\n",
    )
    .unwrap();
    let error = refused(folder.clone()).await;
    assert!(
        error.contains("posts/setkani.md: at `translation_of`"),
        "{error}"
    );
    assert!(error.contains("\"no-such-post\""), "{error}");

    std::fs::remove_file(folder.join("posts/setkani.md")).unwrap();
    let lang_of = |slug: &str| match slug {
        "a" => "en",
        "b" => "cs",
        _ => "uk",
    };
    let json = |slug: &str, lang: &str, listed: &[&str]| {
        serde_json::json!({
            "slug": slug, "title": slug, "author": {"name": "A"}, "lang": lang,
            "published_at": "2024-06-01T00:00:00Z", "body": [],
            "translations": listed.iter().map(|s| serde_json::json!({"lang": lang_of(s), "slug": s, "title": s})).collect::<Vec<_>>(),
        })
        .to_string()
    };
    std::fs::write(folder.join("posts/a.json"), json("a", "en", &["b", "c"])).unwrap();
    std::fs::write(folder.join("posts/b.json"), json("b", "cs", &["a"])).unwrap();
    std::fs::write(folder.join("posts/c.json"), json("c", "uk", &["a", "b"])).unwrap();
    let error = refused(folder.clone()).await;
    assert!(error.contains("posts/b.json: at `translations`"), "{error}");
    assert!(error.contains("does not list \"c\""), "{error}");
}
