//! What a crawler, a link preview and a feed reader get, read with a plain
//! HTTP client: each page's head in its HTML, the Atom feed, the sitemap and
//! `robots.txt`, from the content the server loaded; hostile content stays
//! text.

mod support;

use reqwest::{header, StatusCode};
use support::{demo_content, TestServer};

const SEED: &str = "/posts/ukraine-czech-defense-cluster";

/// A build's `index.html`, as minified as Trunk writes it, and its
/// `config.json`.
fn dist(dir: &std::path::Path) -> std::path::PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html lang=en><meta charset=utf-8><base href=/><title>Gazette</title>\
         <script type=module>import init from '/gazette-0123456789abcdef.js'; await init();</script>\
         <body><noscript>This site needs JavaScript.</noscript></body>",
    )
    .unwrap();
    std::fs::write(dist.join("config.json"), r#"{ "recent_posts": 2 }"#).unwrap();
    dist
}

/// The text of every element that matches `selector`.
fn texts(page: &scraper::Html, selector: &str) -> Vec<String> {
    page.select(&scraper::Selector::parse(selector).unwrap())
        .map(|element| element.text().collect())
        .collect()
}

/// The `content` of `<meta … {key}="{name}" content="…">` in a page.
fn meta<'a>(page: &'a str, key: &str, name: &str) -> Option<&'a str> {
    let marker = format!("{key}=\"{name}\" content=\"");
    let start = page.find(&marker)? + marker.len();
    page[start..].split('"').next()
}

fn json_ld(page: &str) -> serde_json::Value {
    let start = page.find("type=\"application/ld+json\">").unwrap();
    let rest = &page[start + "type=\"application/ld+json\">".len()..];
    serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).unwrap()
}

#[tokio::test]
async fn an_articles_html_carries_its_head() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    let server = TestServer::start(dir.path(), |args| {
        args.dist = Some(dist);
        args.site_url = Some(gazette_render::SiteUrl::parse("https://news.example.org").unwrap());
    })
    .await;
    let response = server.get(SEED).await;
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    let page = response.text().await.unwrap();
    let title = "Ukraine and the Czech Republic have created a defense cluster";
    assert!(page.contains(&format!("<title data-gazette-head>{title}</title>")));
    assert!(page.starts_with("<!doctype html><html lang=\"en\">"));
    let url = format!("https://news.example.org{SEED}");
    assert_eq!(meta(&page, "property", "og:title"), Some(title));
    assert_eq!(meta(&page, "property", "og:type"), Some("article"));
    assert_eq!(meta(&page, "property", "og:url"), Some(url.as_str()));
    // The narrowest variant at least 1200 px wide (link previews show it
    // large) that the server made of content/images/defense-agreement.webp,
    // named with the picture's hash.
    let image = meta(&page, "property", "og:image").unwrap_or_default();
    let hash = image
        .strip_prefix("https://news.example.org/images/defense-agreement-1440-")
        .and_then(|rest| rest.strip_suffix(".webp"))
        .unwrap_or_else(|| panic!("{image}"));
    assert!(
        hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{image}"
    );
    assert_eq!(meta(&page, "property", "og:image:width"), Some("1440"));
    assert_eq!(meta(&page, "property", "og:image:height"), Some("960"));
    assert_eq!(
        meta(&page, "property", "article:published_time"),
        Some("2022-11-02T09:00:00Z")
    );
    assert_eq!(
        meta(&page, "name", "twitter:card"),
        Some("summary_large_image")
    );
    assert!(meta(&page, "name", "description").is_some_and(|d| d.contains("Ukroboronprom")));
    assert!(page.contains(&format!("rel=\"canonical\" href=\"{url}\"")));
    assert!(page.contains("rel=\"alternate\" type=\"application/atom+xml\""));
    let article = json_ld(&page);
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], title);
    assert_eq!(article["publisher"]["name"], "Prague Forum");
    assert_eq!(article["datePublished"], "2022-11-02T09:00:00Z");

    // The body a crawler or a reader without JavaScript reads: the article
    // whole, its pictures with their alt text and captions, two recent posts.
    let body = scraper::Html::parse_document(&page);
    assert_eq!(texts(&body, "article h1"), [title]);
    assert_eq!(texts(&body, "article .article__body > p").len(), 8);
    assert_eq!(texts(&body, "article time"), ["November 2, 2022"]);
    assert_eq!(texts(&body, "article img[alt][width][height]").len(), 3);
    assert!(texts(&body, "article figcaption")[0].contains("Укроборонпром"));
    assert_eq!(texts(&body, ".recent-posts .post-card__title a").len(), 2);
    assert_eq!(texts(&body, "main").len(), 1);
    assert!(!page.contains("This site needs JavaScript"));

    // Unchanged content, unchanged page: a revalidation is a 304, by the
    // same conditional GET as the API's (a weak tag from a proxy, `*`, a list).
    for asked in [
        etag.clone(),
        format!("W/{etag}"),
        "*".to_owned(),
        format!("\"other\", {etag}"),
    ] {
        let again = support::client()
            .get(server.url(SEED))
            .header(header::IF_NONE_MATCH, &asked)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{asked}");
    }

    // Other pages: the site's head, a canonical URL only where the page is one.
    let home = server.get("/").await.text().await.unwrap();
    assert_eq!(meta(&home, "property", "og:type"), Some("website"));
    assert_eq!(
        meta(&home, "property", "og:url"),
        Some("https://news.example.org/")
    );
    let join = server.get("/join").await.text().await.unwrap();
    assert!(join.contains("<title data-gazette-head>Prague Forum Membership</title>"));
    // The join page: the form as the app shows it, which says to a reader
    // without JavaScript what it needs, and a data block with no posts.
    let form = scraper::Html::parse_document(&join);
    assert_eq!(texts(&form, "main h1"), ["Join us"]);
    assert_eq!(
        texts(&form, "form.join-form[method=post] label"),
        [
            "Name",
            "Email",
            "Organisation (optional)",
            "Message (optional)",
            "I agree that Prague Forum may store my details to process my membership and contact me about it.",
            "Leave this field empty"
        ]
    );
    assert!(join.contains(
        "<div class=\"join-form-root\"><noscript><p class=\"notice\">Sending this form needs JavaScript,"
    ));
    assert!(join.contains(r#""article":null,"recent":null,"term":null}"#));
    let unknown = server.get("/no/such/page").await.text().await.unwrap();
    assert!(!unknown.contains("canonical") && !unknown.contains("og:url"));
    let missing = server
        .get("/posts/no-such-post")
        .await
        .text()
        .await
        .unwrap();
    assert!(!missing.contains("canonical"));
}

#[tokio::test]
async fn the_feed_the_sitemap_and_robots_are_valid_and_absolute() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), |args| {
        args.site_url = Some(gazette_render::SiteUrl::parse("https://example.org/news/").unwrap());
    })
    .await;
    let response = server.get("/feed.xml").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let feed = response.text().await.unwrap();
    let document = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    let root = document.root_element();
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(root.tag_name().namespace(), Some(atom));
    assert_eq!(root.tag_name().name(), "feed");
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(atom))
            .and_then(|c| c.text().map(str::to_owned))
    };
    // RFC 4287 4.1.1: a feed has an id, a title and an updated time.
    for required in ["id", "title", "updated"] {
        assert!(child(root, required).is_some(), "feed/{required}");
    }
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    // Every post once: the demo's translations are of English posts, which
    // the root's feed carries; each edition's feed has its language's.
    let files: Vec<String> = std::fs::read_dir(demo_content().join("posts"))
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    let posts = files.len();
    let translations = files
        .iter()
        .filter(|text| text.contains("\ntranslation_of: "))
        .count();
    assert!(translations >= 3, "the demo has translations");
    assert_eq!(entries.len(), posts - translations);
    let czech = server.get("/cs/feed.xml").await.text().await.unwrap();
    let czech = roxmltree::Document::parse(&czech).expect("the Czech feed is well-formed XML");
    assert_eq!(
        czech
            .root_element()
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("cs")
    );
    let czech_titles: Vec<_> = czech
        .descendants()
        .filter(|node| node.tag_name().name() == "entry")
        .filter_map(|entry| child(entry, "title"))
        .collect();
    assert!(
        czech_titles.contains(&"Izrael v České republice".to_owned()),
        "{czech_titles:?}"
    );
    assert!(
        czech_titles.contains(&"Ukrajina a Česká republika vytvořily obranný klastr".to_owned())
    );
    assert!(
        czech_titles.iter().all(|title| !title.contains("Embassy")),
        "{czech_titles:?}"
    );
    assert_eq!(
        server.get("/de/feed.xml").await.status(),
        StatusCode::NOT_FOUND
    );
    let mut ids = std::collections::HashSet::new();
    for entry in &entries {
        let id = child(*entry, "id").unwrap();
        assert!(id.starts_with("https://example.org/news/posts/"), "{id}");
        assert!(ids.insert(id));
        for required in ["title", "updated", "published", "summary"] {
            assert!(child(*entry, required).is_some(), "entry/{required}");
        }
        let author = entry
            .children()
            .find(|c| c.tag_name().name() == "author")
            .unwrap();
        assert!(child(author, "name").is_some());
    }
    assert_eq!(
        child(entries[0], "title").as_deref(),
        Some("Norwegian Embassy in Prague"),
        "newest first"
    );

    let sitemap = server.get("/sitemap.xml").await.text().await.unwrap();
    let document = roxmltree::Document::parse(&sitemap).expect("the sitemap is well-formed XML");
    let locs: Vec<_> = document
        .descendants()
        .filter(|node| node.tag_name().name() == "loc")
        .filter_map(|node| node.text())
        .collect();
    assert_eq!(
        document.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    assert!(locs.contains(&"https://example.org/news/posts/ukraine-czech-defense-cluster"));
    // The three pages of the site, every post, every tag's and author's page.
    let mut terms = 0;
    for path in ["/api/v1/tags", "/api/v1/authors"] {
        let list: gazette_api::Terms = server.get(path).await.json().await.unwrap();
        terms += list.items.len();
    }
    // The front page, the list and the join page of each of the three
    // editions, every post in every language, every tag's and author's page.
    assert_eq!(locs.len(), 3 * 3 + posts + terms);
    assert!(locs.contains(&"https://example.org/news/uk/posts"));
    assert!(locs.contains(&"https://example.org/news/tag/embassies"));
    assert!(locs.contains(&"https://example.org/news/author/hans-weber"));
    // Every entry says when it last changed, as RFC 3339 in UTC.
    for url in document
        .descendants()
        .filter(|node| node.tag_name().name() == "url")
    {
        let lastmod = url
            .children()
            .find(|node| node.tag_name().name() == "lastmod")
            .and_then(|node| node.text())
            .unwrap_or_default();
        assert!(
            gazette_api::content::is_rfc3339_utc(lastmod),
            "{lastmod:?} in {sitemap}"
        );
    }

    let robots = server.get("/robots.txt").await.text().await.unwrap();
    assert!(robots.contains("Sitemap: https://example.org/news/sitemap.xml\n"));
}

#[tokio::test]
async fn hostile_content_stays_text_in_the_head() {
    let dir = tempfile::tempdir().unwrap();
    let content = support::generated_content(dir.path(), 1);
    let hostile = serde_json::json!({
        "slug": "hostile",
        "title": "</title></script><script>alert(1)</script><!-- \" onload=\"alert(2)",
        "excerpt": "\"><img src=x onerror=alert(3)> & </script>",
        "author": { "name": "<b>Eve</b>" },
        "lang": "en",
        "published_at": "2024-02-01T00:00:00Z",
        "cover": { "src": "/images/a.webp", "alt": "\" onerror=\"alert(4)" },
        "body": [
            // (Addresses the allow-lists refuse, such as a picture's with
            // a space, never get this far: the content is refused when it
            // is loaded. A quote is allowed, and must be escaped.)
            { "type": "paragraph", "text": [{ "text": "</script><script>alert(5)</script>" }] },
            { "type": "figure", "image": {
                "src": "/images/a.webp\"onerror=\"alert(8)", "alt": "\"><script>alert(9)</script>",
                "caption": "<img src=x onerror=alert(10)>", "credit": "\" onclick=\"alert(11)"
            } }
        ]
    });
    std::fs::write(content.join("posts/hostile.json"), hostile.to_string()).unwrap();
    let dist = dist(dir.path());
    let server = TestServer::start(dir.path(), |args| {
        args.dist = Some(dist);
        args.content = content;
    })
    .await;
    let page = server.get("/posts/hostile").await.text().await.unwrap();
    // The loader script, the JSON-LD block and the app's data block are the
    // only scripts, and no tag or attribute came from the content.
    assert_eq!(page.matches("<script").count(), 3, "{page}");
    assert_eq!(page.matches("</script>").count(), 3, "{page}");
    let head = &page[..page.find("<body>").expect("a body")];
    for injected in [
        "<img src=x",
        "<b>",
        "onload=\"",
        "onerror=\"",
        "<!--",
        "</title></script>",
    ] {
        assert!(!head.contains(injected), "{injected} in {head}");
    }
    // In the body's text a quote needs no escape (`" onload="` is text
    // there): what must not appear is a tag, a comment or a closed script.
    for injected in ["<img src=x", "<b>", "<!--", "</script><script>"] {
        assert!(!page.contains(injected), "{injected} in {page}");
    }
    // The page as a browser parses it: no element carries a handler, no link
    // or image a script URL, and the hostile title is the h1's text.
    let parsed = scraper::Html::parse_document(&page);
    for element in parsed
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "{name}={value:?} in {page}");
            assert!(
                !value.to_ascii_lowercase().contains("javascript:"),
                "{value} in {page}"
            );
        }
    }
    // The loader, the JSON-LD and the app's data block: the two blocks of
    // data are not scripts a browser runs, and content cannot close them.
    assert_eq!(texts(&parsed, "script").len(), 3);
    let data = texts(&parsed, "script#gazette-data[type=\"application/json\"]");
    assert_eq!(data.len(), 1);
    assert!(!data[0].contains('<'), "{}", data[0]);
    let data: serde_json::Value = serde_json::from_str(&data[0]).unwrap();
    assert_eq!(data["article"]["title"], hostile["title"]);
    assert_eq!(texts(&parsed, "h1"), [hostile["title"].as_str().unwrap()]);
    assert_eq!(json_ld(&page)["headline"], hostile["title"]);
    let feed = server.get("/feed.xml").await.text().await.unwrap();
    let document = roxmltree::Document::parse(&feed).expect("still well-formed");
    assert!(document
        .descendants()
        .any(|node| node.text() == hostile["title"].as_str()));
}

/// A page's `<link rel="alternate" hreflang>`s: (hreflang, href).
fn alternates(page: &scraper::Html) -> Vec<(String, String)> {
    page.select(&scraper::Selector::parse("link[rel=alternate][hreflang]").unwrap())
        .map(|link| {
            let value = |name| link.value().attr(name).unwrap_or_default().to_owned();
            (value("hreflang"), value("href"))
        })
        .collect()
}

/// Google's rules for hreflang, over every page of the sitemap: a page with
/// versions lists every version, itself included, with absolute URLs and an
/// `x-default`; every version lists the same set (reciprocal); the sitemap
/// names the same versions beside each page; `<html lang>`, `og:locale` and
/// the UI's words are the page's language.
#[tokio::test]
async fn every_version_of_every_page_names_all_the_others_and_itself() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dist(dir.path());
    let server = TestServer::start(dir.path(), |args| {
        args.dist = Some(dist);
        args.site_url = Some(gazette_render::SiteUrl::parse("https://news.example.org").unwrap());
    })
    .await;
    let sitemap = server.get("/sitemap.xml").await.text().await.unwrap();
    let sitemap = roxmltree::Document::parse(&sitemap).unwrap();
    let mut with_versions = 0;
    for url in sitemap
        .descendants()
        .filter(|node| node.tag_name().name() == "url")
    {
        let loc = url
            .children()
            .find(|node| node.tag_name().name() == "loc")
            .and_then(|node| node.text())
            .unwrap()
            .to_owned();
        let in_sitemap: Vec<(String, String)> = url
            .children()
            .filter(|node| node.tag_name().name() == "link")
            .map(|link| {
                let value = |name| link.attribute(name).unwrap_or_default().to_owned();
                (value("hreflang"), value("href"))
            })
            .collect();
        let path = loc.strip_prefix("https://news.example.org").unwrap();
        let page = scraper::Html::parse_document(&server.get(path).await.text().await.unwrap());
        let listed = alternates(&page);
        assert_eq!(
            listed, in_sitemap,
            "the page and the sitemap agree on {loc}"
        );
        if listed.is_empty() {
            continue;
        }
        with_versions += 1;
        assert!(
            listed.iter().any(|(_, href)| *href == loc),
            "{loc} lists itself: {listed:?}"
        );
        assert_eq!(
            listed
                .iter()
                .filter(|(lang, _)| lang == "x-default")
                .count(),
            1,
            "{loc}"
        );
        let own_lang = listed
            .iter()
            .find(|(_, href)| *href == loc)
            .unwrap()
            .0
            .clone();
        let html_lang = page
            .select(&scraper::Selector::parse("html").unwrap())
            .next()
            .and_then(|html| html.value().attr("lang").map(str::to_owned));
        assert_eq!(
            html_lang.as_deref(),
            Some(own_lang.as_str()),
            "<html lang> of {loc}"
        );
        for (lang, href) in listed.iter().filter(|(lang, _)| lang != "x-default") {
            assert!(href.starts_with("https://news.example.org/"), "{href}");
            let path = href.strip_prefix("https://news.example.org").unwrap();
            let other =
                scraper::Html::parse_document(&server.get(path).await.text().await.unwrap());
            assert_eq!(
                alternates(&other),
                listed,
                "{href} ({lang}) lists what {loc} lists"
            );
        }
    }
    // Three editions' front pages, lists and join pages, and five articles in
    // two or three languages.
    assert_eq!(with_versions, 9 + 5);

    // The Czech edition speaks Czech; an article in Ukrainian speaks Ukrainian.
    let czech = server.get("/cs/posts").await.text().await.unwrap();
    assert!(czech.contains("property=\"og:locale\" content=\"cs_CZ\""));
    assert!(czech.contains("property=\"og:locale:alternate\" content=\"uk_UA\""));
    let czech = scraper::Html::parse_document(&czech);
    assert_eq!(
        texts(&czech, "nav.site-nav a"),
        ["Úvod", "Příspěvky", "Přidat se"]
    );
    let nav_links: Vec<_> = czech
        .select(&scraper::Selector::parse("nav.site-nav a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(nav_links, ["/cs/", "/cs/posts", "/cs/join"]);
    assert_eq!(
        texts(&czech, "nav.language-switcher a"),
        ["English", "Українська"]
    );
    assert!(
        texts(&czech, ".post-list--detailed h2").contains(&"Izrael v České republice".to_owned())
    );
    let ukrainian = server
        .get("/posts/ukraina-i-chekhiia-stvoryly-oboronnyi-klaster")
        .await
        .text()
        .await
        .unwrap();
    let ukrainian = scraper::Html::parse_document(&ukrainian);
    assert_eq!(texts(&ukrainian, "nav.site-nav a")[1], "Публікації");
    let switcher: Vec<_> = ukrainian
        .select(&scraper::Selector::parse("nav.language-switcher a").unwrap())
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap_or_default().to_owned();
            (
                attr("hreflang"),
                attr("lang"),
                attr("href"),
                a.text().collect::<String>(),
            )
        })
        .collect();
    assert_eq!(
        switcher,
        [
            (
                "en".into(),
                "en".into(),
                "/posts/ukraine-czech-defense-cluster".into(),
                "English".into()
            ),
            (
                "cs".into(),
                "cs".into(),
                "/posts/ukrajina-a-cesko-vytvorily-obranny-klastr".into(),
                "Čeština".into()
            ),
        ]
    );
    // A page in one language has no switcher and no hreflang.
    let alone = server
        .get("/posts/how-an-article-is-built")
        .await
        .text()
        .await
        .unwrap();
    assert!(!alone.contains("language-switcher") && !alone.contains("hreflang"));
    let unknown = server.get("/de/").await.text().await.unwrap();
    assert!(!unknown.contains("language-switcher"));
}
