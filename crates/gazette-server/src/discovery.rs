//! What crawlers, link previews and feed readers get from the content: each
//! page's head in its HTML, the Atom feed, the sitemap and `robots.txt`,
//! served by the server (fresh from the content it loaded) and written into
//! a static build by `host-files`.

use std::{path::Path, sync::Arc};

use arc_swap::ArcSwapOption;

use axum::{
    extract::Path as UrlPath,
    http::HeaderMap,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};

use gazette_api::{
    content::{author_path, normalized_query, tag_path, PAGE_SIZE},
    languages::{
        article_versions, edition_of, edition_versions, editions, is_edition, split_edition,
    },
    PostSummary, Term,
};
use gazette_content::{tagged::TaggedBody, Content, Current, Filter};
use gazette_i18n::{Text, UiLang};
use gazette_render::{
    feeds::{self, FeedOf, Listed},
    head::PageHead,
    prerender::{self, AppSettings, Frame, PageData},
    SiteUrl,
};

use crate::{
    error::FileError,
    http::{
        self,
        encoding::{encoded_response, Encoded},
        Problem, NO_CACHE,
    },
};

/// Every post of a list, newest first, as the feed and the sitemap list
/// them; `None` for a tag or an author there is none of.
fn listed_in<'a>(content: &'a Content, filter: Filter) -> Option<Vec<Listed<'a>>> {
    Some(with_bodies(content, content.dated_in(filter)?))
}

/// Every post, each language's version apart, newest first: the sitemap's
/// and the static build's pages.
fn every_post(content: &Content) -> Vec<Listed<'_>> {
    with_bodies(content, content.dated().collect())
}

/// Dated posts with their blocks and their translations, as feeds and the
/// sitemap need them.
fn with_bodies<'a>(
    content: &'a Content,
    dated: Vec<(&'a PostSummary, Option<&'a str>)>,
) -> Vec<Listed<'a>> {
    dated
        .into_iter()
        .map(|(summary, updated_at)| Listed {
            summary,
            updated_at,
            body: content
                .article_parts(&summary.slug)
                .map_or(&[][..], |(_, _, body)| body),
            translations: content.translations(&summary.slug),
        })
        .collect()
}

/// The edition of a site path, when the site has it: `/cs/posts` → `cs`
/// and `/posts`.
fn edition_at<'a>(content: &Content, path: &'a str) -> Option<(&'a str, &'a str)> {
    match split_edition(path) {
        (Some(edition), rest) if is_edition(content.site_value(), edition) => Some((edition, rest)),
        _ => None,
    }
}

/// The language a page is in: an edition's, or its article's; `None` for
/// the root's other pages (the site's language).
fn page_lang<'a>(content: &'a Content, path: &'a str) -> Option<&'a str> {
    if let Some((edition, _)) = edition_at(content, path) {
        return Some(edition);
    }
    let slug = path.strip_prefix("/posts/")?;
    content
        .dated_one(slug)
        .map(|(summary, _)| summary.lang.as_str())
}

/// A tag's or an author's page (`/tag/{slug}`, `/author/{slug}`): which
/// posts, and the tag or author; `None` for any other path, or a slug
/// there is none of.
fn term_at<'a>(content: &'a Content, path: &'a str) -> Option<(Filter<'a>, &'a Term)> {
    if let Some(slug) = path.strip_prefix("/tag/") {
        return Some((Filter::Tag(slug), content.tag(slug)?));
    }
    let slug = path.strip_prefix("/author/")?;
    Some((Filter::Author(slug), content.author(slug)?))
}

/// Every tag's and author's page, with its newest post's date: the sitemap's.
fn term_pages(content: &Content) -> Vec<(String, &str)> {
    let tags = content
        .tags()
        .items
        .into_iter()
        .map(|tag| tag_path(&tag.slug));
    let authors = content
        .authors()
        .items
        .into_iter()
        .map(|author| author_path(&author.slug));
    tags.chain(authors)
        .filter_map(|path| {
            let (filter, _) = term_at(content, &path)?;
            let newest = content.dated_in(filter)?.into_iter().next()?;
            let changed = newest.1.unwrap_or(&newest.0.published_at);
            Some((path, changed))
        })
        .collect()
}

/// Every post, newest first, as the feed and the sitemap list them.
fn listed(content: &Content) -> Vec<Listed<'_>> {
    listed_in(content, Filter::All).unwrap_or_default()
}

/// The content and the address its pages are published under.
pub struct Discovery {
    content: Current,
    site_url: SiteUrl,
    /// The documents served, made once per content version.
    pages: PageCache,
}

/// The documents of the content's pages (not made-up paths) asked for
/// without a query, for one version of the content: a page is rendered,
/// hashed and compressed once, not on every request. At most
/// [`PageCache::MAX_PAGES`], so that a content of very many pages cannot
/// grow it without bound. Read without a lock: one version's set is swapped
/// whole when the content changes (`arc-swap`), and its documents are a
/// `papaya` map, which a reader never waits for.
#[derive(Default)]
struct PageCache(ArcSwapOption<PageSet>);

/// The documents made from one version of the content.
struct PageSet {
    version: Arc<Content>,
    documents: papaya::HashMap<String, Arc<Encoded>>,
}

impl PageCache {
    const MAX_PAGES: usize = 20_000;

    /// The document of `path` for `content`, if it was made; a new version
    /// empties the cache.
    fn get(&self, content: &Arc<Content>, path: &str) -> Option<Arc<Encoded>> {
        if let Some(set) = self.of(content) {
            return set.documents.pin().get(path).cloned();
        }
        self.0.store(Some(Arc::new(PageSet {
            version: Arc::clone(content),
            documents: papaya::HashMap::new(),
        })));
        None
    }

    /// Keeps a document made from `content`, unless another version is
    /// served by now, or the cache is full.
    fn keep(&self, content: &Arc<Content>, path: &str, document: &Arc<Encoded>) {
        if let Some(set) = self.of(content) {
            let documents = set.documents.pin();
            if documents.len() < Self::MAX_PAGES {
                documents.insert(path.to_owned(), Arc::clone(document));
            }
        }
    }

    /// The set of `content`'s documents, when it is the one kept.
    fn of(&self, content: &Arc<Content>) -> Option<Arc<PageSet>> {
        self.0
            .load_full()
            .filter(|set| Arc::ptr_eq(&set.version, content))
    }
}

impl Discovery {
    pub fn new(content: Current, site_url: SiteUrl) -> Discovery {
        Discovery {
            content,
            site_url,
            pages: PageCache::default(),
        }
    }

    /// The document of the page at a site path without a query, if it was
    /// made for the content being served.
    pub fn kept(&self, path: &str) -> Option<Arc<Encoded>> {
        let content = self.content.get();
        self.pages.get(&content, path)
    }

    /// The document of the page at a site path and query: made once per
    /// content version, and compressed once, for a path without a query
    /// (the build's `index.html` and settings do not change while the
    /// server runs); made afresh with one (a query names another page of a
    /// list, or a search), and compressed by the compression layer.
    pub fn page(
        &self,
        path: &str,
        query: Option<&str>,
        index_html: &str,
        app: Option<&AppSettings>,
    ) -> Document {
        let make = || TaggedBody::of(self.document_for(path, query, index_html, app).into_bytes());
        if query.is_some_and(|query| !query.is_empty()) {
            return Document::Once(make());
        }
        let content = self.content.get();
        if let Some(document) = self.pages.get(&content, path) {
            return Document::Kept(document);
        }
        if !is_page(&content, path) {
            // Any path is a page of the app (its not-found page): keeping
            // those would let made-up paths fill the memory.
            return Document::Once(make());
        }
        // Another request may make it too, and both are the same.
        let document = Arc::new(Encoded::of(make()));
        self.pages.keep(&content, path, &document);
        Document::Kept(document)
    }

    /// The head of the page at a site path (the base path removed), as the
    /// app describes it too: an article's own, the front page's, the list's
    /// and the join page's; the site's, not to be indexed, for the app's
    /// other pages, and a 404's for any other path. `query` is the
    /// address's (a search's results are not to be indexed); `ui` is the
    /// app's language, for the words of titles.
    pub fn head_for(&self, path: &str, query: Option<&str>, app: Option<&AppSettings>) -> PageHead {
        let content = self.content.get();
        let site = content.site_value();
        let ui = self.ui(app, page_lang(&content, path));
        let article = path
            .strip_prefix("/posts/")
            .and_then(|slug| content.dated_one(slug));
        if let Some((summary, updated_at)) = article {
            let translations = content.translations(&summary.slug);
            return PageHead::article(site, &self.site_url, summary, updated_at, translations);
        }
        if let Some((_, term)) = term_at(&content, path) {
            return PageHead::term(site, &self.site_url, path, term, ui);
        }
        if let Some((edition, rest)) = edition_at(&content, path) {
            return match rest {
                "/" => PageHead::home(site, &self.site_url, Some(edition)),
                "/posts" | "/posts/" => PageHead::posts(site, &self.site_url, ui, Some(edition)),
                "/join" => PageHead::join(site, &self.site_url, Some(edition)),
                _ => PageHead::not_found(site, &self.site_url, ui),
            };
        }
        match path {
            "/" => PageHead::home(site, &self.site_url, None),
            "/posts" | "/posts/" => PageHead::posts(site, &self.site_url, ui, None),
            "/join" => PageHead::join(site, &self.site_url, None),
            "/search" => PageHead::search(
                site,
                &self.site_url,
                ui,
                query.and_then(search_query).as_deref(),
            ),
            "/join/confirm" => PageHead::unlisted(site, &self.site_url),
            embed if embed.starts_with("/embed/") => PageHead::unlisted(site, &self.site_url),
            _ => PageHead::not_found(site, &self.site_url, ui),
        }
    }

    /// The UI's language on a page in `page_lang`: `config.json`'s, else
    /// the page's, else the site's (as the app chooses it).
    fn ui(&self, app: Option<&AppSettings>, page_lang: Option<&str>) -> UiLang {
        let content = self.content.get();
        let site = content.site_value();
        match app {
            Some(app) => app.ui_for(site, page_lang),
            None => gazette_i18n::page_ui(None, page_lang, &site.lang),
        }
    }

    /// The document of the page at a site path (and query): `index_html`
    /// with the page's head and, for the pages that are prerendered when the
    /// build's settings are known, their body.
    pub fn document_for(
        &self,
        path: &str,
        query: Option<&str>,
        index_html: &str,
        app: Option<&AppSettings>,
    ) -> String {
        let document = self.head_for(path, query, app).into_document(index_html);
        match app.and_then(|app| self.body_for(path, query, app)) {
            Some(body) => prerender::with_body(&document, &body),
            None => document,
        }
    }

    /// The prerendered body of the front page, the all-posts page (at its
    /// first page: a query names others), an article's page or the join
    /// page, after the data block the app takes it over with.
    fn body_for(&self, path: &str, query: Option<&str>, app: &AppSettings) -> Option<String> {
        let content = self.content.get();
        let site = content.site_value();
        let page = Prerendered::at(&content, path, query)?;
        let article = match page {
            Prerendered::Article(slug) => {
                Some((content.article_parts(slug)?, &content.article(slug)?.bytes))
            }
            _ => None,
        };
        // A tag's or an author's page lists its own posts, others the newest
        // of their edition.
        let term = match page {
            Prerendered::Term(path) => Some(term_at(&content, path)?),
            _ => None,
        };
        let lang = page_lang(&content, path);
        let edition = match page {
            Prerendered::Home(edition)
            | Prerendered::AllPosts(edition)
            | Prerendered::Join(edition) => edition.map(str::to_owned),
            _ => lang.and_then(|lang| edition_of(site, lang)),
        };
        let filter = match (term, &edition) {
            (Some((filter, _)), _) => filter,
            (None, Some(edition)) => Filter::Edition(edition),
            (None, None) => Filter::All,
        };
        let recent = page
            .recent_limit(app)
            .and_then(|limit| Some((limit, content.page(filter, limit as usize, None)?)));
        let term_json = match term {
            Some((_, term)) => Some(serde_json::to_string(term).ok()?),
            None => None,
        };
        let recent_json = match &recent {
            Some((limit, posts)) => Some((*limit, serde_json::to_string(posts).ok()?)),
            None => None,
        };
        let data = PageData {
            config_json: &app.config_json,
            site_json: &content.site().bytes,
            article_json: article.map(|(_, json)| json.as_slice()),
            recent: recent_json
                .as_ref()
                .map(|(limit, json)| (*limit, json.as_str())),
            term: term_json.as_deref(),
        };
        let versions = match page {
            Prerendered::Home(edition) => edition_versions(site, edition, "/"),
            Prerendered::AllPosts(edition) => edition_versions(site, edition, "/posts"),
            Prerendered::Join(edition) => edition_versions(site, edition, "/join"),
            // The folder's links, checked when it was loaded.
            Prerendered::Article(slug) => article_versions(content.translations(slug)),
            _ => Vec::new(),
        };
        let frame = Frame {
            site,
            ui: app.ui_for(site, lang),
            base: &app.base,
            path,
            play_embeds: app.play_embeds,
            edition: edition.as_deref(),
            versions,
            chunk: page.chunk(),
        };
        let listed: Vec<&PostSummary> = recent.iter().flat_map(|(_, posts)| &posts.items).collect();
        let body = match page {
            Prerendered::Home(_) => prerender::home_page(&frame, &listed),
            Prerendered::AllPosts(_) => prerender::posts_page(&frame, &recent.as_ref()?.1),
            Prerendered::Article(_) => {
                prerender::article_page(&frame, article?.0, &listed, app.recent_posts)
            }
            Prerendered::Join(_) => prerender::join_page(&frame),
            Prerendered::Search(query) => prerender::search_page(&frame, query.as_deref()),
            Prerendered::Term(path) => {
                let kind = if path.starts_with("/tag/") {
                    Text::TAG
                } else {
                    Text::AUTHOR
                };
                prerender::term_page(&frame, kind, term?.1, &recent.as_ref()?.1)
            }
        };
        Some(format!("{}{body}", data.block()))
    }

    /// Where a page that moved is now (`/posts/<old slug>`), relative to it.
    pub fn moved(&self, path: &str) -> Option<String> {
        let slug = path.strip_prefix("/posts/")?;
        self.content.get().redirect(slug).map(str::to_owned)
    }

    pub fn feed(&self) -> String {
        let content = self.content.get();
        let site = content.site_value();
        feeds::atom(site, &self.site_url, &FeedOf::site(site), &listed(&content))
    }

    /// An edition's feed (`/cs/feed.xml`): its posts; `None` for an edition
    /// the site does not have.
    pub fn edition_feed(&self, edition: &str) -> Option<String> {
        let content = self.content.get();
        let site = content.site_value();
        if !is_edition(site, edition) {
            return None;
        }
        let of = FeedOf::edition(site, Some(edition));
        let posts = listed_in(&content, Filter::Edition(edition))?;
        Some(feeds::atom(site, &self.site_url, &of, &posts))
    }

    /// The feed of a tag's or an author's page (its path, such as
    /// `/tag/events`); `None` for a slug there is none of.
    pub fn term_feed(&self, page: &str) -> Option<String> {
        let content = self.content.get();
        let site = content.site_value();
        let (filter, term) = term_at(&content, page)?;
        let of = FeedOf::term(site, term, page);
        Some(feeds::atom(
            site,
            &self.site_url,
            &of,
            &listed_in(&content, filter)?,
        ))
    }

    pub fn sitemap(&self) -> String {
        let content = self.content.get();
        let terms = term_pages(&content);
        feeds::sitemap(
            content.site_value(),
            &self.site_url,
            &every_post(&content),
            content.site_changed(),
            &terms,
        )
    }

    pub fn robots(&self) -> String {
        feeds::robots(&self.site_url)
    }

    /// `/feed.xml`, `/sitemap.xml` and `/robots.txt`, from the content as it
    /// is when asked (a source read again changes them).
    pub fn router(self: &Arc<Self>) -> Router {
        let file = |make: fn(&Discovery) -> String, kind: &'static str| {
            let discovery = self.clone();
            get(move |headers: HeaderMap| async move {
                let body = TaggedBody::of(make(&discovery).into_bytes());
                http::conditional(&headers, &body, kind, NO_CACHE)
            })
        };
        Router::new()
            .route(
                "/feed.xml",
                file(Discovery::feed, "application/atom+xml; charset=utf-8"),
            )
            .route(
                "/sitemap.xml",
                file(Discovery::sitemap, "application/xml; charset=utf-8"),
            )
            .route(
                "/robots.txt",
                file(Discovery::robots, "text/plain; charset=utf-8"),
            )
            .route("/{edition}/feed.xml", self.edition_feed_route())
            .route("/tag/{slug}/feed.xml", self.term_feed_route("/tag/"))
            .route("/author/{slug}/feed.xml", self.term_feed_route("/author/"))
    }

    /// `GET /{edition}/feed.xml`: the edition's feed, or a 404 problem.
    fn edition_feed_route(self: &Arc<Self>) -> axum::routing::MethodRouter {
        let discovery = self.clone();
        get(
            move |UrlPath(edition): UrlPath<String>, headers: HeaderMap| async move {
                match discovery.edition_feed(&edition) {
                    Some(feed) => {
                        let body = TaggedBody::of(feed.into_bytes());
                        let kind = "application/atom+xml; charset=utf-8";
                        http::conditional(&headers, &body, kind, NO_CACHE)
                    }
                    None => Problem::not_found("The site has no edition in that language.")
                        .into_response(),
                }
            },
        )
    }

    /// `GET {prefix}{slug}/feed.xml`: the feed of that page, or a 404 problem.
    fn term_feed_route(self: &Arc<Self>, prefix: &'static str) -> axum::routing::MethodRouter {
        let discovery = self.clone();
        get(
            move |UrlPath(slug): UrlPath<String>, headers: HeaderMap| async move {
                match discovery.term_feed(&format!("{prefix}{slug}")) {
                    Some(feed) => {
                        let body = TaggedBody::of(feed.into_bytes());
                        let kind = "application/atom+xml; charset=utf-8";
                        http::conditional(&headers, &body, kind, NO_CACHE)
                    }
                    None => Problem::not_found("There is no such tag or author.").into_response(),
                }
            },
        )
    }

    /// Writes the feed, the sitemap, `robots.txt` and a page per article
    /// (`posts/<slug>.html`, which Netlify, Cloudflare Pages and GitHub Pages
    /// all serve at `/posts/<slug>`) into a build, the front page into
    /// `index.html`, the all-posts page, each tag's and author's page with
    /// its feed, and the join page, and gives
    /// `404.html` (the app's shell for every other path) the site's head;
    /// returns the files written. The articles come last: one whose slug is
    /// `index` is what `/posts/index` must show.
    pub fn write_into(
        &self,
        dist: &Path,
        index_html: &str,
        app: Option<&AppSettings>,
    ) -> Result<usize, FileError> {
        let write = |name: &str, text: &str| {
            let path = dist.join(name);
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder).map_err(FileError::at(folder))?;
            }
            std::fs::write(&path, text).map_err(FileError::at(&path))
        };
        write("feed.xml", &self.feed())?;
        write("sitemap.xml", &self.sitemap())?;
        write("robots.txt", &self.robots())?;
        write("index.html", &self.document_for("/", None, index_html, app))?;
        // `/posts` is both `posts.html` and `posts/index.html`: hosts differ
        // on which of the two they serve for it, or redirect to `/posts/`,
        // which the app reads as `/posts`.
        let all_posts = self.document_for("/posts", None, index_html, app);
        write("posts.html", &all_posts)?;
        write("posts/index.html", &all_posts)?;
        write(
            "join.html",
            &self.document_for("/join", None, index_html, app),
        )?;
        // The search page, for hosts that serve `search.html` at `/search`
        // (the others serve the shell, `404.html`, which is the same app).
        let search = self.document_for("/search", None, index_html, app);
        write("search.html", &search)?;
        write("search/index.html", &search)?;
        let not_found = self.head_for("/404", None, app);
        write("404.html", &not_found.into_document(index_html))?;
        let content = self.content.get();
        let terms = term_pages(&content);
        // A tag's page is a folder too (its feed is in it), so it is also
        // `index.html` there, as `/posts` is.
        for (page, _) in &terms {
            let document = self.document_for(page, None, index_html, app);
            write(&format!("{}.html", &page[1..]), &document)?;
            write(&format!("{}/index.html", &page[1..]), &document)?;
            if let Some(feed) = self.term_feed(page) {
                write(&format!("{}/feed.xml", &page[1..]), &feed)?;
            }
        }
        // Each edition's front page, list and feed, as the root's.
        let editions = editions(content.site_value());
        for edition in &editions {
            let front = self.document_for(&format!("/{edition}/"), None, index_html, app);
            write(&format!("{edition}/index.html"), &front)?;
            let list = self.document_for(&format!("/{edition}/posts"), None, index_html, app);
            write(&format!("{edition}/posts.html"), &list)?;
            write(&format!("{edition}/posts/index.html"), &list)?;
            let join = self.document_for(&format!("/{edition}/join"), None, index_html, app);
            write(&format!("{edition}/join.html"), &join)?;
            if let Some(feed) = self.edition_feed(edition) {
                write(&format!("{edition}/feed.xml"), &feed)?;
            }
        }
        let posts = every_post(&content);
        for post in &posts {
            let path = format!("/posts/{}", post.summary.slug);
            write(
                &format!("posts/{}.html", post.summary.slug),
                &self.document_for(&path, None, index_html, app),
            )?;
        }
        Ok(8 + 3 * terms.len() + 5 * editions.len() + posts.len())
    }
}

/// The pages that are prerendered.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Prerendered<'a> {
    /// The front page, the root's or an edition's.
    Home(Option<&'a str>),
    /// `/posts` (or an edition's, `/cs/posts`) at its first page.
    AllPosts(Option<&'a str>),
    /// `/posts/<slug>`.
    Article(&'a str),
    /// The join page, the root's or an edition's.
    Join(Option<&'a str>),
    /// `/tag/<slug>` or `/author/<slug>` at its first page.
    Term(&'a str),
    /// `/search`, with the query of its address (`q`, normalized).
    Search(Option<String>),
}

impl<'a> Prerendered<'a> {
    /// The app's split point that holds the page's code (`src/chunks.rs`'s
    /// `LazyPage`), when it is not in the main wasm.
    fn chunk(&self) -> Option<&'static str> {
        match self {
            Prerendered::AllPosts(_) | Prerendered::Term(_) => Some("posts"),
            Prerendered::Join(_) => Some("join"),
            Prerendered::Search(_) => Some("search"),
            Prerendered::Home(_) | Prerendered::Article(_) => None,
        }
    }

    /// The prerendered page at a site path and query, if it is one.
    fn at(content: &Content, path: &'a str, query: Option<&str>) -> Option<Prerendered<'a>> {
        let first_page = query.is_none_or(str::is_empty);
        if let Some((edition, rest)) = edition_at(content, path) {
            return match rest {
                "/" => Some(Prerendered::Home(Some(edition))),
                "/posts" if first_page => Some(Prerendered::AllPosts(Some(edition))),
                "/join" => Some(Prerendered::Join(Some(edition))),
                _ => None,
            };
        }
        match path {
            "/" => Some(Prerendered::Home(None)),
            "/posts" if first_page => Some(Prerendered::AllPosts(None)),
            "/join" => Some(Prerendered::Join(None)),
            "/search" => Some(Prerendered::Search(query.and_then(search_query))),
            _ if path.starts_with("/tag/") || path.starts_with("/author/") => {
                first_page.then_some(Prerendered::Term(path))
            }
            _ => path.strip_prefix("/posts/").map(Prerendered::Article),
        }
    }

    /// The `limit` of the page of posts the page asks for: the all-posts
    /// page's first; for the front page and an article's recent-posts widget,
    /// one more than the widget shows, so that it still has enough once the
    /// article is left out; none for the join page.
    fn recent_limit(&self, app: &AppSettings) -> Option<u32> {
        match self {
            Prerendered::AllPosts(_) | Prerendered::Term(_) => Some(PAGE_SIZE),
            Prerendered::Home(_) | Prerendered::Article(_) => Some(app.recent_posts + 1),
            Prerendered::Join(_) | Prerendered::Search(_) => None,
        }
    }
}

/// Whether a site path is one of the content's pages: the fixed ones, an
/// article, a tag or an author there is.
fn is_page(content: &Content, path: &str) -> bool {
    match Prerendered::at(content, path, None) {
        Some(Prerendered::Article(slug)) => content.dated_one(slug).is_some(),
        Some(Prerendered::Term(path)) => term_at(content, path).is_some(),
        Some(_) => true,
        None => matches!(path, "/join/confirm"),
    }
}

/// The search query of an address's query string: `q`, form-decoded (`+`
/// is a space) and normalized as the app does.
fn search_query(query: &str) -> Option<String> {
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("q="))?
        .replace('+', " ");
    normalized_query(&percent_encoding::percent_decode_str(&value).decode_utf8_lossy())
}

/// A page's document: kept, in each encoding, or made for one request.
pub enum Document {
    Kept(Arc<Encoded>),
    Once(TaggedBody),
}

/// A page's document with its `ETag`, or `304` when the client has it.
pub fn document_response(request: &HeaderMap, document: &Document) -> Response {
    const HTML: &str = "text/html; charset=utf-8";
    match document {
        Document::Kept(encoded) => encoded_response(request, encoded, HTML, NO_CACHE),
        Document::Once(body) => http::conditional(request, body, HTML, NO_CACHE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_whose_code_is_a_chunk_names_it() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let content = gazette_content::load(&folder, "").unwrap();
        for (path, chunk) in [
            ("/", None),
            ("/cs/", None),
            ("/posts/norwegian-embassy-in-prague", None),
            ("/posts", Some("posts")),
            ("/uk/posts", Some("posts")),
            ("/tag/embassies", Some("posts")),
            ("/author/hans-weber", Some("posts")),
            ("/join", Some("join")),
            ("/uk/join", Some("join")),
            ("/search", Some("search")),
        ] {
            let page = Prerendered::at(&content, path, None);
            assert_eq!(page.map(|page| page.chunk()), Some(chunk), "{path}");
        }
    }

    #[test]
    fn only_the_contents_pages_are_kept() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let content = gazette_content::load(&folder, "").unwrap();
        for page in [
            "/",
            "/posts",
            "/join",
            "/search",
            "/posts/norwegian-embassy-in-prague",
            "/tag/embassies",
            "/author/hans-weber",
            "/cs/",
            "/uk/posts",
            "/uk/join",
        ] {
            assert!(is_page(&content, page), "{page}");
        }
        for not in [
            "/posts/made-up",
            "/tag/made-up",
            "/author/made-up",
            "/no/such/page",
            "/posts/",
            "/api/x",
            "/de/",
            "/cs/search",
        ] {
            assert!(!is_page(&content, not), "{not}");
        }
    }

    #[test]
    fn a_page_is_kept_for_its_content_version_only_and_the_cache_is_bounded() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let load = || Arc::new(gazette_content::load(&folder, "").unwrap());
        let (first, second) = (load(), load());
        let page = Arc::new(Encoded::of(TaggedBody::of(b"<p>a</p>".to_vec())));
        let cache = PageCache::default();
        assert!(cache.get(&first, "/").is_none());
        cache.keep(&first, "/", &page);
        assert!(cache
            .get(&first, "/")
            .is_some_and(|kept| Arc::ptr_eq(&kept, &page)));
        // Another version: nothing of the first is served, and a page made
        // from the first while the second came is not kept.
        assert!(cache.get(&second, "/").is_none());
        cache.keep(&first, "/", &page);
        assert!(cache.get(&second, "/").is_none());
        for n in 0..PageCache::MAX_PAGES + 10 {
            cache.keep(&second, &format!("/no/{n}"), &page);
        }
        let kept = cache.of(&second).unwrap().documents.len();
        assert_eq!(kept, PageCache::MAX_PAGES);
    }

    #[test]
    fn a_search_address_gives_its_query_form_decoded_and_normalized() {
        assert_eq!(
            search_query("x=1&q=v%C3%BDzkum+%20praha&q=other").as_deref(),
            Some("výzkum praha")
        );
        assert_eq!(search_query("q=%3Cscript%3E").as_deref(), Some("<script>"));
        assert_eq!(search_query("q=%FF").as_deref(), Some("\u{FFFD}"));
        for none in ["", "x=1", "q=", "q=+%20+", "query=a"] {
            assert_eq!(search_query(none), None, "{none}");
        }
    }
}
