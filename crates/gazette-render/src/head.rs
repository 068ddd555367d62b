//! The head a crawler or a link preview reads, written into the HTML itself:
//! title, description, canonical URL, OpenGraph and Twitter tags, the feed's
//! `<link rel="alternate">`, `<html lang>`, and for an article a JSON-LD
//! `NewsArticle`. One [`PageHead`] per page describes them all: the server
//! writes it into the HTML, and the app keeps those tags when it takes the
//! page over (they carry `data-gazette-head`), writing the next page's from
//! the same description only after in-app navigation.
//!
//! Every value comes from content, which is untrusted: text is escaped for
//! the attribute it goes into, and the JSON-LD is escaped so that no `</script>`
//! (nor any `<`) can appear inside its data block.
//!
//! Long because every tag a crawler reads is written and escaped here, in
//! one place, with the one function that finds a written head again.

use gazette_api::{
    content::{article_path, author_page},
    languages::{edition_path, editions, og_locale, primary, same_language, LanguageOrder},
    markup::HEAD_ATTR,
    Image, PostSummary, Site, Term, Translation,
};
use gazette_i18n::{posts_count_in, text_in, Text, UiLang};

use crate::{
    escape::{attribute, script_json},
    site_url::SiteUrl,
};

/// What a page's head says: one value, from which the server writes the
/// tags into the HTML ([`PageHead::render`]) and the app writes them into
/// the document after in-app navigation ([`PageHead::tags`]), so that the two
/// cannot drift. Built by one function per kind of page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHead {
    /// The page's language: the article's, or the site's.
    pub lang: String,
    pub title: String,
    pub description: String,
    /// The canonical URL; none for a page that is not one (a 404).
    pub url: Option<String>,
    pub site_name: String,
    pub feed_url: String,
    /// The picture a link preview shows.
    pub image: Option<SocialImage>,
    pub article: Option<ArticleHead>,
    /// `noindex` for a page that must not be indexed.
    pub robots: Option<&'static str>,
    /// The page in every language it has, itself included, then
    /// `x-default`: none for a page in one language.
    pub alternates: Vec<Alternate>,
}

/// One language version of a page, for `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    /// A BCP 47 tag, or `x-default`.
    pub hreflang: String,
    /// Absolute.
    pub url: String,
}

impl Alternate {
    fn new(hreflang: &str, url: String) -> Alternate {
        Alternate {
            hreflang: hreflang.to_owned(),
            url,
        }
    }
}

/// The versions of a page of the site (`path`, such as `/posts`) in its
/// editions: the root's in the site's language, each edition's, and the
/// root's again as `x-default`; none for a site with one edition.
pub fn edition_alternates(site: &Site, site_url: &SiteUrl, path: &str) -> Vec<Alternate> {
    let mut alternates = Vec::new();
    let editions = editions(site);
    if editions.is_empty() {
        return alternates;
    }
    let root = site_url.page(path);
    alternates.push(Alternate::new(&site.lang, root.clone()));
    for edition in &editions {
        alternates.push(Alternate::new(
            edition,
            site_url.page(&edition_path(Some(edition), path)),
        ));
    }
    alternates.push(Alternate::new("x-default", root));
    alternates
}

/// The versions of an article: itself and its translations, then as
/// `x-default` the one in the site's language, else the front page; none
/// for an article in one language.
pub fn article_alternates(
    site: &Site,
    site_url: &SiteUrl,
    summary: &PostSummary,
    translations: &[Translation],
) -> Vec<Alternate> {
    if translations.is_empty() {
        return Vec::new();
    }
    // In the site's order of languages, so that every version lists the
    // same links in the same order: the translations come in it (the
    // server sorts them), and the article goes in its place among them.
    let order = LanguageOrder::of(site);
    let version = |lang: &str, slug: &str| Alternate::new(lang, site_url.page(&article_path(slug)));
    let mut versions: Vec<Alternate> = translations
        .iter()
        .map(|t| version(&t.lang, &t.slug))
        .collect();
    let own = order.key(&summary.lang);
    let at = versions
        .iter()
        .position(|other| order.key(&other.hreflang) > own)
        .unwrap_or(versions.len());
    versions.insert(at, version(&summary.lang, &summary.slug));
    let default = versions
        .iter()
        .find(|version| same_language(&version.hreflang, &site.lang))
        .map_or_else(|| site_url.page("/"), |version| version.url.clone());
    let mut alternates = versions;
    alternates.push(Alternate::new("x-default", default));
    alternates
}

/// What only an article's head has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHead {
    pub published: String,
    pub modified: Option<String>,
    pub author: String,
    /// The author's page, when the name makes one: OpenGraph's
    /// `article:author` is a profile URL, and JSON-LD's author has it too.
    pub author_url: Option<String>,
}

/// The picture of a link preview, with the size of the file it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocialImage {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
}

/// The narrowest picture link previews show large without upscaling
/// (Facebook's and LinkedIn's guidance: 1200 px).
pub const SOCIAL_IMAGE_WIDTH: u32 = 1200;

impl SocialImage {
    /// The narrowest variant at least [`SOCIAL_IMAGE_WIDTH`] wide, or when
    /// there is none the picture's `src`; with the size of that file: the
    /// variant's width, the height in proportion. `None` for a picture with
    /// no usable address.
    pub fn of(picture: &Image, site_url: &SiteUrl) -> Option<SocialImage> {
        let wide = picture
            .variants
            .iter()
            .filter(|v| v.width >= SOCIAL_IMAGE_WIDTH)
            .min_by_key(|v| v.width);
        let variant = wide.or_else(|| {
            let src = picture.src.as_ref()?;
            picture.variants.iter().find(|v| v.src == *src)
        });
        let (src, width, height) = match (variant, picture.width, picture.height) {
            (Some(variant), Some(width), Some(height)) if width > 0 => (
                Some(variant.src.as_str()),
                Some(variant.width),
                Some((u64::from(variant.width) * u64::from(height) / u64::from(width)) as u32),
            ),
            (Some(variant), _, _) => (Some(variant.src.as_str()), Some(variant.width), None),
            (None, width, height) => (picture.src.as_deref(), width, height),
        };
        Some(SocialImage {
            url: site_url.resource(src?),
            width,
            height,
            alt: picture.alt.clone(),
        })
    }
}

/// One element of a head: its name, its attributes, and its text (a
/// `<title>`'s, a JSON-LD `<script>`'s), unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadTag {
    pub name: &'static str,
    pub attributes: Vec<(&'static str, String)>,
    pub text: Option<String>,
}

impl HeadTag {
    fn meta(key: &'static str, name: &str, content: &str) -> HeadTag {
        HeadTag {
            name: "meta",
            attributes: vec![(key, name.to_owned()), ("content", content.to_owned())],
            text: None,
        }
    }
}

impl PageHead {
    /// The head every page of the site shares, with its title and
    /// description; `path` is the page's own, when it is one.
    fn site_page(site: &Site, site_url: &SiteUrl, path: Option<&str>) -> PageHead {
        PageHead {
            lang: site.lang.clone(),
            title: site.name.clone(),
            description: site.tagline.clone(),
            url: path.map(|path| site_url.page(path)),
            site_name: site.name.clone(),
            feed_url: site_url.page("/feed.xml"),
            image: site
                .image
                .as_ref()
                .and_then(|image| SocialImage::of(image, site_url)),
            article: None,
            robots: None,
            alternates: Vec::new(),
        }
    }

    /// The head of a page of an edition (`None`: the root's): in its
    /// language, with its feed, and its versions in the other editions.
    fn edition_page(
        site: &Site,
        site_url: &SiteUrl,
        edition: Option<&str>,
        path: &str,
    ) -> PageHead {
        PageHead {
            lang: edition.map_or_else(|| site.lang.clone(), str::to_owned),
            feed_url: site_url.page(&edition_path(edition, "/feed.xml")),
            alternates: edition_alternates(site, site_url, path),
            ..PageHead::site_page(site, site_url, Some(&edition_path(edition, path)))
        }
    }

    /// The front page's head, the root's or an edition's.
    pub fn home(site: &Site, site_url: &SiteUrl, edition: Option<&str>) -> PageHead {
        PageHead::edition_page(site, site_url, edition, "/")
    }

    /// The all-posts page's head, the root's or an edition's: its title in
    /// the UI's language.
    pub fn posts(site: &Site, site_url: &SiteUrl, ui: UiLang, edition: Option<&str>) -> PageHead {
        PageHead {
            title: format!("{} – {}", text_in(ui, Text::NAV_POSTS), site.name),
            ..PageHead::edition_page(site, site_url, edition, "/posts")
        }
    }

    /// The join page's head, the root's or an edition's: the membership
    /// block's title and pitch.
    pub fn join(site: &Site, site_url: &SiteUrl, edition: Option<&str>) -> PageHead {
        PageHead {
            title: site.membership.title.clone(),
            description: site.membership.text.clone(),
            ..PageHead::edition_page(site, site_url, edition, "/join")
        }
    }

    /// The search page's head: its title in the UI's language. With a
    /// `query`, a page of results: not to be indexed (search engines ask
    /// that results pages be kept out); without, the site's search page.
    pub fn search(site: &Site, site_url: &SiteUrl, ui: UiLang, query: Option<&str>) -> PageHead {
        PageHead {
            title: format!("{} – {}", text_in(ui, Text::SEARCH), site.name),
            robots: query.map(|_| "noindex"),
            ..PageHead::site_page(site, site_url, Some("/search"))
        }
    }

    /// The head of a page of the app that is no page of the site (the
    /// confirmation page, the embeds): not to be indexed.
    pub fn unlisted(site: &Site, site_url: &SiteUrl) -> PageHead {
        PageHead {
            robots: Some("noindex"),
            ..PageHead::site_page(site, site_url, None)
        }
    }

    /// The head of a page that does not exist: not to be indexed.
    pub fn not_found(site: &Site, site_url: &SiteUrl, ui: UiLang) -> PageHead {
        PageHead {
            title: text_in(ui, Text::NOT_FOUND_TITLE).to_owned(),
            robots: Some("noindex"),
            ..PageHead::site_page(site, site_url, None)
        }
    }

    /// The head of an article's page, with its versions in other languages.
    pub fn article(
        site: &Site,
        site_url: &SiteUrl,
        summary: &PostSummary,
        updated_at: Option<&str>,
        translations: &[Translation],
    ) -> PageHead {
        PageHead {
            lang: summary.lang.clone(),
            title: summary.title.clone(),
            description: summary.excerpt.clone(),
            url: Some(site_url.page(&article_path(&summary.slug))),
            site_name: site.name.clone(),
            feed_url: site_url.page("/feed.xml"),
            image: summary
                .cover
                .as_ref()
                .and_then(|cover| SocialImage::of(cover, site_url)),
            article: Some(ArticleHead {
                published: summary.published_at.clone(),
                modified: updated_at.map(str::to_owned),
                author: summary.author.name.clone(),
                author_url: author_page(&summary.author.name).map(|path| site_url.page(&path)),
            }),
            robots: None,
            alternates: article_alternates(site, site_url, summary, translations),
        }
    }

    /// The head of a tag's or an author's page (`path`, such as
    /// `/tag/events`): its name as the title, its description (else how
    /// many posts it has), its picture (else the site's), and its own feed.
    pub fn term(site: &Site, site_url: &SiteUrl, path: &str, term: &Term, ui: UiLang) -> PageHead {
        let site_page = PageHead::site_page(site, site_url, Some(path));
        PageHead {
            title: format!("{} – {}", term.name, site.name),
            description: term
                .description
                .clone()
                .unwrap_or_else(|| posts_count_in(ui, term.post_count)),
            feed_url: site_url.page(&format!("{path}/feed.xml")),
            image: term
                .image
                .as_ref()
                .and_then(|image| SocialImage::of(image, site_url))
                .or(site_page.image.clone()),
            ..site_page
        }
    }

    /// The head's elements, in order: the title first.
    pub fn tags(&self) -> Vec<HeadTag> {
        let mut tags = vec![HeadTag {
            name: "title",
            attributes: Vec::new(),
            text: Some(self.title.clone()),
        }];
        let mut meta = |key, name: &str, value: &str| tags.push(HeadTag::meta(key, name, value));
        meta("name", "description", &self.description);
        if let Some(robots) = self.robots {
            meta("name", "robots", robots);
        }
        meta("property", "og:site_name", &self.site_name);
        meta("property", "og:locale", &og_locale(&self.lang));
        let own = primary(&self.lang);
        for alternate in &self.alternates {
            if alternate.hreflang != "x-default" && primary(&alternate.hreflang) != own {
                meta(
                    "property",
                    "og:locale:alternate",
                    &og_locale(&alternate.hreflang),
                );
            }
        }
        meta("property", "og:title", &self.title);
        meta("property", "og:description", &self.description);
        meta("name", "twitter:title", &self.title);
        meta("name", "twitter:description", &self.description);
        let card = match self.image {
            Some(_) => "summary_large_image",
            None => "summary",
        };
        meta("name", "twitter:card", card);
        match &self.article {
            Some(article) => {
                meta("property", "og:type", "article");
                meta("property", "article:published_time", &article.published);
                if let Some(modified) = &article.modified {
                    meta("property", "article:modified_time", modified);
                }
                let author = article.author_url.as_ref().unwrap_or(&article.author);
                meta("property", "article:author", author);
            }
            None => meta("property", "og:type", "website"),
        }
        if let Some(image) = &self.image {
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
            tags.push(HeadTag {
                name: "link",
                attributes: vec![("rel", "canonical".to_owned()), ("href", url.clone())],
                text: None,
            });
        }
        for alternate in &self.alternates {
            tags.push(HeadTag {
                name: "link",
                attributes: vec![
                    ("rel", "alternate".to_owned()),
                    ("hreflang", alternate.hreflang.clone()),
                    ("href", alternate.url.clone()),
                ],
                text: None,
            });
        }
        tags.push(HeadTag {
            name: "link",
            attributes: vec![
                ("rel", "alternate".to_owned()),
                ("type", "application/atom+xml".to_owned()),
                ("title", self.site_name.clone()),
                ("href", self.feed_url.clone()),
            ],
            text: None,
        });
        if let Some(json_ld) = self.json_ld() {
            tags.push(HeadTag {
                name: "script",
                attributes: vec![("type", "application/ld+json".to_owned())],
                text: Some(json_ld),
            });
        }
        tags
    }

    /// The tags as HTML, each marked `data-gazette-head`, every value escaped.
    pub fn render(&self) -> String {
        let mut html = String::new();
        for tag in self.tags() {
            html.push_str(&format!("<{} {HEAD_ATTR}", tag.name));
            for (name, value) in &tag.attributes {
                html.push_str(&format!(" {name}=\"{}\"", attribute(value)));
            }
            html.push('>');
            match (tag.name, &tag.text) {
                ("script", Some(json)) => html.push_str(&format!("{}</script>", script_json(json))),
                (name, Some(text)) => html.push_str(&format!("{}</{name}>", attribute(text))),
                (_, None) => {}
            }
        }
        html
    }

    /// The article as schema.org's `NewsArticle`, as JSON.
    fn json_ld(&self) -> Option<String> {
        let article = self.article.as_ref()?;
        let mut json = JsonObject::new();
        json.string("@context", "https://schema.org");
        json.string("@type", "NewsArticle");
        json.string("headline", &self.title);
        json.string("description", &self.description);
        json.string("inLanguage", &self.lang);
        match &self.url {
            Some(url) => json.string("mainEntityOfPage", url),
            None => json.raw("mainEntityOfPage", "null"),
        }
        let images: Vec<String> = self.image.iter().map(|i| json_string(&i.url)).collect();
        json.raw("image", &format!("[{}]", images.join(",")));
        json.string("datePublished", &article.published);
        let modified = article.modified.as_deref().unwrap_or(&article.published);
        json.string("dateModified", modified);
        let mut author = JsonObject::new();
        author.string("@type", "Person");
        author.string("name", &article.author);
        if let Some(url) = &article.author_url {
            author.string("url", url);
        }
        json.raw("author", &format!("[{}]", author.end()));
        let mut publisher = JsonObject::new();
        publisher.string("@type", "Organization");
        publisher.string("name", &self.site_name);
        json.raw("publisher", &publisher.end());
        Some(json.end())
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

/// A JSON object written field by field: the head's JSON-LD, made without
/// a JSON library so that the app does not link one for it.
struct JsonObject(String);

impl JsonObject {
    fn new() -> JsonObject {
        JsonObject(String::from("{"))
    }

    fn raw(&mut self, key: &str, json: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push_str(&json_string(key));
        self.0.push(':');
        self.0.push_str(json);
    }

    fn string(&mut self, key: &str, value: &str) {
        self.raw(key, &json_string(value));
    }

    fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn json_string(value: &str) -> String {
    let mut json = String::with_capacity(value.len() + 2);
    json.push('"');
    for c in value.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            '\n' => json.push_str("\\n"),
            '\r' => json.push_str("\\r"),
            '\t' => json.push_str("\\t"),
            c if u32::from(c) < 0x20 => json.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => json.push(c),
        }
    }
    json.push('"');
    json
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    fn the_search_page_is_indexed_and_its_results_are_not() {
        let url = SiteUrl::parse("https://example.org").unwrap();
        let page = PageHead::search(&site(), &url, UiLang::Cs, None);
        assert_eq!(page.robots, None);
        assert!(page.title.starts_with("Hledat – "), "{}", page.title);
        assert_eq!(page.url.as_deref(), Some("https://example.org/search"));
        let results = PageHead::search(&site(), &url, UiLang::En, Some("vyzkum"));
        assert_eq!(results.robots, Some("noindex"));
    }

    #[test]
    fn an_articles_head_names_everything_a_preview_needs() {
        let url = SiteUrl::parse("https://example.org/news").unwrap();
        let head = PageHead::article(
            &site(),
            &url,
            &summary("Title"),
            Some("2024-06-01T10:00:00Z"),
            &[],
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
            // A profile URL, as OpenGraph asks, and JSON-LD's author's `url`.
            "property=\"article:author\" content=\"https://example.org/news/author/jana\"",
            "\"author\":[{\"@type\":\"Person\",\"name\":\"Jana\",\"url\":\"https://example.org/news/author/jana\"}]",
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
        let head = PageHead::article(&site(), &url, &summary(title), None, &[]);
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
        let head = PageHead {
            title: "Prague Forum".to_owned(),
            ..PageHead::home(&site(), &url, None)
        };
        let index =
            "<!doctype html><html lang=en><meta charset=utf-8><title>Gazette</title><body></body>";
        let document = head.into_document(index);
        assert!(document.starts_with("<!doctype html><html lang=\"en\"><meta charset=utf-8><title data-gazette-head>Prague Forum</title>"));
        assert!(document.contains("property=\"og:type\" content=\"website\""));
        assert!(document.ends_with("<body></body>"));
        let shell = PageHead::not_found(&site(), &url, UiLang::En).render();
        assert!(!shell.contains("canonical") && !shell.contains("og:url"));
        assert_eq!(with_html_lang("<html>", "cs\""), "<html lang=\"cs&quot;\">");
        // Written twice, the second head replaces the first.
        let article = PageHead::article(&site(), &url, &summary("Second"), None, &[]);
        let again = article.into_document(&document);
        assert_eq!(again, article.into_document(index));
        assert_eq!(again.matches("<title").count(), 1);
    }

    fn picture(widths: &[u32]) -> Image {
        serde_json::from_value(json!({
            "src": "/images/a-960.webp", "alt": "A bridge", "width": 1440, "height": 960,
            "variants": widths.iter().map(|w| json!({ "src": format!("/images/a-{w}.webp"), "width": w })).collect::<Vec<_>>()
        }))
        .unwrap()
    }

    #[test]
    fn previews_get_the_narrowest_picture_at_least_1200_wide() {
        let url = SiteUrl::parse("https://example.org").unwrap();
        let wide = SocialImage::of(&picture(&[480, 960, 1440, 2400]), &url).unwrap();
        assert_eq!(wide.url, "https://example.org/images/a-1440.webp");
        assert_eq!((wide.width, wide.height), (Some(1440), Some(960)));
        // None as wide: the picture's own file, as before.
        let narrow = SocialImage::of(&picture(&[480, 960]), &url).unwrap();
        assert_eq!(narrow.url, "https://example.org/images/a-960.webp");
        assert_eq!((narrow.width, narrow.height), (Some(960), Some(640)));
    }

    #[test]
    fn every_page_of_the_site_has_a_description_and_the_sites_picture() {
        let url = SiteUrl::parse("https://example.org").unwrap();
        let mut site = site();
        site.membership.text = "Be part of it".to_owned();
        site.image = Some(picture(&[480, 960, 1440]));
        let pages = [
            PageHead::home(&site, &url, None),
            PageHead::posts(&site, &url, UiLang::Cs, None),
            PageHead::join(&site, &url, None),
        ];
        for head in &pages {
            let html = head.render();
            assert!(
                html.contains(
                    "property=\"og:image\" content=\"https://example.org/images/a-1440.webp\""
                ),
                "{html}"
            );
            assert!(html.contains("name=\"description\" content=\""), "{html}");
            assert!(
                !html.contains("ld+json") && !html.contains("robots"),
                "{html}"
            );
        }
        assert_eq!(pages[1].title, "Příspěvky – Prague \"Forum\"");
        assert_eq!(pages[1].url.as_deref(), Some("https://example.org/posts"));
        assert_eq!(pages[2].description, "Be part of it");
        let missing = PageHead::not_found(&site, &url, UiLang::En).render();
        assert!(missing.contains("<meta data-gazette-head name=\"robots\" content=\"noindex\">"));
    }

    fn links(head: &PageHead) -> Vec<(String, String)> {
        head.tags()
            .into_iter()
            .filter(|tag| tag.attributes.iter().any(|(name, _)| *name == "hreflang"))
            .map(|tag| (tag.attributes[1].1.clone(), tag.attributes[2].1.clone()))
            .collect()
    }

    fn metas(head: &PageHead, property: &str) -> Vec<String> {
        head.tags()
            .into_iter()
            .filter(|tag| {
                tag.attributes
                    .first()
                    .is_some_and(|(_, value)| value == property)
            })
            .map(|tag| tag.attributes[1].1.clone())
            .collect()
    }

    #[test]
    fn every_version_of_a_page_names_every_version_itself_included_and_a_default() {
        let url = SiteUrl::parse("https://example.org").unwrap();
        let mut site = site();
        let alone = PageHead::article(&site, &url, &summary("Titulek"), None, &[]);
        assert!(links(&alone).is_empty());
        assert_eq!(metas(&alone, "og:locale"), ["cs_CZ"]);
        assert!(metas(&alone, "og:locale:alternate").is_empty());

        let english = Translation {
            lang: "en".into(),
            slug: "a-post-in-english".into(),
            title: "Title".into(),
        };
        let head = PageHead::article(
            &site,
            &url,
            &summary("Titulek"),
            None,
            std::slice::from_ref(&english),
        );
        let pair = |lang: &str, path: &str| (lang.to_owned(), format!("https://example.org{path}"));
        assert_eq!(
            links(&head),
            // The site's language first, whichever version this is.
            [
                pair("en", "/posts/a-post-in-english"),
                pair("cs", "/posts/a-post"),
                pair("x-default", "/posts/a-post-in-english"),
            ]
        );
        assert_eq!(metas(&head, "og:locale:alternate"), ["en_GB"]);
        let ukrainian = Translation {
            lang: "uk".into(),
            ..english
        };
        let head = PageHead::article(&site, &url, &summary("Titulek"), None, &[ukrainian]);
        assert_eq!(
            links(&head)[2],
            pair("x-default", "/"),
            "no English version: the front page"
        );

        // Editions: the root's page, each edition's, and the root's as the default.
        assert!(links(&PageHead::home(&site, &url, None)).is_empty());
        site.languages = vec!["en".into(), "cs".into(), "uk".into()];
        let czech = PageHead::posts(&site, &url, UiLang::Cs, Some("cs"));
        let expected = [
            pair("en", "/posts"),
            pair("cs", "/cs/posts"),
            pair("uk", "/uk/posts"),
            pair("x-default", "/posts"),
        ];
        assert_eq!(links(&czech), expected);
        assert_eq!(
            links(&PageHead::posts(&site, &url, UiLang::En, None)),
            expected
        );
        assert_eq!(
            (czech.lang.as_str(), czech.url.as_deref()),
            ("cs", Some("https://example.org/cs/posts"))
        );
        assert_eq!(czech.feed_url, "https://example.org/cs/feed.xml");
        assert_eq!(metas(&czech, "og:locale:alternate"), ["en_GB", "uk_UA"]);
        let home = PageHead::home(&site, &url, Some("uk"));
        assert_eq!(home.url.as_deref(), Some("https://example.org/uk/"));
        assert_eq!(links(&home)[2], pair("uk", "/uk/"));
    }

    #[test]
    fn json_strings_escape_what_json_must() {
        let text = "a\"b\\c\nd\u{1}e</script>";
        let json = json_string(text);
        assert_eq!(json, "\"a\\\"b\\\\c\\nd\\u0001e</script>\"");
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
    }
}
