//! The body of a page as the app renders it, written as HTML on the server,
//! so that a reader sees the article before the wasm arrives, and a crawler
//! or a reader without JavaScript sees it at all.
//!
//! This mirrors the app's components element for element (the same tags,
//! classes, `lang` attributes, reserved image boxes and `<time datetime>`),
//! from the same contract types and the same shared rules: the words from
//! `gazette-i18n`, the link allow-list, the URL break points and `srcset`
//! from `gazette-api`. What cannot be shared, the markup, is held equal by
//! `tests/e2e/prerender.spec.ts`, which compares this DOM with the app's.
//!
//! Every value comes from content, which is untrusted: [`Html`] escapes each
//! text and attribute value it writes, and tag and attribute names are never
//! content. Long because it is one page's worth of markup.

use gazette_api::markup::{class, id};
use gazette_api::markup::{CHUNK_ATTR, DATA_BLOCK_ID, PRERENDER_ATTR};
use gazette_api::{
    content::{
        article_path, author_page, is_current_page, player_url, reading_minutes,
        recent_posts_count, tag_path, url_break_pieces, url_host, RECENT_POSTS_DEFAULT,
    },
    images::{
        full_src, srcset, ARTICLE_IMAGE_SIZES, GALLERY_SIZES, TERM_PICTURE_SIZES, THUMBNAIL_SIZES,
    },
    languages::{edition_path, Version},
    slug::slug_of,
    Block, Image, PostPage, PostSummary, Site, Span, Term,
};
use gazette_i18n::{
    language_name, long_date, minutes_to_read_in, open_photo_in, page_ui, posts_count_in, text_in,
    Text, UiLang,
};

use crate::escape::{attribute, script_json, text};
use std::path::Path;

mod join;

pub use join::join_page;

/// What the prerender needs to know of the app's build: the base path its
/// links start with, and from its `config.json` the UI language and how many
/// recent posts it shows, read with the app's own rules, and the file itself,
/// which a page's data block carries (so `config.json` is read when the
/// pages are written: after changing it, write them again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSettings {
    /// `""` or `/news`.
    pub base: String,
    /// `config.json`'s `lang`.
    pub lang: Option<UiLang>,
    pub recent_posts: u32,
    /// `config.json`'s `play_embeds`: videos may be played in the page.
    pub play_embeds: bool,
    /// `config.json`'s text.
    pub config_json: String,
}

impl AppSettings {
    /// The settings of the build in `dist`; `None` when its `config.json` is
    /// missing or holds a value the app refuses (the app will not start, so
    /// no page is prerendered for it to take over).
    pub fn read(dist: &Path, base: &str) -> Option<AppSettings> {
        let text = std::fs::read_to_string(dist.join("config.json")).ok()?;
        AppSettings::parse(&text, base)
    }

    fn parse(config_json: &str, base: &str) -> Option<AppSettings> {
        let config: serde_json::Value = serde_json::from_str(config_json).ok()?;
        let lang = match config.get("lang") {
            None => None,
            Some(tag) => Some(UiLang::from_tag(tag.as_str()?)?),
        };
        let recent_posts = match config.get("recent_posts") {
            None => RECENT_POSTS_DEFAULT,
            Some(count) => recent_posts_count(count.as_i64()?)?,
        };
        let play_embeds = match config.get("play_embeds") {
            None => false,
            Some(play) => play.as_bool()?,
        };
        Some(AppSettings {
            base: base.trim_end_matches('/').to_owned(),
            lang,
            recent_posts,
            play_embeds,
            config_json: config_json.to_owned(),
        })
    }

    /// The UI language of the app as it starts: `config.json`'s, else the
    /// site's when the UI speaks it, else English.
    pub fn ui(&self, site: &Site) -> UiLang {
        self.ui_for(site, None)
    }

    /// The UI language of a page in `page_lang` (an article's, an
    /// edition's), as the app chooses it ([`page_ui`]).
    pub fn ui_for(&self, site: &Site, page_lang: Option<&str>) -> UiLang {
        page_ui(self.lang, page_lang, &site.lang)
    }
}

/// A document with a prerendered body: in place of the build's `<noscript>`
/// (which says the site needs JavaScript, no longer true of this page), or
/// at the start of `<body>`. The wasm's preload link goes: the reader has
/// the page already, and fetching the app first would hold back its pictures
/// (the loader fetches it once they have loaded; see `Trunk.toml`).
pub fn with_body(document: &str, body: &str) -> String {
    let document = without_wasm_preload(document);
    let document = document.as_str();
    if let Some(start) = document.find("<noscript>") {
        if let Some(end) = document[start..].find("</noscript>") {
            let end = start + end + "</noscript>".len();
            return format!("{}{body}{}", &document[..start], &document[end..]);
        }
    }
    match document.find("<body>") {
        Some(at) => {
            let at = at + "<body>".len();
            format!("{}{body}{}", &document[..at], &document[at..])
        }
        None => document.to_owned(),
    }
}

/// What a prerendered page carries for the app, as the API would send it:
/// the site, the article (on an article's page), the first page of posts
/// the page asks for (`limit` long: the front page's and the recent-posts
/// widget's are the same; none on the join page), and `config.json`'s text.
pub struct PageData<'a> {
    pub config_json: &'a str,
    pub site_json: &'a [u8],
    /// The article of an article's page.
    pub article_json: Option<&'a [u8]>,
    /// The `limit` asked for and the page's JSON.
    pub recent: Option<(u32, &'a str)>,
    /// The tag or author of a tag's or an author's page, as JSON.
    pub term: Option<&'a str>,
}

impl PageData<'_> {
    /// The non-executable `<script type="application/json">` holding it,
    /// escaped so that no `</script>` (nor any `<`) in the content can close
    /// it; the strict CSP needs no hash for a block that never runs.
    pub fn block(&self) -> String {
        let recent = match self.recent {
            Some((limit, page)) => format!(r#"{{"limit":{limit},"page":{page}}}"#),
            None => "null".to_owned(),
        };
        let data = format!(
            r#"{{"config":{},"site":{},"article":{},"recent":{recent},"term":{}}}"#,
            serde_json::Value::from(self.config_json),
            String::from_utf8_lossy(self.site_json),
            self.article_json
                .map_or("null".into(), String::from_utf8_lossy),
            self.term.unwrap_or("null"),
        );
        format!(
            r#"<script type="application/json" id="{DATA_BLOCK_ID}">{}</script>"#,
            script_json(&data)
        )
    }
}

/// `document` without its `<link rel=preload>` of a `.wasm` file.
fn without_wasm_preload(document: &str) -> String {
    let mut kept = String::with_capacity(document.len());
    let mut rest = document;
    while let Some(start) = rest.find("<link") {
        let Some(length) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..=start + length];
        kept.push_str(&rest[..start]);
        if !(tag.contains("preload") && tag.contains(".wasm")) {
            kept.push_str(tag);
        }
        rest = &rest[start + length + 1..];
    }
    kept.push_str(rest);
    kept
}

/// HTML being written: every text and attribute value escaped on the way in.
#[derive(Default)]
struct Html(String);

impl Html {
    /// `<tag a="v"…>`; attributes whose value is `None` are left out.
    fn open(&mut self, tag: &'static str, attributes: &[(&'static str, Option<&str>)]) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            if let Some(value) = value {
                self.0
                    .push_str(&format!(" {name}=\"{}\"", attribute(value)));
            }
        }
        self.0.push('>');
    }

    fn close(&mut self, tag: &'static str) {
        self.0.push_str(&format!("</{tag}>"));
    }

    fn text(&mut self, value: &str) {
        self.0.push_str(&text(value));
    }

    /// `<tag …>text</tag>`.
    fn element(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, Option<&str>)],
        value: &str,
    ) {
        self.open(tag, attributes);
        self.text(value);
        self.close(tag);
    }
}

/// What every page of the site shares: the site, the UI language, the base
/// path links start with, and the page's own path (for `aria-current`).
pub struct Frame<'a> {
    pub site: &'a Site,
    pub ui: UiLang,
    /// `""` or `/news`.
    pub base: &'a str,
    /// The page's site path, `/posts/a`.
    pub path: &'a str,
    /// Videos may be played in the page (`AppSettings::play_embeds`).
    pub play_embeds: bool,
    /// The edition the page belongs to (`None`: the root's), which the
    /// header's links and the recent posts' "See all" lead into.
    pub edition: Option<&'a str>,
    /// The page in other languages, for the language switcher.
    pub versions: Vec<Version>,
    /// The app's split point that holds the page's code, when it is not in
    /// the main wasm ([`CHUNK_ATTR`]).
    pub chunk: Option<&'a str>,
}

impl Frame<'_> {
    fn href(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A site path in the page's edition: `/posts` is `/cs/posts` on a Czech page.
    fn in_edition(&self, path: &str) -> String {
        edition_path(self.edition, path)
    }

    /// `lang` for content in `lang` when it is not the UI's (as the app's
    /// `foreign_lang`).
    fn foreign<'l>(&self, lang: &'l str) -> Option<&'l str> {
        (UiLang::from_tag(lang) != Some(self.ui) && !lang.trim().is_empty()).then_some(lang)
    }

    fn site_lang(&self) -> Option<&str> {
        self.foreign(&self.site.lang)
    }

    fn words(&self, words: Text) -> &'static str {
        text_in(self.ui, words)
    }

    /// A link to a site page.
    fn link(
        &self,
        html: &mut Html,
        path: &str,
        class: Option<&str>,
        lang: Option<&str>,
        label: &str,
    ) {
        let href = self.href(path);
        html.element(
            "a",
            &[("href", Some(&href)), ("class", class), ("lang", lang)],
            label,
        );
    }

    /// A navigation link, `aria-current="page"` by the app's rule (`NavLink`).
    fn nav_link(&self, html: &mut Html, path: &str, exact: bool, label: &str) {
        let href = self.href(path);
        let current = is_current_page(&self.href(self.path), &href, exact);
        html.element(
            "a",
            &[
                ("href", Some(&href)),
                ("aria-current", current.then_some("page")),
            ],
            label,
        );
    }
}

/// An article's page: the article, the recent posts (the newest of
/// `recent`, the article left out, `limit` of them) and the membership call
/// to action.
pub fn article_page(
    frame: &Frame,
    article: (&PostSummary, &[String], &[Block]),
    recent: &[&PostSummary],
    limit: u32,
) -> String {
    site_page(frame, |html| {
        article_view(html, frame, article);
        let others: Vec<&PostSummary> = recent
            .iter()
            .copied()
            .filter(|post| post.slug != article.0.slug)
            .take(limit as usize)
            .collect();
        recent_posts(html, frame, &others);
        membership_cta(html, frame);
    })
}

/// The front page (`HomePage`): the site's name as the hidden `h1`, the
/// newest of `posts` large, the others under "Recent posts", the membership
/// call to action.
pub fn home_page(frame: &Frame, posts: &[&PostSummary]) -> String {
    site_page(frame, |html| {
        html.element(
            "h1",
            &[
                ("class", Some(class::VISUALLY_HIDDEN)),
                ("lang", frame.site_lang()),
            ],
            &frame.site.name,
        );
        match posts.split_first() {
            None => html.element(
                "p",
                &[("class", Some(class::EMPTY_STATE))],
                frame.words(Text::NO_POSTS_YET),
            ),
            Some((lead, others)) => {
                lead_story(html, frame, lead);
                recent_posts(html, frame, others);
            }
        }
        membership_cta(html, frame);
    })
}

/// `SiteLayout` around a page's content, wrapped in the element the app
/// removes when it takes the page over.
fn site_page(frame: &Frame, content: impl FnOnce(&mut Html)) -> String {
    let mut html = Html::default();
    html.open(
        "div",
        &[
            ("class", Some(class::PRERENDER)),
            (PRERENDER_ATTR, Some("")),
            (CHUNK_ATTR, frame.chunk),
        ],
    );
    site_header(&mut html, frame);
    // The app's status region (src/offline.rs), empty until there is news.
    html.open(
        "div",
        &[
            ("class", Some(class::CONNECTION_STATUS)),
            ("role", Some("status")),
        ],
    );
    html.close("div");
    html.open(
        "main",
        &[
            ("id", Some(id::MAIN)),
            ("class", Some(class::SITE_MAIN)),
            ("tabindex", Some("-1")),
        ],
    );
    language_switcher(&mut html, frame);
    content(&mut html);
    html.close("main");
    site_footer(&mut html, frame);
    html.close("div");
    html.0
}

/// `LeadStory`: the newest post, large.
fn lead_story(html: &mut Html, frame: &Frame, post: &PostSummary) {
    html.open(
        "article",
        &[
            ("class", Some(class::LEAD_STORY)),
            ("lang", Some(&post.lang)),
        ],
    );
    if let Some(cover) = &post.cover {
        responsive_image(html, cover, ARTICLE_IMAGE_SIZES, true);
    }
    html.open("h2", &[("class", Some(class::LEAD_STORY_TITLE))]);
    let path = article_path(&post.slug);
    frame.link(html, &path, None, None, &post.title);
    html.close("h2");
    html.element(
        "p",
        &[("class", Some(class::LEAD_STORY_EXCERPT))],
        &post.excerpt,
    );
    post_meta(html, frame, post, post.reading_minutes);
    html.close("article");
}

/// `LanguageSwitcher`: a link to each of the page's versions in other
/// languages, named in its own; nothing for a page in one language.
fn language_switcher(html: &mut Html, frame: &Frame) {
    if frame.versions.is_empty() {
        return;
    }
    html.open(
        "nav",
        &[
            ("class", Some(class::LANGUAGE_SWITCHER)),
            ("aria-label", Some(frame.words(Text::OTHER_LANGUAGES))),
        ],
    );
    html.open("ul", &[]);
    for version in &frame.versions {
        html.open("li", &[]);
        let href = frame.href(&version.path);
        html.element(
            "a",
            &[
                ("href", Some(&href)),
                ("hreflang", Some(&version.lang)),
                ("lang", Some(&version.lang)),
            ],
            language_name(&version.lang),
        );
        html.close("li");
    }
    html.close("ul");
    html.close("nav");
}

/// `SiteHeader`: the skip link, the name, the tagline, the navigation.
fn site_header(html: &mut Html, frame: &Frame) {
    // The page's own URL with the fragment: a bare `#main` would resolve
    // against `<base href>`, to the front page. The target leaves the link
    // to the browser, which moves the focus (the app's `fragment_href`).
    let skip_href = format!("{}#{}", frame.href(frame.path), id::MAIN);
    html.element(
        "a",
        &[
            ("class", Some(class::SKIP_LINK)),
            ("href", Some(&skip_href)),
            ("target", Some("_self")),
        ],
        frame.words(Text::SKIP_TO_CONTENT),
    );
    html.open("header", &[("class", Some(class::SITE_HEADER))]);
    html.open("div", &[("class", Some(class::SITE_HEADER_INNER))]);
    let site_lang = frame.site_lang();
    frame.link(
        html,
        &frame.in_edition("/"),
        Some(class::SITE_HEADER_NAME),
        site_lang,
        &frame.site.name,
    );
    html.element(
        "p",
        &[
            ("class", Some(class::SITE_HEADER_TAGLINE)),
            ("lang", site_lang),
        ],
        &frame.site.tagline,
    );
    html.open(
        "nav",
        &[
            ("class", Some(class::SITE_NAV)),
            ("aria-label", Some(frame.words(Text::MAIN_NAVIGATION))),
        ],
    );
    frame.nav_link(
        html,
        &frame.in_edition("/"),
        true,
        frame.words(Text::NAV_HOME),
    );
    frame.nav_link(
        html,
        &frame.in_edition("/posts"),
        false,
        frame.words(Text::NAV_POSTS),
    );
    frame.nav_link(
        html,
        &frame.in_edition("/join"),
        false,
        frame.words(Text::NAV_JOIN),
    );
    html.close("nav");
    site_search(html, frame);
    html.close("div");
    html.close("header");
}

/// `SiteSearch`: a plain GET form to the search page (the app follows it in
/// place; without the app, the browser does).
fn site_search(html: &mut Html, frame: &Frame) {
    let action = frame.href("/search");
    html.open(
        "form",
        &[
            ("class", Some(class::SITE_SEARCH)),
            ("role", Some("search")),
            ("action", Some(&action)),
            ("method", Some("get")),
        ],
    );
    html.element(
        "label",
        &[
            ("class", Some(class::VISUALLY_HIDDEN)),
            ("for", Some(id::SITE_SEARCH_QUERY)),
        ],
        frame.words(Text::SEARCH_LABEL),
    );
    search_field(html, id::SITE_SEARCH_QUERY, class::SITE_SEARCH_INPUT, None);
    html.element(
        "button",
        &[
            ("class", Some(class::SITE_SEARCH_BUTTON)),
            ("type", Some("submit")),
        ],
        frame.words(Text::SEARCH),
    );
    html.close("form");
}

/// `SiteFooter`.
fn site_footer(html: &mut Html, frame: &Frame) {
    html.open("footer", &[("class", Some(class::SITE_FOOTER))]);
    html.open("p", &[]);
    html.text("© ");
    html.element("span", &[("lang", frame.site_lang())], &frame.site.name);
    html.close("p");
    html.element("p", &[], frame.words(Text::POWERED_BY));
    html.close("footer");
}

/// `ArticleView`: the header with the byline and the tags, then the body.
fn article_view(
    html: &mut Html,
    frame: &Frame,
    (summary, tags, body): (&PostSummary, &[String], &[Block]),
) {
    let minutes = summary
        .reading_minutes
        .filter(|minutes| *minutes > 0)
        .unwrap_or_else(|| reading_minutes(body));
    html.open(
        "article",
        &[
            ("class", Some(class::ARTICLE)),
            ("lang", Some(&summary.lang)),
        ],
    );
    html.open("header", &[("class", Some(class::ARTICLE_HEADER))]);
    html.element(
        "h1",
        &[("class", Some(class::ARTICLE_TITLE))],
        &summary.title,
    );
    post_meta(html, frame, summary, Some(minutes));
    article_tags(html, frame, tags);
    html.close("header");
    html.open("div", &[("class", Some(class::ARTICLE_BODY))]);
    blocks(html, frame, body);
    html.close("div");
    html.close("article");
}

/// `ArticleTags`: each tag that makes a slug, linking to its page; nothing
/// without one.
fn article_tags(html: &mut Html, frame: &Frame, tags: &[String]) {
    let linked: Vec<(String, &String)> = tags
        .iter()
        .filter_map(|tag| Some((frame.href(&tag_path(&slug_of(tag)?)), tag)))
        .collect();
    if linked.is_empty() {
        return;
    }
    html.open(
        "ul",
        &[
            ("class", Some(class::ARTICLE_TAGS)),
            ("aria-label", Some(frame.words(Text::TAGS))),
        ],
    );
    for (href, tag) in &linked {
        html.open("li", &[]);
        html.element("a", &[("href", Some(href))], tag);
        html.close("li");
    }
    html.close("ul");
}

/// `ArticleBody`: the blocks in reading order, the images counted as the
/// lightbox's slides.
fn blocks(html: &mut Html, frame: &Frame, body: &[Block]) {
    let mut slides = 0;
    for block in body {
        block_view(html, frame, block, &mut slides);
    }
}

/// An article's blocks alone, as `ArticleBody` renders them: what the tests
/// compare with the app's markup, block type by block type.
pub fn article_body(frame: &Frame, body: &[Block]) -> String {
    let mut html = Html(String::new());
    blocks(&mut html, frame, body);
    html.0
}

/// `PostMeta`: author, date, and the reading time when given.
fn post_meta(html: &mut Html, frame: &Frame, summary: &PostSummary, minutes: Option<u32>) {
    html.open(
        "p",
        &[
            ("class", Some(class::POST_META)),
            ("lang", Some(frame.ui.code())),
        ],
    );
    html.open("span", &[("class", Some(class::POST_META_AUTHOR))]);
    match author_page(&summary.author.name) {
        Some(path) => html.element(
            "a",
            &[("href", Some(&frame.href(&path)))],
            &summary.author.name,
        ),
        None => html.text(&summary.author.name),
    }
    html.close("span");
    html.element(
        "time",
        &[("datetime", Some(&summary.published_at))],
        &long_date(&summary.published_at, frame.ui),
    );
    if let Some(minutes) = minutes {
        html.element("span", &[], &minutes_to_read_in(frame.ui, minutes));
    }
    html.close("p");
}

/// One block, as `ArticleBody`'s `block_view`; `slides` counts the images
/// before it (the first one loads eagerly).
fn block_view(html: &mut Html, frame: &Frame, block: &Block, slides: &mut usize) {
    let priority = *slides == 0;
    match block {
        Block::Paragraph { text } => {
            html.open("p", &[]);
            inline_text(html, text);
            html.close("p");
        }
        Block::Heading { level, text } => {
            let tag = match level {
                0..=2 => "h2",
                3 => "h3",
                _ => "h4",
            };
            html.open(tag, &[]);
            inline_text(html, text);
            html.close(tag);
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            html.open(tag, &[]);
            for spans in items {
                html.open("li", &[]);
                inline_text(html, spans);
                html.close("li");
            }
            html.close(tag);
        }
        Block::Quote { text, attribution } => {
            html.open("figure", &[("class", Some(class::QUOTE))]);
            html.open("blockquote", &[]);
            html.open("p", &[]);
            inline_text(html, text);
            html.close("p");
            html.close("blockquote");
            if let Some(who) = attribution {
                html.element(
                    "figcaption",
                    &[("class", Some(class::QUOTE_ATTRIBUTION))],
                    who,
                );
            }
            html.close("figure");
        }
        Block::Figure { image } => {
            html.open("figure", &[("class", Some(class::FIGURE))]);
            zoom_button(html, frame, image, *slides, ARTICLE_IMAGE_SIZES, priority);
            image_caption(html, frame, image);
            html.close("figure");
            *slides += 1;
        }
        Block::Gallery { images, caption } => {
            html.open("figure", &[("class", Some(class::GALLERY))]);
            html.open("ul", &[("class", Some(class::GALLERY_GRID))]);
            for (index, image) in images.iter().enumerate() {
                html.open("li", &[]);
                html.open("figure", &[("class", Some(class::GALLERY_ITEM))]);
                zoom_button(
                    html,
                    frame,
                    image,
                    *slides + index,
                    GALLERY_SIZES,
                    priority && index == 0,
                );
                image_caption(html, frame, image);
                html.close("figure");
                html.close("li");
            }
            html.close("ul");
            if let Some(caption) = caption {
                html.element(
                    "figcaption",
                    &[("class", Some(class::GALLERY_CAPTION))],
                    caption,
                );
            }
            html.close("figure");
            *slides += images.len();
        }
        Block::Table {
            caption,
            header_row,
            header_column,
            rows,
        } => table(
            html,
            frame,
            caption.as_deref(),
            (*header_row, *header_column),
            rows,
        ),
        Block::Code {
            text,
            language,
            caption,
        } => {
            html.open("figure", &[("class", Some(class::CODE_BLOCK))]);
            html.open("pre", &[("tabindex", Some("0"))]);
            html.element("code", &[("data-language", language.as_deref())], text);
            html.close("pre");
            if let Some(caption) = caption {
                html.element(
                    "figcaption",
                    &[("class", Some(class::CODE_BLOCK_CAPTION))],
                    caption,
                );
            }
            html.close("figure");
        }
        Block::Embed {
            url,
            provider,
            title,
            caption,
            thumbnail,
        } => {
            let url = url.as_deref();
            html.open("figure", &[("class", Some(class::EMBED_CARD))]);
            html.open(
                "a",
                &[("class", Some(class::EMBED_CARD_LINK)), ("href", url)],
            );
            if let Some(thumbnail) = thumbnail {
                html.open("div", &[("class", Some(class::EMBED_CARD_THUMB))]);
                let decorative = Image {
                    alt: String::new(),
                    ..thumbnail.clone()
                };
                responsive_image(html, &decorative, THUMBNAIL_SIZES, false);
                html.close("div");
            }
            let url = url.unwrap_or_default();
            let provider = provider.as_deref().unwrap_or_else(|| url_host(url));
            html.element(
                "span",
                &[("class", Some(class::EMBED_CARD_PROVIDER))],
                provider,
            );
            html.element(
                "span",
                &[("class", Some(class::EMBED_CARD_TITLE))],
                title.as_deref().unwrap_or(url),
            );
            html.close("a");
            if frame.play_embeds && player_url(url).is_some() {
                html.element(
                    "button",
                    &[
                        ("type", Some("button")),
                        ("class", Some(class::EMBED_CARD_PLAY)),
                    ],
                    frame.words(Text::PLAY_HERE),
                );
            }
            if let Some(caption) = caption {
                html.element(
                    "figcaption",
                    &[("class", Some(class::EMBED_CARD_CAPTION))],
                    caption,
                );
            }
            html.close("figure");
        }
        Block::Divider => html.open("hr", &[]),
        Block::Unknown => {}
    }
}

/// `TableBlock`: the table in a box that scrolls by itself (and takes the
/// keyboard's focus, to scroll without a pointer), its caption read first,
/// header cells scoped to their column or row.
fn table(
    html: &mut Html,
    frame: &Frame,
    caption: Option<&str>,
    (header_row, header_column): (bool, bool),
    rows: &[Vec<Vec<Span>>],
) {
    let label = caption.unwrap_or_else(|| frame.words(Text::TABLE));
    html.open(
        "div",
        &[
            ("class", Some(class::TABLE_BLOCK)),
            ("tabindex", Some("0")),
            ("role", Some("group")),
            ("aria-label", Some(label)),
        ],
    );
    html.open("table", &[]);
    if let Some(caption) = caption {
        html.element("caption", &[], caption);
    }
    let (head, body) = match rows.split_first() {
        Some((first, rest)) if header_row => (Some(first), rest),
        _ => (None, rows),
    };
    if let Some(head) = head {
        html.open("thead", &[]);
        html.open("tr", &[]);
        for cell in head {
            html.open("th", &[("scope", Some("col"))]);
            inline_text(html, cell);
            html.close("th");
        }
        html.close("tr");
        html.close("thead");
    }
    html.open("tbody", &[]);
    for row in body {
        html.open("tr", &[]);
        for (index, cell) in row.iter().enumerate() {
            let (tag, scope) = if header_column && index == 0 {
                ("th", Some("row"))
            } else {
                ("td", None)
            };
            html.open(tag, &[("scope", scope)]);
            inline_text(html, cell);
            html.close(tag);
        }
        html.close("tr");
    }
    html.close("tbody");
    html.close("table");
    html.close("div");
}

/// `ZoomButton` around a `ResponsiveImage`: the lightbox's opener, a link to
/// the full image (which is what it does before and without the app), or a
/// button where the image has no usable URL.
fn zoom_button(
    html: &mut Html,
    frame: &Frame,
    image: &Image,
    slide: usize,
    sizes: &str,
    priority: bool,
) {
    let slide = slide.to_string();
    let label = open_photo_in(frame.ui, &image.alt);
    let href = full_src(image);
    let tag = if href.is_some() { "a" } else { "button" };
    html.open(
        tag,
        &[
            ("type", href.is_none().then_some("button")),
            ("class", Some(class::ZOOM_BUTTON)),
            ("href", href),
            ("data-slide", Some(&slide)),
            ("aria-label", Some(&label)),
        ],
    );
    responsive_image(html, image, sizes, priority);
    html.close(tag);
}

/// `ResponsiveImage`: the frame, then the `<img>` (or, for a URL the
/// allow-list refuses, the placeholder that shows the alt text). The frame's
/// aspect ratio comes from the `<img>`'s width and height here: the app sets
/// it through the CSSOM, and an HTML `style` attribute would break the CSP.
fn responsive_image(html: &mut Html, image: &Image, sizes: &str, priority: bool) {
    let known_size = matches!((image.width, image.height), (Some(w), Some(h)) if w > 0 && h > 0);
    let frame_class = if known_size {
        class::IMAGE_FRAME
    } else {
        class::IMAGE_FRAME_UNKNOWN_SIZE
    };
    html.open("div", &[("class", Some(frame_class))]);
    if let Some(src) = &image.src {
        let srcset = srcset(image);
        let (width, height) = (
            image.width.map(|w| w.to_string()),
            image.height.map(|h| h.to_string()),
        );
        html.open(
            "img",
            &[
                ("src", Some(src)),
                ("srcset", srcset.as_deref()),
                ("sizes", srcset.is_some().then_some(sizes)),
                ("alt", Some(&image.alt)),
                ("width", width.as_deref()),
                ("height", height.as_deref()),
                ("decoding", Some("async")),
                ("loading", Some(if priority { "eager" } else { "lazy" })),
                ("fetchpriority", priority.then_some("high")),
            ],
        );
    } else {
        let decorative = image.alt.is_empty();
        html.open(
            "div",
            &[
                ("class", Some(class::IMAGE_PLACEHOLDER)),
                ("role", (!decorative).then_some("img")),
                ("aria-label", (!decorative).then_some(image.alt.as_str())),
                ("aria-hidden", decorative.then_some("true")),
            ],
        );
        html.element("span", &[("aria-hidden", Some("true"))], &image.alt);
        html.close("div");
    }
    html.close("div");
}

/// `image_caption`: the caption in its own language, the credit after
/// "Photo:"; nothing when the image has neither.
fn image_caption(html: &mut Html, frame: &Frame, image: &Image) {
    let present = |text: &Option<String>| text.clone().filter(|text| !text.trim().is_empty());
    let (caption, credit) = (present(&image.caption), present(&image.credit));
    if caption.is_none() && credit.is_none() {
        return;
    }
    let lang = image.caption_lang.as_deref();
    html.open("figcaption", &[("class", Some(class::FIGURE_CAPTION))]);
    if let Some(caption) = caption {
        html.element(
            "span",
            &[("class", Some(class::FIGURE_TEXT)), ("lang", lang)],
            &caption,
        );
    }
    if let Some(credit) = credit {
        html.open("span", &[("class", Some(class::FIGURE_CREDIT))]);
        html.element(
            "span",
            &[("lang", Some(frame.ui.code()))],
            frame.words(Text::PHOTO_CREDIT),
        );
        html.text(" ");
        html.element("span", &[("lang", lang)], &credit);
        html.close("span");
    }
    html.close("figcaption");
}

/// `InlineText`: spans as text, `<em>`, `<strong>` and allow-listed links,
/// with a `<wbr>` where a URL in the text may break.
fn inline_text(html: &mut Html, spans: &[Span]) {
    for span in spans {
        if let Some(href) = span.href.as_deref() {
            let external = !href.starts_with('/');
            html.open(
                "a",
                &[
                    ("href", Some(href)),
                    ("rel", external.then_some("noopener noreferrer")),
                ],
            );
        }
        if span.bold {
            html.open("strong", &[]);
        }
        if span.italic {
            html.open("em", &[]);
        }
        for (index, piece) in url_break_pieces(&span.text).into_iter().enumerate() {
            if index > 0 {
                html.open("wbr", &[]);
            }
            html.text(piece);
        }
        if span.italic {
            html.close("em");
        }
        if span.bold {
            html.close("strong");
        }
        if span.href.is_some() {
            html.close("a");
        }
    }
}

/// `RecentPosts` with its posts loaded: nothing when there are none.
fn recent_posts(html: &mut Html, frame: &Frame, posts: &[&PostSummary]) {
    if posts.is_empty() {
        return;
    }
    html.open("section", &[("class", Some(class::RECENT_POSTS))]);
    html.open("div", &[("class", Some(class::RECENT_POSTS_HEAD))]);
    html.element(
        "h2",
        &[("class", Some(class::RECENT_POSTS_TITLE))],
        frame.words(Text::RECENT_POSTS),
    );
    frame.link(
        html,
        &frame.in_edition("/posts"),
        None,
        None,
        frame.words(Text::SEE_ALL),
    );
    html.close("div");
    html.open("ul", &[("class", Some(class::POST_LIST))]);
    for post in posts {
        post_card(html, frame, post, false);
    }
    html.close("ul");
    html.close("section");
}

/// `PostCard` under a "Recent posts" heading (thumbnail, title, byline), or
/// `detailed` as the all-posts page shows it: the title an `h2`, the excerpt
/// and the reading time too.
fn post_card(html: &mut Html, frame: &Frame, post: &PostSummary, detailed: bool) {
    html.open("li", &[("class", Some(class::POST_CARD))]);
    if let Some(cover) = &post.cover {
        let thumbnail = Image {
            alt: String::new(),
            ..cover.clone()
        };
        html.open("div", &[("class", Some(class::POST_CARD_THUMB))]);
        responsive_image(html, &thumbnail, THUMBNAIL_SIZES, false);
        html.close("div");
    }
    html.open("div", &[("class", Some(class::POST_CARD_BODY))]);
    let heading = if detailed { "h2" } else { "h3" };
    let lang = frame.foreign(&post.lang);
    html.open(
        heading,
        &[("class", Some(class::POST_CARD_TITLE)), ("lang", lang)],
    );
    let path = article_path(&post.slug);
    frame.link(html, &path, None, None, &post.title);
    html.close(heading);
    if detailed {
        html.element(
            "p",
            &[("class", Some(class::POST_CARD_EXCERPT)), ("lang", lang)],
            &post.excerpt,
        );
    }
    post_meta(html, frame, post, post.reading_minutes.filter(|_| detailed));
    html.close("div");
    html.close("li");
}

/// The all-posts page (`PostsPage`) at its first page: the posts, and
/// "Load more" when there are more.
pub fn posts_page(frame: &Frame, page: &PostPage) -> String {
    list_page(frame, page, Text::NO_POSTS_YET, |html| {
        html.element("h1", &[], frame.words(Text::ALL_POSTS_TITLE));
    })
}

/// A tag's or an author's page (`PostsPage` on `/tag/…` or `/author/…`) at
/// its first page: what it is (`kind`: [`Text::TAG`] or [`Text::AUTHOR`]),
/// its name, how many posts it has and its description, then its posts.
pub fn term_page(frame: &Frame, kind: Text, term: &Term, page: &PostPage) -> String {
    list_page(frame, page, Text::NO_POSTS_HERE, |html| {
        html.open("header", &[("class", Some(class::TERM_HEADER))]);
        html.element("p", &[("class", Some(class::TERM_KIND))], frame.words(kind));
        if let Some(picture) = &term.image {
            // Beside the name, which says what it shows: no text of its own.
            let decorative = Image {
                alt: String::new(),
                ..picture.clone()
            };
            html.open("div", &[("class", Some(class::TERM_PICTURE))]);
            responsive_image(html, &decorative, TERM_PICTURE_SIZES, true);
            html.close("div");
        }
        html.element("h1", &[], &term.name);
        html.element("p", &[], &posts_count_in(frame.ui, term.post_count));
        if let Some(description) = &term.description {
            html.element(
                "p",
                &[("class", Some(class::TERM_DESCRIPTION))],
                description,
            );
        }
        html.close("header");
    })
}

/// A search form's field: `q`, holding `value`.
fn search_field(html: &mut Html, id: &str, class: &str, value: Option<&str>) {
    html.open(
        "input",
        &[
            ("id", Some(id)),
            ("class", Some(class)),
            ("type", Some("search")),
            ("name", Some("q")),
            ("autocomplete", Some("off")),
            ("enterkeyhint", Some("search")),
            ("value", value),
        ],
    );
}

/// `SearchPage` before the app has searched: its heading and its field,
/// holding `query` (the address's `q`, normalized), and a status that asks
/// for words; without JavaScript, a notice that searching needs it.
pub fn search_page(frame: &Frame, query: Option<&str>) -> String {
    site_page(frame, |html| {
        html.open("section", &[("class", Some(class::SEARCH))]);
        html.element("h1", &[], frame.words(Text::SEARCH));
        let action = frame.href("/search");
        html.open(
            "form",
            &[
                ("class", Some(class::SEARCH_FORM)),
                ("action", Some(&action)),
                ("method", Some("get")),
            ],
        );
        html.element(
            "label",
            &[("for", Some(id::SEARCH_QUERY))],
            frame.words(Text::SEARCH_LABEL),
        );
        search_field(html, id::SEARCH_QUERY, class::SEARCH_INPUT, query);
        html.close("form");
        html.open("noscript", &[]);
        html.element(
            "p",
            &[("class", Some(class::NOTICE))],
            frame.words(Text::SEARCH_NEEDS_SCRIPT),
        );
        html.close("noscript");
        let status = if query.is_some() {
            ""
        } else {
            frame.words(Text::SEARCH_PROMPT)
        };
        html.element(
            "p",
            &[
                ("class", Some(class::SEARCH_STATUS)),
                ("role", Some("status")),
            ],
            status,
        );
        html.close("section");
    })
}

/// A list of posts under its heading, with its empty state.
fn list_page(
    frame: &Frame,
    page: &PostPage,
    empty: Text,
    heading: impl FnOnce(&mut Html),
) -> String {
    site_page(frame, |html| {
        html.open("section", &[("class", Some(class::ALL_POSTS))]);
        heading(html);
        html.open(
            "ul",
            &[
                ("class", Some(class::POST_LIST_DETAILED)),
                ("aria-busy", Some("false")),
            ],
        );
        for post in &page.items {
            post_card(html, frame, post, true);
        }
        html.close("ul");
        if page.items.is_empty() {
            html.element(
                "p",
                &[("class", Some(class::EMPTY_STATE))],
                frame.words(empty),
            );
        } else if page.next_cursor.is_some() {
            html.open("p", &[("class", Some(class::LOAD_MORE))]);
            html.element(
                "button",
                &[("type", Some("button")), ("class", Some(class::BUTTON))],
                frame.words(Text::LOAD_MORE),
            );
            html.close("p");
        }
        html.close("section");
    })
}

/// `MembershipCta`.
fn membership_cta(html: &mut Html, frame: &Frame) {
    let membership = &frame.site.membership;
    html.open(
        "section",
        &[
            ("class", Some(class::MEMBERSHIP_CTA)),
            ("lang", frame.site_lang()),
        ],
    );
    html.element("p", &[("class", Some(class::EYEBROW))], &membership.title);
    html.element(
        "h2",
        &[("class", Some(class::MEMBERSHIP_CTA_HEADING))],
        &membership.heading,
    );
    html.element("p", &[], &membership.text);
    frame.link(
        html,
        &frame.in_edition("/join"),
        Some(class::BUTTON),
        None,
        &membership.call_to_action,
    );
    html.close("section");
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_api::Article;
    use serde_json::json;

    fn site() -> Site {
        serde_json::from_value(json!({
            "name": "Pražské fórum", "tagline": "Mosty", "lang": "cs",
            "membership": {
                "title": "Členství", "heading": "Přidejte se", "text": "Text.",
                "call_to_action": "Stát se členem", "consent_text": "Souhlasím.",
                "privacy_url": "https://example.org/privacy"
            }
        }))
        .unwrap()
    }

    fn article(title: &str, body: serde_json::Value) -> Article {
        serde_json::from_value(json!({
            "slug": "a", "title": title, "excerpt": "E", "author": { "name": "Hans" },
            "lang": "en", "published_at": "2022-11-02T09:00:00Z", "body": body
        }))
        .unwrap()
    }

    /// A post summary: `fields` over a plain English one.
    fn summary(fields: serde_json::Value) -> PostSummary {
        let mut post = json!({
            "slug": "x", "title": "x", "excerpt": "", "author": { "name": "A" },
            "lang": "en", "published_at": "2024-05-22T10:00:00Z"
        });
        for (key, value) in fields.as_object().unwrap() {
            post[key] = value.clone();
        }
        serde_json::from_value(post).unwrap()
    }

    /// The frame of an English UI at the root, at `path`.
    fn root_frame<'a>(site: &'a Site, path: &'a str) -> Frame<'a> {
        Frame {
            site,
            ui: UiLang::En,
            base: "",
            path,
            play_embeds: false,
            edition: None,
            versions: Vec::new(),
            chunk: None,
        }
    }

    fn page(article: &Article, recent: &[&PostSummary], path: &str) -> String {
        let site = site();
        let frame = Frame {
            site: &site,
            ui: UiLang::En,
            base: "/news",
            path,
            play_embeds: false,
            edition: None,
            versions: Vec::new(),
            chunk: None,
        };
        article_page(
            &frame,
            (&article.summary, &article.tags, &article.body),
            recent,
            3,
        )
    }

    #[test]
    fn every_block_type_is_written_as_the_app_writes_it() {
        let image = |src: &str, size: bool| {
            let mut image = json!({
                "src": src, "alt": "A \"quoted\" alt", "caption": "Підпис",
                "caption_lang": "uk", "credit": "Офіс",
                "variants": [{ "src": "/i-960.webp", "width": 960 }, { "src": "/i-480.webp", "width": 480 }]
            });
            if size {
                image["width"] = json!(1440);
                image["height"] = json!(960);
            }
            image
        };
        let mut refused = image("ftp://x/g2.webp", true);
        refused["variants"] = json!([]);
        let body = json!([
            { "type": "paragraph", "text": [
                { "text": "Plain " }, { "text": "bold", "bold": true },
                { "text": "both", "bold": true, "italic": true },
                { "text": "out", "href": "https://example.org/a" },
                { "text": "in", "href": "/posts/b" },
                { "text": "see https://example.org/a/b" }
            ] },
            { "type": "heading", "level": 1, "text": [{ "text": "H1" }] },
            { "type": "heading", "level": 3, "text": [{ "text": "H3" }] },
            { "type": "heading", "level": 6, "text": [{ "text": "H6" }] },
            { "type": "list", "ordered": true, "items": [[{ "text": "one" }], [{ "text": "two" }]] },
            { "type": "list", "ordered": false, "items": [[{ "text": "dot" }]] },
            { "type": "quote", "text": [{ "text": "Q" }], "attribution": "Who" },
            { "type": "figure", "image": image("/i.webp", true) },
            { "type": "gallery", "caption": "All", "images": [image("/g1.webp", false), refused] },
            { "type": "divider" },
            { "type": "video", "src": "/v.mp4" }
        ]);
        let html = page(&article("T", body), &[], "/posts/a");
        for expected in [
            "<p>Plain <strong>bold</strong><strong><em>both</em></strong>\
             <a href=\"https://example.org/a\" rel=\"noopener noreferrer\">out</a>\
             <a href=\"/posts/b\">in</a>see https://<wbr>example<wbr>.org<wbr>/a<wbr>/b</p>",
            "<h2>H1</h2><h3>H3</h3><h4>H6</h4>",
            "<ol><li>one</li><li>two</li></ol><ul><li>dot</li></ul>",
            "<figure class=\"quote\"><blockquote><p>Q</p></blockquote>\
             <figcaption class=\"quote__attribution\">Who</figcaption></figure>",
            // The first image: eager, high priority, its box from its size.
            "<figure class=\"figure\"><a class=\"zoom-button\" href=\"/i-960.webp\" data-slide=\"0\" \
             aria-label=\"Open photo: A &quot;quoted&quot; alt\"><div class=\"image-frame\">\
             <img src=\"/i.webp\" srcset=\"/i-480.webp 480w, /i-960.webp 960w\" \
             sizes=\"(min-width: 48rem) 46rem, 100vw\" alt=\"A &quot;quoted&quot; alt\" \
             width=\"1440\" height=\"960\" decoding=\"async\" loading=\"eager\" fetchpriority=\"high\">\
             </div></a><figcaption class=\"figure__caption\">\
             <span class=\"figure__text\" lang=\"uk\">Підпис</span><span class=\"figure__credit\">\
             <span lang=\"en\">Photo:</span> <span lang=\"uk\">Офіс</span></span></figcaption></figure>",
            // The gallery's slides follow the figure's; no size, a default box.
            "<figure class=\"gallery\"><ul class=\"gallery__grid\"><li><figure class=\"gallery__item\">\
             <a class=\"zoom-button\" href=\"/i-960.webp\" data-slide=\"1\"",
            "<div class=\"image-frame image-frame--unknown-size\"><img src=\"/g1.webp\"",
            "loading=\"lazy\">",
            // No URL the allow-list takes: the alt text in its place, and a
            // button with nothing to link to.
            "<button type=\"button\" class=\"zoom-button\" data-slide=\"2\" aria-label=\"Open photo: A &quot;quoted&quot; alt\"><div class=\"image-frame\">\
             <div class=\"image-placeholder\" role=\"img\" aria-label=\"A &quot;quoted&quot; alt\">\
             <span aria-hidden=\"true\">A \"quoted\" alt</span></div></div></button>",
            "<figcaption class=\"gallery__caption\">All</figcaption></figure><hr></div></article>",
        ] {
            assert!(html.contains(expected), "{expected}\n not in\n{html}");
        }
        assert!(!html.contains("v.mp4"), "an unknown block is skipped");
        assert!(!html.contains("ftp:"));
    }

    #[test]
    fn the_chrome_is_the_apps() {
        let post =
            |slug: &str, lang: &str| summary(json!({ "slug": slug, "title": slug, "lang": lang }));
        let (b, c, d, e) = (
            post("b", "cs"),
            post("c", "en"),
            post("ž d", "en"),
            post("e", "en"),
        );
        let article = article("T", json!([]));
        let html = page(&article, &[&b, &article.summary, &c, &d, &e], "/posts/a");
        assert!(html.starts_with("<div class=\"prerender\" data-gazette-prerender=\"\"><a class=\"skip-link\" href=\"/news/posts/a#main\" target=\"_self\">Skip to content</a>"));
        // The site is Czech, the UI English: the site's own texts say so.
        assert!(html.contains(
            "<a href=\"/news/\" class=\"site-header__name\" lang=\"cs\">Pražské fórum</a>"
        ));
        assert!(html.contains(
            "<nav class=\"site-nav\" aria-label=\"Main\"><a href=\"/news/\">Home</a>\
             <a href=\"/news/posts\" aria-current=\"page\">Posts</a><a href=\"/news/join\">Join</a></nav>"
        ));
        assert!(html.contains("<p class=\"post-meta\" lang=\"en\"><span class=\"post-meta__author\"><a href=\"/news/author/hans\">Hans</a></span>\
             <time datetime=\"2022-11-02T09:00:00Z\">November 2, 2022</time><span>1 min read</span></p>"));
        // Three recent posts, the article left out, a foreign title marked.
        assert_eq!(html.matches("<li class=\"post-card\">").count(), 3);
        assert!(html.contains(
            "<h3 class=\"post-card__title\" lang=\"cs\"><a href=\"/news/posts/b\">b</a></h3>"
        ));
        assert!(html.contains("<a href=\"/news/posts/%C5%BE%20d\">ž d</a>"));
        assert!(!html.contains("/news/posts/e\""));
        assert!(html.contains("<section class=\"membership-cta\" lang=\"cs\">"));
        assert!(html.contains("<a href=\"/news/join\" class=\"button\">Stát se členem</a>"));
        assert!(html.ends_with("<footer class=\"site-footer\"><p>© <span lang=\"cs\">Pražské fórum</span></p><p>Published with Gazette</p></footer></div>"));
        // No recent posts: no box.
        assert!(!page(&article, &[&article.summary], "/posts/a").contains("recent-posts"));
    }

    #[test]
    fn the_front_page_leads_with_the_newest_post() {
        let post = |slug: &str| {
            summary(json!({
                "slug": slug, "title": format!("Title {slug}"), "excerpt": "Excerpt", "reading_minutes": 4,
                "cover": { "src": "/c.webp", "alt": "Cover", "width": 3, "height": 2 }
            }))
        };
        let (a, b) = (post("a"), post("b"));
        let site = site();
        let frame = root_frame(&site, "/");
        let html = home_page(&frame, &[&a, &b]);
        assert!(html.contains("<main id=\"main\" class=\"site-main\" tabindex=\"-1\"><h1 class=\"visually-hidden\" lang=\"cs\">Pražské fórum</h1>"));
        assert!(html.contains(
            "<article class=\"lead-story\" lang=\"en\"><div class=\"image-frame\"><img src=\"/c.webp\" alt=\"Cover\" \
             width=\"3\" height=\"2\" decoding=\"async\" loading=\"eager\" fetchpriority=\"high\"></div>\
             <h2 class=\"lead-story__title\"><a href=\"/posts/a\">Title a</a></h2>\
             <p class=\"lead-story__excerpt\">Excerpt</p>"
        ), "{html}");
        assert!(
            html.contains("<span>4 min read</span></p></article><section class=\"recent-posts\">")
        );
        assert_eq!(html.matches("<li class=\"post-card\">").count(), 1);
        assert!(html.contains("<a href=\"/\" aria-current=\"page\">Home</a>"));
        // No posts yet.
        assert!(home_page(&frame, &[])
            .contains("<p class=\"empty-state\">Nothing has been published yet.</p>"));
    }

    #[test]
    fn the_all_posts_page_shows_the_first_page() {
        let page = PostPage {
            items: vec![summary(json!({
                "slug": "b", "title": "Bé", "excerpt": "Výtah", "lang": "cs", "reading_minutes": 2
            }))],
            next_cursor: Some("c".into()),
        };
        let site = site();
        let frame = root_frame(&site, "/posts");
        let html = posts_page(&frame, &page);
        assert!(html.contains(
            "<section class=\"all-posts\"><h1>All posts</h1>\
             <ul class=\"post-list post-list--detailed\" aria-busy=\"false\"><li class=\"post-card\">\
             <div class=\"post-card__body\"><h2 class=\"post-card__title\" lang=\"cs\"><a href=\"/posts/b\">Bé</a></h2>\
             <p class=\"post-card__excerpt\" lang=\"cs\">Výtah</p>"
        ), "{html}");
        assert!(html.contains("<span>2 min read</span></p></div></li></ul>\
             <p class=\"load-more\"><button type=\"button\" class=\"button\">Load more posts</button></p></section>"), "{html}");
        let empty = PostPage {
            items: vec![],
            next_cursor: None,
        };
        assert!(posts_page(&frame, &empty).contains("<p class=\"empty-state\">"));
    }

    #[test]
    fn hostile_values_stay_text() {
        let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'";
        let body = json!([
            { "type": "paragraph", "text": [
                { "text": hostile, "href": "javascript:alert(3)" },
                { "text": "x", "href": "\" onmouseover=\"alert(4)" }
            ] },
            { "type": "figure", "image": { "src": "javascript:alert(5)", "alt": hostile, "caption": hostile, "caption_lang": "\"><script>" } }
        ]);
        let html = page(&article(hostile, body), &[], "/posts/a");
        for injected in [
            "<script",
            "</script",
            "<img src=x",
            "javascript:",
            // As attributes; in text, `onerror=` is only text.
            " onerror=\"",
            " onmouseover=\"",
        ] {
            assert!(!html.contains(injected), "{injected} in {html}");
        }
        assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    #[test]
    fn the_data_block_cannot_be_closed_by_content() {
        let data = PageData {
            config_json: r#"{ "lang": "</script>" }"#,
            site_json: br#"{"name":"</script><script>alert(1)</script>"}"#,
            article_json: Some(br#"{"title":"<!-- \u2028"}"#),
            recent: Some((4, r#"{"items":[]}"#)),
            term: Some(r#"{"name":"</script>"}"#),
        };
        let block = data.block();
        let inner = block
            .strip_prefix(r#"<script type="application/json" id="gazette-data">"#)
            .and_then(|rest| rest.strip_suffix("</script>"))
            .unwrap();
        assert!(!inner.contains('<') && !inner.contains('>'), "{inner}");
        let value: serde_json::Value = serde_json::from_str(inner).unwrap();
        assert_eq!(value["config"], r#"{ "lang": "</script>" }"#);
        assert_eq!(value["site"]["name"], "</script><script>alert(1)</script>");
        assert_eq!(value["recent"]["limit"], 4);
    }

    #[test]
    fn the_body_takes_the_noscript_place() {
        let preloads = "<link crossorigin href=/a-1_bg.wasm integrity=sha384-x rel=preload type=application/wasm as=fetch>\
                        <link href=/a-1.js rel=modulepreload><link href=/s.css rel=stylesheet>";
        assert_eq!(
            with_body(&format!("<head>{preloads}</head><body></body>"), "B"),
            "<head><link href=/a-1.js rel=modulepreload><link href=/s.css rel=stylesheet></head><body>B</body>"
        );
        let shell = "<html><head></head><body><noscript>Needs JS</noscript></body></html>";
        assert_eq!(
            with_body(shell, "<p>B</p>"),
            "<html><head></head><body><p>B</p></body></html>"
        );
        assert_eq!(
            with_body("<body></body>", "<p>B</p>"),
            "<body><p>B</p></body>"
        );
    }

    #[test]
    fn settings_follow_the_apps_rules() {
        let read = |json: &str| AppSettings::parse(json, "/news/");
        let config = r#"{ "api_base": "api/v1", "recent_posts": 5, "lang": "cs-CZ" }"#;
        assert_eq!(
            read(config),
            Some(AppSettings {
                base: "/news".into(),
                lang: Some(UiLang::Cs),
                recent_posts: 5,
                play_embeds: false,
                config_json: config.into(),
            })
        );
        assert_eq!(read("{}").map(|settings| settings.recent_posts), Some(3));
        assert_eq!(read(r#"{ "recent_posts": 50 }"#), None);
        assert_eq!(read(r#"{ "lang": "de" }"#), None);
        let play = |json: &str| read(json).map(|settings| settings.play_embeds);
        assert_eq!(play(r#"{ "play_embeds": true }"#), Some(true));
        assert_eq!(
            play(r#"{ "play_embeds": "yes" }"#),
            None,
            "as the app refuses it"
        );
        assert_eq!(read("not json"), None);
    }
}
