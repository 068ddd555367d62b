//! The head a crawler or a link preview reads, written into the HTML itself:
//! title, description, canonical URL, OpenGraph and Twitter tags, the feed's
//! `<link rel="alternate">`, `<html lang>`, and for an article a JSON-LD
//! `NewsArticle`. The app replaces these tags with its own when it starts
//! (they carry `data-gazette-head`), so a page never has two of a kind.
//!
//! Every value comes from content, which is untrusted: text is escaped for
//! the attribute it goes into, and the JSON-LD is escaped so that no `</script>`
//! (nor any `<`) can appear inside its data block.
//!
//! Long because every tag a crawler reads is written and escaped here, in
//! one place, with the one function that finds a written head again.

use gazette_api::{content::article_path, markup::HEAD_ATTR, Image, PostSummary, Site};
use serde_json::json;

/// The site's public address, `https://news.example.org` or
/// `https://example.org/news`, without a trailing slash: what absolute URLs
/// in heads, feeds and sitemaps start with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(String);

impl SiteUrl {
    /// An `http(s)` URL with a host and no query or fragment.
    pub fn parse(text: &str) -> Result<SiteUrl, String> {
        let url = text.trim().trim_end_matches('/');
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let plausible = rest.is_some_and(|rest| {
            !rest.is_empty()
                && !rest.starts_with('/')
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~:/[]%".contains(c))
        });
        if plausible {
            Ok(SiteUrl(url.to_owned()))
        } else {
            Err(format!(
                "{text:?} is not a site URL such as https://news.example.org"
            ))
        }
    }

    /// The address a server listening on `address` answers at.
    pub fn listening_at(address: std::net::SocketAddr, base_path: &str) -> SiteUrl {
        SiteUrl(format!("http://{address}{base_path}"))
    }

    /// The absolute URL of a site path such as `/posts/a`.
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// The absolute URL of a root-relative path that already carries the base
    /// path (an image's `src`, `/news/images/a.webp`); full URLs stay.
    pub fn resource(&self, src: &str) -> String {
        if src.starts_with("https://") || src.starts_with("http://") {
            return src.to_owned();
        }
        format!("{}/{}", self.origin(), src.trim_start_matches('/'))
    }

    /// The site path of a site path such as `/embed/`: the base path added.
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", &self.0[self.origin().len()..])
    }

    /// `https://example.org` of `https://example.org/news`.
    fn origin(&self) -> &str {
        let after_scheme = self.0.find("://").map_or(0, |at| at + 3);
        let end = self.0[after_scheme..]
            .find('/')
            .map_or(self.0.len(), |at| after_scheme + at);
        &self.0[..end]
    }
}

/// What a page's head says.
#[derive(Debug, Clone, PartialEq)]
pub struct PageHead {
    pub lang: String,
    pub title: String,
    pub description: String,
    /// The page's own URL; `None` for the shell every unknown path gets.
    pub url: Option<String>,
    pub site_name: String,
    pub feed_url: String,
    pub article: Option<ArticleHead>,
}

/// What an article's head adds.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleHead {
    pub published: String,
    pub modified: Option<String>,
    pub author: String,
    pub image: Option<SocialImage>,
}

/// The picture a link preview shows, with its size in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct SocialImage {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
}

impl SocialImage {
    /// The cover's `src` file, with the size of that file: the variant's
    /// width when `src` is one of them, the height in proportion.
    fn of(cover: &Image, site_url: &SiteUrl) -> SocialImage {
        let variant = cover.variants.iter().find(|v| v.src == cover.src);
        let (width, height) = match (variant, cover.width, cover.height) {
            (Some(variant), Some(width), Some(height)) if width > 0 => (
                Some(variant.width),
                Some((u64::from(variant.width) * u64::from(height) / u64::from(width)) as u32),
            ),
            (Some(variant), _, _) => (Some(variant.width), None),
            (None, width, height) => (width, height),
        };
        SocialImage {
            url: site_url.resource(&cover.src),
            width,
            height,
            alt: cover.alt.clone(),
        }
    }
}

impl PageHead {
    /// The head of a site-wide page (the front page, the list, the join page),
    /// or with `path` `None` of the shell any other path gets.
    pub fn site(site: &Site, site_url: &SiteUrl, path: Option<&str>, title: &str) -> PageHead {
        PageHead {
            lang: site.lang.clone(),
            title: title.to_owned(),
            description: site.tagline.clone(),
            url: path.map(|path| site_url.page(path)),
            site_name: site.name.clone(),
            feed_url: site_url.page("/feed.xml"),
            article: None,
        }
    }

    /// The head of an article's page.
    pub fn article(
        site: &Site,
        site_url: &SiteUrl,
        summary: &PostSummary,
        updated_at: Option<&str>,
    ) -> PageHead {
        PageHead {
            lang: summary.lang.clone(),
            title: summary.title.clone(),
            description: summary.excerpt.clone(),
            url: Some(site_url.page(&article_path(&summary.slug))),
            site_name: site.name.clone(),
            feed_url: site_url.page("/feed.xml"),
            article: Some(ArticleHead {
                published: summary.published_at.clone(),
                modified: updated_at.map(str::to_owned),
                author: summary.author.name.clone(),
                image: summary
                    .cover
                    .as_ref()
                    .map(|cover| SocialImage::of(cover, site_url)),
            }),
        }
    }

    /// The tags, each marked `data-gazette-head`, every value escaped.
    pub fn render(&self) -> String {
        let mut tags = vec![format!(
            "<title {HEAD_ATTR}>{}</title>",
            attribute(&self.title)
        )];
        let mut meta = |key: &str, name: &str, value: &str| {
            tags.push(format!(
                "<meta {HEAD_ATTR} {key}=\"{name}\" content=\"{}\">",
                attribute(value)
            ));
        };
        meta("name", "description", &self.description);
        meta("property", "og:site_name", &self.site_name);
        meta("property", "og:title", &self.title);
        meta("property", "og:description", &self.description);
        meta("name", "twitter:title", &self.title);
        meta("name", "twitter:description", &self.description);
        let image = self.article.as_ref().and_then(|a| a.image.as_ref());
        meta(
            "name",
            "twitter:card",
            if image.is_some() {
                "summary_large_image"
            } else {
                "summary"
            },
        );
        match &self.article {
            Some(article) => {
                meta("property", "og:type", "article");
                meta("property", "article:published_time", &article.published);
                if let Some(modified) = &article.modified {
                    meta("property", "article:modified_time", modified);
                }
                meta("property", "article:author", &article.author);
            }
            None => meta("property", "og:type", "website"),
        }
        if let Some(image) = image {
            meta("property", "og:image", &image.url);
            if let Some(width) = image.width {
                meta("property", "og:image:width", &width.to_string());
            }
            if let Some(height) = image.height {
                meta("property", "og:image:height", &height.to_string());
            }
            meta("property", "og:image:alt", &image.alt);
        }
        if let Some(url) = &self.url {
            meta("property", "og:url", url);
            tags.push(format!(
                "<link {HEAD_ATTR} rel=\"canonical\" href=\"{}\">",
                attribute(url)
            ));
        }
        tags.push(format!(
            "<link {HEAD_ATTR} rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">",
            attribute(&self.site_name),
            attribute(&self.feed_url)
        ));
        if let Some(json_ld) = self.json_ld() {
            tags.push(format!(
                "<script {HEAD_ATTR} type=\"application/ld+json\">{json_ld}</script>"
            ));
        }
        tags.concat()
    }

    /// The article as schema.org's `NewsArticle`, safe inside a `<script>`.
    fn json_ld(&self) -> Option<String> {
        let article = self.article.as_ref()?;
        let value = json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.description,
            "inLanguage": self.lang,
            "mainEntityOfPage": self.url,
            "image": article.image.as_ref().map(|image| vec![image.url.clone()]).unwrap_or_default(),
            "datePublished": article.published,
            "dateModified": article.modified.as_deref().unwrap_or(&article.published),
            "author": [{ "@type": "Person", "name": article.author }],
            "publisher": { "@type": "Organization", "name": self.site_name },
        });
        Some(script_json(&value.to_string()))
    }

    /// `index_html` with this head: its `<title>` (or a head written before,
    /// so that writing twice changes nothing) replaced by the tags, its
    /// `<html lang>` by the page's language.
    pub fn into_document(&self, index_html: &str) -> String {
        let document = match replaceable_head(index_html) {
            Some((before, after)) => format!("{before}{}{after}", self.render()),
            None => index_html.to_owned(),
        };
        with_html_lang(&document, &self.lang)
    }
}

/// What comes before and after the build's `<title>`, or the tags a
/// [`PageHead::render`] wrote (one run of `data-gazette-head` elements, whose
/// values never hold a raw `>`).
fn replaceable_head(document: &str) -> Option<(&str, &str)> {
    let title = format!("<title {HEAD_ATTR}>");
    let [script, meta, link] = ["script", "meta", "link"].map(|tag| format!("<{tag} {HEAD_ATTR}"));
    if let Some(start) = document.find(&title) {
        let mut rest = &document[start..];
        loop {
            let end = if rest.starts_with(&title) {
                rest.find("</title>").map(|at| at + "</title>".len())
            } else if rest.starts_with(&script) {
                rest.find("</script>").map(|at| at + "</script>".len())
            } else if rest.starts_with(&meta) || rest.starts_with(&link) {
                rest.find('>').map(|at| at + 1)
            } else {
                None
            };
            match end {
                Some(end) => rest = &rest[end..],
                None => return Some((&document[..start], rest)),
            }
        }
    }
    let (before, after) = document.split_once("<title>")?;
    let (_, after) = after.split_once("</title>")?;
    Some((before, after))
}

/// The `<html>` start tag with `lang` set, whatever attributes it had.
fn with_html_lang(document: &str, lang: &str) -> String {
    let Some(start) = document.find("<html") else {
        return document.to_owned();
    };
    let Some(end) = document[start..].find('>').map(|at| start + at) else {
        return document.to_owned();
    };
    format!(
        "{}<html lang=\"{}\">{}",
        &document[..start],
        attribute(lang),
        &document[end + 1..]
    )
}

/// Text content: `&`, `<` and `>` escaped.
pub fn text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A double-quoted attribute value: quotes escaped too.
pub fn attribute(value: &str) -> String {
    text(value).replace('"', "&quot;").replace('\'', "&#39;")
}

/// JSON for a `<script type="application/…json">` data block: `<`, `>` and
/// `&` as JSON escapes, so that nothing in it can close the element or open
/// a comment; the JSON means the same.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        serde_json::from_value(json!({
            "name": "Prague \"Forum\"",
            "tagline": "Bridges & voices",
            "lang": "en",
            "membership": {
                "title": "t", "heading": "h", "text": "x", "call_to_action": "c",
                "consent_text": "k", "privacy_url": "/privacy"
            }
        }))
        .unwrap()
    }

    fn summary(title: &str) -> PostSummary {
        serde_json::from_value(json!({
            "slug": "a-post",
            "title": title,
            "excerpt": "An \"excerpt\" with <b>tags</b>",
            "author": { "name": "Jana" },
            "lang": "cs",
            "published_at": "2024-05-22T09:00:00Z",
            "cover": {
                "src": "/news/images/a-960.webp", "alt": "A 'quoted' alt",
                "width": 1440, "height": 960,
                "variants": [
                    { "src": "/news/images/a-480.webp", "width": 480 },
                    { "src": "/news/images/a-960.webp", "width": 960 }
                ]
            }
        }))
        .unwrap()
    }

    #[test]
    fn site_urls() {
        let url = SiteUrl::parse("https://example.org/news/").unwrap();
        assert_eq!(url.page("/posts/a"), "https://example.org/news/posts/a");
        assert_eq!(
            url.resource("/news/images/a.webp"),
            "https://example.org/news/images/a.webp"
        );
        assert_eq!(
            url.resource("https://cdn.net/a.webp"),
            "https://cdn.net/a.webp"
        );
        assert_eq!(url.path("/embed/"), "/news/embed/");
        let root = SiteUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(
            root.resource("/images/a.webp"),
            "http://127.0.0.1:8080/images/a.webp"
        );
        for bad in [
            "",
            "example.org",
            "ftp://x.org",
            "https://",
            "https://x.org/a b",
            "https://x.org/\"><script>",
            "javascript:alert(1)",
        ] {
            assert!(SiteUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_articles_head_names_everything_a_preview_needs() {
        let url = SiteUrl::parse("https://example.org/news").unwrap();
        let head = PageHead::article(
            &site(),
            &url,
            &summary("Title"),
            Some("2024-06-01T10:00:00Z"),
        );
        let html = head.render();
        for expected in [
            "<title data-gazette-head>Title</title>",
            "property=\"og:type\" content=\"article\"",
            "property=\"og:url\" content=\"https://example.org/news/posts/a-post\"",
            "rel=\"canonical\" href=\"https://example.org/news/posts/a-post\"",
            "property=\"og:image\" content=\"https://example.org/news/images/a-960.webp\"",
            "property=\"og:image:width\" content=\"960\"",
            "property=\"og:image:height\" content=\"640\"",
            "property=\"article:published_time\" content=\"2024-05-22T09:00:00Z\"",
            "property=\"article:author\" content=\"Jana\"",
            "name=\"twitter:card\" content=\"summary_large_image\"",
            "content=\"An &quot;excerpt&quot; with &lt;b&gt;tags&lt;/b&gt;\"",
            "content=\"A &#39;quoted&#39; alt\"",
            "title=\"Prague &quot;Forum&quot;\" href=\"https://example.org/news/feed.xml\"",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
        let json = html
            .split("application/ld+json\">")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .unwrap();
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["@type"], "NewsArticle");
        assert_eq!(value["dateModified"], "2024-06-01T10:00:00Z");
        assert_eq!(value["publisher"]["name"], "Prague \"Forum\"");
        assert_eq!(
            value["image"][0],
            "https://example.org/news/images/a-960.webp"
        );
    }

    #[test]
    fn hostile_text_stays_text() {
        let url = SiteUrl::parse("https://example.org").unwrap();
        let title = "</title></script><script>alert(1)</script><!--";
        let head = PageHead::article(&site(), &url, &summary(title), None);
        let html = head.render();
        assert_eq!(html.matches("<script").count(), 1, "{html}");
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(!html.contains("<!--"));
        assert_eq!(html.matches("</title>").count(), 1);
        let json = html
            .split("ld+json\">")
            .nth(1)
            .unwrap()
            .trim_end_matches("</script>");
        let json = &json[..json.rfind('}').unwrap() + 1];
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["headline"], title, "the JSON means the same");
    }

    #[test]
    fn documents_get_the_head_and_the_language() {
        let url = SiteUrl::parse("https://example.org").unwrap();
        let head = PageHead::site(&site(), &url, Some("/"), "Prague Forum");
        let index =
            "<!doctype html><html lang=en><meta charset=utf-8><title>Gazette</title><body></body>";
        let document = head.into_document(index);
        assert!(document.starts_with("<!doctype html><html lang=\"en\"><meta charset=utf-8><title data-gazette-head>Prague Forum</title>"));
        assert!(document.contains("property=\"og:type\" content=\"website\""));
        assert!(document.ends_with("<body></body>"));
        let shell = PageHead::site(&site(), &url, None, "Prague Forum").render();
        assert!(!shell.contains("canonical") && !shell.contains("og:url"));
        assert_eq!(with_html_lang("<html>", "cs\""), "<html lang=\"cs&quot;\">");
        // Written twice, the second head replaces the first.
        let article = PageHead::article(&site(), &url, &summary("Second"), None);
        let again = article.into_document(&document);
        assert_eq!(again, article.into_document(index));
        assert_eq!(again.matches("<title").count(), 1);
    }
}
