//! How readers and crawlers find the posts: an Atom feed of the latest posts
//! (RFC 4287), `sitemap.xml` (sitemaps.org 0.9) and `robots.txt` pointing to
//! it. The same text is served by the server and written into a static build.

use gazette_api::{
    content::article_path,
    languages::{edition_path, editions},
    Block, Href, PostSummary, Site, Span, Term, Translation,
};
use gazette_i18n::UiLang;

use crate::{
    escape::text,
    head::{article_alternates, edition_alternates, Alternate},
    prerender::{article_body, Frame},
    site_url::SiteUrl,
};

/// How many posts the feed carries.
pub const FEED_ENTRIES: usize = 20;

/// A post as the feed and the sitemap need it.
pub struct Listed<'a> {
    pub summary: &'a PostSummary,
    pub updated_at: Option<&'a str>,
    /// The article's blocks, which the feed carries whole.
    pub body: &'a [Block],
    /// Its other versions, which the sitemap names beside it.
    pub translations: &'a [Translation],
}

impl Listed<'_> {
    fn updated(&self) -> &str {
        self.updated_at.unwrap_or(&self.summary.published_at)
    }
}

/// Which feed: the site's, or a tag's or an author's, each with its title,
/// the page it is the feed of and its own address.
pub struct FeedOf {
    pub title: String,
    pub page: String,
    pub feed: String,
    /// The feed's language (`xml:lang`).
    pub lang: String,
}

impl FeedOf {
    /// `/feed.xml`: every post.
    pub fn site(site: &Site) -> FeedOf {
        FeedOf::edition(site, None)
    }

    /// `/feed.xml`, or an edition's (`/cs/feed.xml`): the posts of its list.
    pub fn edition(site: &Site, edition: Option<&str>) -> FeedOf {
        FeedOf {
            title: site.name.clone(),
            page: edition_path(edition, "/"),
            feed: edition_path(edition, "/feed.xml"),
            lang: edition.map_or_else(|| site.lang.clone(), str::to_owned),
        }
    }

    /// `/tag/{slug}/feed.xml` or `/author/{slug}/feed.xml`: the posts of the
    /// tag or author whose page is `page`.
    pub fn term(site: &Site, term: &Term, page: &str) -> FeedOf {
        FeedOf {
            title: format!("{} – {}", term.name, site.name),
            page: page.to_owned(),
            feed: format!("{page}/feed.xml"),
            lang: site.lang.clone(),
        }
    }
}

/// The Atom feed of the newest posts (`posts` newest first).
pub fn atom(site: &Site, site_url: &SiteUrl, of: &FeedOf, posts: &[Listed]) -> String {
    let home = site_url.page(&of.page);
    let updated = posts
        .iter()
        .map(Listed::updated)
        .max()
        .unwrap_or("1970-01-01T00:00:00Z");
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <id>{home}</id>\n<title>{title}</title>\n<subtitle>{subtitle}</subtitle>\n\
         <updated>{updated}</updated>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed}\"/>\n\
         <generator>Gazette</generator>\n",
        lang = xml_text(&of.lang),
        home = xml_text(&home),
        title = xml_text(&of.title),
        subtitle = xml_text(&site.tagline),
        updated = xml_text(updated),
        feed = xml_text(&site_url.page(&of.feed)),
    );
    for post in posts.iter().take(FEED_ENTRIES) {
        let summary = post.summary;
        let url = xml_text(&site_url.page(&article_path(&summary.slug)));
        xml.push_str(&format!(
            "<entry xml:lang=\"{lang}\">\n<id>{url}</id>\n<title>{title}</title>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             <published>{published}</published>\n<updated>{updated}</updated>\n\
             <author><name>{author}</name></author>\n<summary>{summary_text}</summary>\n\
             <content type=\"html\">{content}</content>\n</entry>\n",
            lang = xml_text(&summary.lang),
            title = xml_text(&summary.title),
            published = xml_text(&summary.published_at),
            updated = xml_text(post.updated()),
            author = xml_text(&summary.author.name),
            summary_text = xml_text(&summary.excerpt),
            content = xml_text(&body_html(site, site_url, post.body)),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// An article's body as a feed reader shows it: the prerender's markup, in
/// the site's language, with every address absolute (a reader resolves a
/// path against its own address, not the site's).
fn body_html(site: &Site, site_url: &SiteUrl, body: &[Block]) -> String {
    let mut body = body.to_vec();
    for block in &mut body {
        absolute_addresses(block, site_url);
    }
    let frame = Frame {
        site,
        ui: UiLang::from_tag(&site.lang).unwrap_or_default(),
        base: "",
        path: "/",
        // A feed reader runs no script: the card links to the original.
        play_embeds: false,
        edition: None,
        versions: Vec::new(),
        chunk: None,
    };
    article_body(&frame, &body)
}

/// A block's pictures and site-path links made absolute under `site_url`.
fn absolute_addresses(block: &mut Block, site_url: &SiteUrl) {
    let links = |spans: &mut Vec<Span>| {
        for span in spans {
            let site_path = span.href.as_ref().filter(|href| href.starts_with('/'));
            if let Some(absolute) = site_path.map(|path| site_url.page(path)) {
                span.href = Href::parse(&absolute);
            }
        }
    };
    for image in block.images_mut() {
        image.map_urls(|src| site_url.resource(src));
    }
    match block {
        Block::Paragraph { text } | Block::Heading { text, .. } | Block::Quote { text, .. } => {
            links(text)
        }
        Block::List { items, .. } => items.iter_mut().for_each(links),
        Block::Table { rows, .. } => rows.iter_mut().flatten().for_each(links),
        _ => {}
    }
}

/// Every page worth indexing, each with its last change: the front page and
/// the list when a post or `site.json` last changed (`site_changed`), the
/// join page when `site.json` did, and each post when it was updated.
/// `terms` are the tags' and authors' pages, each with when its newest post
/// changed.
pub fn sitemap(
    site: &Site,
    site_url: &SiteUrl,
    posts: &[Listed],
    site_changed: Option<&str>,
    terms: &[(String, &str)],
) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let newest_post = posts.iter().map(Listed::updated).max();
    let listing = newest_post.max(site_changed);
    let join = site_changed.or(newest_post);
    let mut url = |path: &str, changed: Option<&str>, alternates: &[Alternate]| {
        let lastmod = changed
            .map(|changed| format!("<lastmod>{}</lastmod>", xml_text(changed)))
            .unwrap_or_default();
        let links: String = alternates
            .iter()
            .map(|alternate| {
                format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_text(&alternate.hreflang),
                    xml_text(&alternate.url)
                )
            })
            .collect();
        xml.push_str(&format!(
            "<url><loc>{}</loc>{lastmod}{links}</url>\n",
            xml_text(&site_url.page(path))
        ));
    };
    // Each edition's front page, list and join page, each naming all of them.
    let editions: Vec<Option<String>> = std::iter::once(None)
        .chain(editions(site).into_iter().map(Some))
        .collect();
    for (page, changed) in [("/", listing), ("/posts", listing), ("/join", join)] {
        let alternates = edition_alternates(site, site_url, page);
        for edition in &editions {
            url(
                &edition_path(edition.as_deref(), page),
                changed,
                &alternates,
            );
        }
    }
    for post in posts {
        let alternates = article_alternates(site, site_url, post.summary, post.translations);
        url(
            &article_path(&post.summary.slug),
            Some(post.updated()),
            &alternates,
        );
    }
    for (path, changed) in terms {
        url(path, Some(changed), &[]);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Crawlers may read everything but the embeds (pages for other sites'
/// iframes, which would compete with the real ones); the sitemap is named.
pub fn robots(site_url: &SiteUrl) -> String {
    format!(
        "User-agent: *\nDisallow: {}\nSitemap: {}\n",
        site_url.path("/embed/"),
        site_url.page("/sitemap.xml")
    )
}

/// Text and attribute values in XML; characters XML 1.0 cannot carry at all
/// (most control characters) are dropped.
fn xml_text(value: &str) -> String {
    let allowed: String = value
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect();
    text(&allowed).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_name_the_sitemap_and_keep_embeds_out() {
        let url = SiteUrl::parse("https://example.org/news").unwrap();
        assert_eq!(
            robots(&url),
            "User-agent: *\nDisallow: /news/embed/\nSitemap: https://example.org/news/sitemap.xml\n"
        );
    }

    #[test]
    fn xml_text_is_escaped_and_cleaned() {
        assert_eq!(
            xml_text("a <b> & \"c\"\u{0}\u{1b}"),
            "a &lt;b&gt; &amp; &quot;c&quot;"
        );
    }

    fn site(languages: &[&str]) -> Site {
        serde_json::from_value(serde_json::json!({
            "name": "Forum", "lang": "en", "languages": languages,
            "membership": { "title": "M", "heading": "H", "text": "X", "call_to_action": "C",
                            "consent_text": "I agree.", "privacy_url": "/p" }
        }))
        .unwrap()
    }

    #[test]
    fn the_sitemap_names_every_version_of_each_page_beside_it() {
        let url = SiteUrl::parse("https://example.org").unwrap();
        let site = site(&["en", "cs"]);
        let summary: PostSummary = serde_json::from_value(serde_json::json!({
            "slug": "a", "title": "A", "author": { "name": "A" }, "lang": "en",
            "published_at": "2024-01-01T00:00:00Z"
        }))
        .unwrap();
        let czech = [Translation {
            lang: "cs".into(),
            slug: "a-cs".into(),
            title: "Á".into(),
        }];
        let posts = [Listed {
            summary: &summary,
            updated_at: None,
            body: &[],
            translations: &czech,
        }];
        let xml = sitemap(&site, &url, &posts, None, &[]);
        let link = |lang: &str, path: &str| {
            format!("<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"https://example.org{path}\"/>")
        };
        for expected in [
            "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"".to_owned(),
            format!("<loc>https://example.org/cs/posts</loc><lastmod>2024-01-01T00:00:00Z</lastmod>{}{}{}</url>",
                link("en", "/posts"), link("cs", "/cs/posts"), link("x-default", "/posts")),
            format!("<loc>https://example.org/cs/</loc><lastmod>2024-01-01T00:00:00Z</lastmod>{}",
                link("en", "/")),
            format!("<loc>https://example.org/posts/a</loc><lastmod>2024-01-01T00:00:00Z</lastmod>{}{}{}</url>",
                link("en", "/posts/a"), link("cs", "/posts/a-cs"), link("x-default", "/posts/a")),
        ] {
            assert!(xml.contains(&expected), "{expected} in {xml}");
        }
        let czech_feed = FeedOf::edition(&site, Some("cs"));
        assert_eq!(
            (czech_feed.feed.as_str(), czech_feed.lang.as_str()),
            ("/cs/feed.xml", "cs")
        );
    }

    #[test]
    fn every_sitemap_entry_has_its_last_change() {
        let url = SiteUrl::parse("https://example.org").unwrap();
        let post = |slug: &str, published: &str| -> PostSummary {
            serde_json::from_value(serde_json::json!({
                "slug": slug, "title": "T", "excerpt": "E", "author": { "name": "A" },
                "lang": "en", "published_at": published
            }))
            .unwrap()
        };
        let (old, new) = (
            post("old", "2024-01-01T00:00:00Z"),
            post("new", "2024-03-01T00:00:00Z"),
        );
        let posts = [
            Listed {
                summary: &new,
                updated_at: None,
                body: &[],
                translations: &[],
            },
            Listed {
                summary: &old,
                updated_at: Some("2024-04-01T00:00:00Z"),
                body: &[],
                translations: &[],
            },
        ];
        let xml = sitemap(
            &site(&[]),
            &url,
            &posts,
            Some("2024-02-01T00:00:00Z"),
            &[("/tag/events".to_owned(), "2024-01-05T00:00:00Z")],
        );
        for expected in [
            "<loc>https://example.org/</loc><lastmod>2024-04-01T00:00:00Z</lastmod>",
            "<loc>https://example.org/posts</loc><lastmod>2024-04-01T00:00:00Z</lastmod>",
            "<loc>https://example.org/join</loc><lastmod>2024-02-01T00:00:00Z</lastmod>",
            "<loc>https://example.org/posts/new</loc><lastmod>2024-03-01T00:00:00Z</lastmod>",
            "<loc>https://example.org/posts/old</loc><lastmod>2024-04-01T00:00:00Z</lastmod>",
            "<loc>https://example.org/tag/events</loc><lastmod>2024-01-05T00:00:00Z</lastmod>",
        ] {
            assert!(xml.contains(expected), "{expected} in {xml}");
        }
        // Without posts the site's own date serves every page.
        let empty = sitemap(&site(&[]), &url, &[], Some("2024-02-01T00:00:00Z"), &[]);
        assert_eq!(
            empty
                .matches("<lastmod>2024-02-01T00:00:00Z</lastmod>")
                .count(),
            3
        );
    }

    #[test]
    fn the_feed_carries_each_article_whole_with_absolute_addresses() {
        let site: Site = serde_json::from_value(serde_json::json!({
            "name": "Forum", "tagline": "T", "lang": "cs",
            "membership": { "title": "M", "heading": "H", "text": "X", "call_to_action": "C",
                            "consent_text": "I agree.", "privacy_url": "/p" }
        }))
        .unwrap();
        let summary: PostSummary = serde_json::from_value(serde_json::json!({
            "slug": "a", "title": "A", "excerpt": "E", "author": { "name": "Jana" },
            "lang": "cs", "published_at": "2024-05-22T09:00:00Z"
        }))
        .unwrap();
        let body: Vec<Block> = serde_json::from_value(serde_json::json!([
            { "type": "paragraph", "text": [{ "text": "see", "href": "/posts/b" }, { "text": " <b>&" }] },
            { "type": "figure", "image": { "src": "/news/images/a.webp", "alt": "A",
              "variants": [{ "src": "/news/images/a-480.webp", "width": 480 }] } },
            { "type": "table", "rows": [[[{ "text": "cell" }]]] },
            { "type": "code", "text": "x < 1" }
        ]))
        .unwrap();
        let url = SiteUrl::parse("https://example.org/news").unwrap();
        let posts = [Listed {
            summary: &summary,
            updated_at: None,
            body: &body,
            translations: &[],
        }];
        let xml = atom(&site, &url, &FeedOf::site(&site), &posts);
        let content = xml
            .split("<content type=\"html\">")
            .nth(1)
            .and_then(|rest| rest.split("</content>").next())
            .unwrap();
        for expected in [
            "&lt;a href=&quot;https://example.org/news/posts/b&quot;",
            " &amp;lt;b&amp;gt;&amp;amp;",
            "src=&quot;https://example.org/news/images/a.webp&quot;",
            "https://example.org/news/images/a-480.webp 480w",
            "&lt;td&gt;cell&lt;/td&gt;",
            "x &amp;lt; 1&lt;/code&gt;",
        ] {
            assert!(content.contains(expected), "{expected} in {content}");
        }
        assert!(
            !content.contains('<'),
            "the HTML is escaped as text: {content}"
        );
        // The words of the markup (the photo's label) are the site's language.
        assert!(content.contains("Otevřít fotografii"), "{content}");
    }
}
