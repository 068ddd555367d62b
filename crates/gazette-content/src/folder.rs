//! The content folder, loaded and checked once at start-up, and the post list's
//! keyset pagination.
//!
//! Every JSON body the GET endpoints send is serialised here, once, together
//! with its entity tag ([`TaggedBody`]).
//!
//! Long because loading, checking and paginating share the loaded posts'
//! order, which the cursors encode.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::Arc,
};

use arc_swap::ArcSwap;

use crate::{
    archive::{Filter, Index, TermsFile, TERMS_FILE},
    pictures::{PictureError, Pictures},
    tagged::TaggedBody,
    translations::{self, ReadPost, Refused},
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use gazette_api::{
    content::{
        check_article, check_site, check_term, is_rfc3339_utc, is_valid_slug, reading_minutes,
        utc_timestamp,
    },
    languages::{edition_of, editions, listed_at_root},
    slug::slug_of,
    Article, Block, Href, ImageUrl, PostPage, PostSummary, Site, Term, Terms, Translation,
};

struct Post {
    summary: PostSummary,
    updated_at: Option<String>,
    order_key: OrderKey,
    article: TaggedBody,
    /// The article's blocks, for the page the server prerenders.
    body: Vec<Block>,
    tags: Vec<String>,
    /// Its other versions, linked both ways.
    translations: Vec<Translation>,
}

impl Post {
    fn dated(&self) -> (&PostSummary, Option<&str>) {
        (&self.summary, self.updated_at.as_deref())
    }
}

/// Newest first, then by slug: `(published_at, slug)` compared with time descending.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct OrderKey {
    newest_first: std::cmp::Reverse<String>,
    slug: String,
}

impl OrderKey {
    fn new(published_at: &str, slug: &str) -> OrderKey {
        OrderKey {
            newest_first: std::cmp::Reverse(sortable_timestamp(published_at)),
            slug: slug.to_owned(),
        }
    }
}

/// An RFC 3339 UTC timestamp as a string that sorts in time order: the `Z`
/// removed and the fraction padded to nanoseconds.
fn sortable_timestamp(timestamp: &str) -> String {
    let without_zone = timestamp.trim_end_matches(['Z', 'z']);
    let (seconds, fraction) = without_zone.split_once('.').unwrap_or((without_zone, ""));
    format!("{}.{:0<9}", seconds.replace('t', "T"), fraction)
}

/// The loaded content: the site, and the posts newest first.
pub struct Content {
    site: TaggedBody,
    site_value: Site,
    /// When `site.json` last changed, by its file's date.
    site_changed: Option<String>,
    posts: Vec<Post>,
    by_slug: HashMap<String, usize>,
    /// The root's list, newest first: every post once, in the site's
    /// language when it has a version in it.
    all: Vec<usize>,
    /// Each further edition's list, newest first: the posts in its language.
    editions: HashMap<String, Vec<usize>>,
    tags: Index,
    authors: Index,
    pictures: Pictures,
    /// Old slugs and the slug each post has now (`redirects.json`).
    redirects: HashMap<String, String>,
}

/// The content being served: replaced whole when its source is read again,
/// while each request keeps the version it started with. Read without a
/// lock (an atomic pointer, `arc-swap`): every request reads it, and a
/// reader never waits for another, nor for a replacement.
#[derive(Clone)]
pub struct Current(Arc<ArcSwap<Content>>);

impl Current {
    pub fn new(content: Content) -> Current {
        Current(Arc::new(ArcSwap::from_pointee(content)))
    }

    /// The content now.
    pub fn get(&self) -> Arc<Content> {
        self.0.load_full()
    }

    /// Serves `content` from now on.
    pub fn replace(&self, content: Content) {
        self.0.store(Arc::new(content));
    }
}

/// The file of old slugs: `{"old-slug": "new-slug"}`, written by `import`
/// when a CMS's slug was not valid, so that old links keep working.
pub const REDIRECTS: &str = "redirects.json";

/// Reads a folder's `redirects.json`; none when it is missing.
pub fn read_redirects(folder: &Path) -> Result<HashMap<String, String>, LoadError> {
    let path = folder.join(REDIRECTS);
    if !path.exists() {
        return Ok(HashMap::new());
    }
    read_json(&path)
}

/// Why the content folder could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or folder could not be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        error: std::io::Error,
    },
    /// A Markdown post cannot be published as written.
    #[error("{}:{line}: {message}", path.display())]
    Markdown {
        /// The file.
        path: PathBuf,
        /// The line at fault (1 is the first).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A picture's variants could not be made.
    #[error(transparent)]
    Picture(#[from] PictureError),
    /// A file's content breaks the contract.
    #[error("{}: at `{field}`: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The JSON path of the bad value, e.g. `body[2].image.src`.
        field: String,
        /// What is wrong.
        message: String,
    },
}

impl From<Refused> for LoadError {
    fn from(refused: Refused) -> LoadError {
        LoadError::Invalid {
            path: refused.path,
            field: refused.field,
            message: refused.message,
        }
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })?;
    let invalid = |field: String, message: String| LoadError::Invalid {
        path: path.to_owned(),
        field,
        message,
    };
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|error| invalid("(document)".to_owned(), error.to_string()))?;
    if let Some(field) = refused_address(&value, String::new()) {
        let message = "the allow-list refuses this address (links: http, https, mailto or a \
                       site path; pictures: http, https or a path, without spaces or commas)";
        return Err(invalid(field, message.to_owned()));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let field = match error.path().to_string() {
            path if path == "." => "(document)".to_owned(),
            path => path,
        };
        invalid(field, error.into_inner().to_string())
    })
}

/// The JSON path of the first address in a file that the allow-list
/// refuses. Decoding turns such an address into none, which is right for a
/// reader's app; the author of the file is told instead.
fn refused_address(value: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| refused_address(item, format!("{path}[{index}]"))),
        Value::Object(fields) => fields.iter().find_map(|(key, field)| {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let refused = match (key.as_str(), field) {
                ("href" | "url" | "privacy_url", Value::String(href)) => {
                    Href::parse(href).is_none()
                }
                ("src", Value::String(src)) => ImageUrl::parse(src).is_none(),
                _ => return refused_address(field, at),
            };
            refused.then_some(at)
        }),
        _ => None,
    }
}

/// Reads one post: JSON as the contract has it, or Markdown mapped to it;
/// `None` for a Markdown draft. What Markdown drops is logged with its line.
fn read_post(path: &Path, site_lang: &str) -> Result<Option<ReadPost>, LoadError> {
    let read = |article, translation_of| ReadPost {
        article,
        path: path.to_owned(),
        translation_of,
    };
    if path.extension().is_some_and(|ext| ext == "json") {
        return read_json(path).map(|article| Some(read(article, None)));
    }
    let text = std::fs::read_to_string(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })?;
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("");
    let parsed =
        crate::markdown::parse(&text, stem, site_lang).map_err(|refusal| LoadError::Markdown {
            path: path.to_owned(),
            line: refusal.line,
            message: refusal.message,
        })?;
    for note in &parsed.notes {
        tracing::warn!("{}:{}: {}", path.display(), note.line, note.message);
    }
    if parsed.draft {
        tracing::info!("{}: a draft, not published", path.display());
        return Ok(None);
    }
    Ok(Some(read(parsed.article, parsed.translation_of)))
}

/// Loads `site.json` and every `posts/*.json` and `posts/*.md` of a folder,
/// and checks them.
/// Image paths in the files are relative to the site's root; with a
/// `base_path` such as `/news` they are served under it (`/news/images/…`).
pub fn load(folder: &Path, base_path: &str) -> Result<Content, LoadError> {
    let pictures = Pictures::prepare(folder)?;
    let site_path = folder.join("site.json");
    let site: Site = read_json(&site_path)?;
    let site_changed = changed_at(&site_path);
    check_site(&site).map_err(|error| LoadError::Invalid {
        path: site_path.clone(),
        field: error.path,
        message: error.message,
    })?;

    let posts_folder = folder.join("posts");
    let io_error = |error| LoadError::Io {
        path: posts_folder.clone(),
        error,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(&posts_folder).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        if path
            .extension()
            .is_some_and(|ext| ext == "json" || ext == "md")
        {
            paths.push(path);
        }
    }
    paths.sort();

    let mut site = site;
    if let Some(image) = &mut site.image {
        fill_picture(&pictures, image, base_path);
    }
    let mut read = Vec::with_capacity(paths.len());
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for path in paths {
        let Some(post) = read_post(&path, &site.lang)? else {
            continue;
        };
        check_article(&post.article).map_err(|error| LoadError::Invalid {
            path: path.clone(),
            field: error.path,
            message: error.message,
        })?;
        let slug = post.article.summary.slug.clone();
        if let Some(other) = slugs.insert(slug.clone(), path.clone()) {
            return Err(LoadError::Invalid {
                path,
                field: "slug".into(),
                message: format!("{slug:?} is already used by {}", other.display()),
            });
        }
        read.push(post);
    }
    translations::link(&site, &mut read)?;
    let mut posts: Vec<Post> = read
        .into_iter()
        .map(|post| post_of(post.article, &pictures, base_path))
        .collect();
    posts.sort_by(|a, b| a.order_key.cmp(&b.order_key));
    let by_slug: HashMap<String, usize> = posts
        .iter()
        .enumerate()
        .map(|(index, post)| (post.summary.slug.clone(), index))
        .collect();
    let (mut tags, mut authors) = (Index::default(), Index::default());
    for (index, post) in posts.iter().enumerate() {
        post.tags.iter().for_each(|tag| tags.add(tag, index));
        authors.add(&post.summary.author.name, index);
    }
    describe_terms(folder, &pictures, base_path, &mut tags, &mut authors)?;
    let mut redirects = read_redirects(folder)?;
    redirects.retain(|old, new| !by_slug.contains_key(old) && by_slug.contains_key(new));
    let (all, editions) = lists(&site, &posts);
    Ok(Content {
        site: TaggedBody::json(&site),
        site_value: site,
        site_changed,
        all,
        editions,
        posts,
        by_slug,
        tags,
        authors,
        pictures,
        redirects,
    })
}

/// A checked article as the folder keeps it: its pictures' variants filled
/// in, its reading time counted, serialised once.
fn post_of(mut article: Article, pictures: &Pictures, base_path: &str) -> Post {
    for image in article.images_mut() {
        fill_picture(pictures, image, base_path);
    }
    // Lists show a reading time too, and they have no body to count from.
    article
        .summary
        .reading_minutes
        .get_or_insert_with(|| reading_minutes(&article.body));
    Post {
        order_key: OrderKey::new(&article.summary.published_at, &article.summary.slug),
        article: TaggedBody::json(&article),
        body: article.body,
        updated_at: article.updated_at,
        summary: article.summary,
        tags: article.tags,
        translations: article.translations,
    }
}

/// The root's list and each further edition's, of posts sorted newest first.
fn lists(site: &Site, posts: &[Post]) -> (Vec<usize>, HashMap<String, Vec<usize>>) {
    let mut editions: HashMap<String, Vec<usize>> = editions(site)
        .into_iter()
        .map(|edition| (edition, Vec::new()))
        .collect();
    let mut all = Vec::new();
    for (index, post) in posts.iter().enumerate() {
        let summary = &post.summary;
        if listed_at_root(site, &summary.lang, &summary.slug, &post.translations) {
            all.push(index);
        }
        if let Some(list) = edition_of(site, &summary.lang).and_then(|e| editions.get_mut(&e)) {
            list.push(index);
        }
    }
    (all, editions)
}

/// Reads `terms.json`, when there is one, into the tags and authors: each
/// description checked, each picture given its variants. A name no post
/// carries is noted in the log and left out.
fn describe_terms(
    folder: &Path,
    pictures: &Pictures,
    base_path: &str,
    tags: &mut Index,
    authors: &mut Index,
) -> Result<(), LoadError> {
    let path = folder.join(TERMS_FILE);
    if !path.exists() {
        return Ok(());
    }
    let file: TermsFile = read_json(&path)?;
    for (kind, entries, index) in [
        ("tags", file.tags, tags),
        ("authors", file.authors, authors),
    ] {
        for (name, mut about) in entries {
            if let Some(image) = &mut about.image {
                fill_picture(pictures, image, base_path);
            }
            let described = slug_of(&name).and_then(|slug| index.describe(&slug, about));
            let Some(term) = described else {
                tracing::warn!("{}: no post has the {kind} entry {name:?}", path.display());
                continue;
            };
            check_term(term).map_err(|error| LoadError::Invalid {
                path: path.clone(),
                field: format!("{kind}.{name}.{}", error.path),
                message: error.message,
            })?;
        }
    }
    Ok(())
}

/// A file's last change as an RFC 3339 timestamp in UTC.
fn changed_at(path: &Path) -> Option<String> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(utc_timestamp(i64::try_from(seconds).ok()?))
}

/// A picture of the folder with its variants, or another picture's URLs
/// under the base path.
fn fill_picture(pictures: &Pictures, image: &mut gazette_api::Image, base_path: &str) {
    let before = image.src.clone();
    pictures.fill(image, base_path);
    if image.src == before {
        image.map_urls(|src| under_base_path(base_path, src));
    }
}

/// A root-relative path (`/images/a.webp`) moved under the base path; URLs
/// with a scheme or a host are left as they are.
fn under_base_path(base_path: &str, src: &str) -> String {
    if src.starts_with('/') && !src.starts_with("//") {
        format!("{base_path}{src}")
    } else {
        src.to_owned()
    }
}

/// A position in the post list: the last post of the previous page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    published_at: String,
    slug: String,
}

impl Cursor {
    /// The opaque string form sent to clients.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}|{}", self.published_at, self.slug))
    }

    /// Parses a cursor issued by [`Cursor::encode`]; `None` for anything else.
    pub fn decode(text: &str) -> Option<Cursor> {
        if text.len() > 200 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (published_at, slug) = text.split_once('|')?;
        (is_rfc3339_utc(published_at) && is_valid_slug(slug)).then(|| Cursor {
            published_at: published_at.to_owned(),
            slug: slug.to_owned(),
        })
    }
}

impl Content {
    /// The slug a post has now, for one it had before.
    pub fn redirect(&self, old_slug: &str) -> Option<&str> {
        self.redirects.get(old_slug).map(String::as_str)
    }

    /// Every old slug and its post's slug now.
    pub fn redirects(&self) -> impl Iterator<Item = (&str, &str)> {
        self.redirects
            .iter()
            .map(|(old, new)| (old.as_str(), new.as_str()))
    }

    /// The content's pictures and their variants.
    pub fn pictures(&self) -> &Pictures {
        &self.pictures
    }

    /// The site document.
    pub fn site(&self) -> &TaggedBody {
        &self.site
    }

    pub fn site_value(&self) -> &Site {
        &self.site_value
    }

    /// When `site.json` last changed (RFC 3339, UTC), by its file's date.
    pub fn site_changed(&self) -> Option<&str> {
        self.site_changed.as_deref()
    }

    /// Every post, newest first, with the time it was last updated (as
    /// feeds and sitemaps list them).
    pub fn dated(&self) -> impl Iterator<Item = (&PostSummary, Option<&str>)> {
        self.posts.iter().map(Post::dated)
    }

    /// The posts of a list, newest first, dated; `None` for a tag or an
    /// author there is none of.
    pub fn dated_in(&self, filter: Filter) -> Option<Vec<(&PostSummary, Option<&str>)>> {
        let members = self.members(filter)?;
        Some(
            members
                .iter()
                .map(|&post| self.posts[post].dated())
                .collect(),
        )
    }

    fn members(&self, filter: Filter) -> Option<&[usize]> {
        match filter {
            Filter::All => Some(&self.all),
            Filter::Edition(language) => self.editions.get(language).map(Vec::as_slice),
            Filter::Tag(slug) => self.tags.posts(slug),
            Filter::Author(slug) => self.authors.posts(slug),
        }
    }

    /// One post by slug with the time it was last updated, as a page's head
    /// describes it.
    pub fn dated_one(&self, slug: &str) -> Option<(&PostSummary, Option<&str>)> {
        self.by_slug
            .get(slug)
            .map(|&index| self.posts[index].dated())
    }

    /// One article by slug.
    pub fn article(&self, slug: &str) -> Option<&TaggedBody> {
        self.by_slug
            .get(slug)
            .map(|&index| &self.posts[index].article)
    }

    /// One article by slug, as values: its summary, its tags and its blocks.
    pub fn article_parts(&self, slug: &str) -> Option<(&PostSummary, &[String], &[Block])> {
        self.by_slug.get(slug).map(|&index| {
            let post = &self.posts[index];
            (&post.summary, post.tags.as_slice(), post.body.as_slice())
        })
    }

    /// A post's other versions, by slug; none for a post there is not.
    pub fn translations(&self, slug: &str) -> &[Translation] {
        self.by_slug
            .get(slug)
            .map_or(&[], |&index| self.posts[index].translations.as_slice())
    }

    /// Up to `limit` posts of a list after `cursor` (from the start without
    /// one), newest first; `None` for a tag or an author there is none of.
    pub fn page(&self, filter: Filter, limit: usize, cursor: Option<&Cursor>) -> Option<PostPage> {
        let members = self.members(filter)?;
        let start = match cursor {
            None => 0,
            Some(cursor) => {
                let key = OrderKey::new(&cursor.published_at, &cursor.slug);
                members.partition_point(|&post| self.posts[post].order_key <= key)
            }
        };
        let items: Vec<PostSummary> = members[start..]
            .iter()
            .take(limit)
            .map(|&post| self.posts[post].summary.clone())
            .collect();
        let next_cursor = (start + items.len() < members.len())
            .then(|| items.last())
            .flatten()
            .map(|last| {
                Cursor {
                    published_at: last.published_at.clone(),
                    slug: last.slug.clone(),
                }
                .encode()
            });
        Some(PostPage { items, next_cursor })
    }

    /// One tag by slug.
    pub fn tag(&self, slug: &str) -> Option<&Term> {
        self.tags.term(slug)
    }

    /// One author by slug.
    pub fn author(&self, slug: &str) -> Option<&Term> {
        self.authors.term(slug)
    }

    /// Every tag, by name.
    pub fn tags(&self) -> Terms {
        self.tags.all()
    }

    /// Every author, by name.
    pub fn authors(&self) -> Terms {
        self.authors.all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_author_is_told_where_an_address_is_refused() {
        let post = serde_json::json!({
            "author": {"name": "A", "url": "https://a.org"},
            "cover": {"src": "/images/a.webp"},
            "body": [
                {"type": "paragraph", "text": [{"text": "a", "href": "/posts/b"}]},
                {"type": "gallery", "images": [
                    {"src": "/images/b.webp", "variants": [{"src": "//evil.example/b.webp", "width": 480}]}
                ]}
            ]
        });
        assert_eq!(
            refused_address(&post, String::new()).as_deref(),
            Some("body[1].images[0].variants[0].src")
        );
        let mut post = post;
        post["body"][1]["images"][0]["variants"][0]["src"] = "/images/b-480.webp".into();
        assert_eq!(refused_address(&post, String::new()), None);
        post["author"]["url"] = "JavaScript:alert(1)".into();
        assert_eq!(
            refused_address(&post, String::new()).as_deref(),
            Some("author.url")
        );
    }

    #[test]
    fn timestamps_sort_in_time_order() {
        assert!(
            sortable_timestamp("2024-05-22T09:00:00Z")
                < sortable_timestamp("2024-05-22T09:00:00.5Z")
        );
        assert!(
            sortable_timestamp("2024-05-22T09:00:00.5Z")
                < sortable_timestamp("2024-05-22T09:00:01Z")
        );
    }

    #[test]
    fn cursors_round_trip_and_reject_forgeries() {
        let cursor = Cursor {
            published_at: "2024-05-22T09:00:00Z".into(),
            slug: "a-b".into(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        for bad in [
            "",
            "!!!",
            "bm9wZQ",
            &URL_SAFE_NO_PAD.encode("2024|x"),
            &"A".repeat(500),
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }
}
