//! Search: the posts that match what a reader types, found in Pagefind's
//! index (`/pagefind/`, which the server builds from the content, and `make
//! dist` for static hosts) by a module worker of ours
//! (`js/search-worker.js`), off the main thread. None of it loads before the
//! search page opens: the page is a chunk (`chunks.rs`), and the worker, the
//! index and Pagefind's wasm come when the page first searches.
//!
//! What the worker answers is read like any remote data: every field may be
//! missing or wrong, and an excerpt's `<mark>`s become nodes, never HTML.

pub mod results;
#[cfg(target_arch = "wasm32")]
mod worker;

use serde::Deserialize;

pub use gazette_api::content::{normalized_query, MAX_QUERY_CHARS};

use gazette_api::content::article_path;

use crate::urls::{encode_component, site_href};

/// The most results a search shows (Pagefind ranks them; the rest are
/// counted).
pub const SHOWN: usize = 20;
/// The most characters kept of a result's title, and of its excerpt.
const MAX_TITLE_CHARS: usize = 300;
const MAX_EXCERPT_CHARS: usize = 1_000;

/// Why a search found nothing to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// The worker, Pagefind or the index did not load: offline, or a host
    /// that does not serve `/pagefind/`.
    #[error("the search index did not load: {0}")]
    Unavailable(String),
    /// The worker answered something that is not a search's answer.
    #[error("the search answered something unreadable: {0}")]
    Garbled(String),
}

/// What a search found: the posts shown, and how many matched in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// One matching post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub slug: String,
    pub title: String,
    /// The post's language, when the index says.
    pub lang: Option<String>,
    /// RFC 3339, as the post has it.
    pub published_at: String,
    pub excerpt: Vec<Run>,
}

impl Hit {
    /// The article's path on the site, made from the slug (never a URL
    /// from the index).
    pub fn path(&self) -> String {
        article_path(&self.slug)
    }
}

/// A piece of an excerpt: its text, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub marked: bool,
}

/// The worker's answer, as it comes.
#[derive(Debug, Deserialize)]
struct Reply {
    id: u32,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    total: usize,
    #[serde(default)]
    results: Vec<RawHit>,
}

#[derive(Debug, Deserialize)]
struct RawHit {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    date: String,
    #[serde(default)]
    excerpt: String,
}

/// The worker's answer to the search numbered `id`: what it found, or why
/// it could not search. Results without a slug are left out; long texts
/// are cut.
pub fn read_reply(text: &str, id: u32) -> Result<Found, SearchError> {
    let reply: Reply =
        crate::json::from_str(text).map_err(|error| SearchError::Garbled(error.to_string()))?;
    if reply.id != id {
        return Err(SearchError::Garbled(format!(
            "an answer to search {} for search {id}",
            reply.id
        )));
    }
    if let Some(error) = reply.error {
        return Err(SearchError::Unavailable(cut(&error, MAX_TITLE_CHARS)));
    }
    let hits: Vec<Hit> = reply
        .results
        .into_iter()
        .filter(|hit| !hit.slug.is_empty() && !hit.slug.contains('/'))
        .take(SHOWN)
        .map(|hit| Hit {
            title: cut(&hit.title, MAX_TITLE_CHARS),
            lang: hit
                .lang
                .filter(|lang| gazette_api::content::is_language_tag(lang)),
            published_at: hit.date,
            excerpt: excerpt_runs(&cut(&hit.excerpt, MAX_EXCERPT_CHARS)),
            slug: hit.slug,
        })
        .collect();
    Ok(Found {
        total: reply.total.max(hits.len()),
        hits,
    })
}

/// The first `max` characters of `text`.
fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// An excerpt as Pagefind writes it (text with `&`, `<` and `>` escaped,
/// the matched words in `<mark>`) as runs of text. Anything else that looks
/// like markup stays text.
pub fn excerpt_runs(excerpt: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut rest = excerpt;
    let mut push = |text: &str, marked: bool| {
        if !text.is_empty() {
            runs.push(Run {
                text: unescape(text),
                marked,
            });
        }
    };
    while let Some(start) = rest.find("<mark>") {
        push(&rest[..start], false);
        let after = &rest[start + "<mark>".len()..];
        let (marked, next) = after.split_once("</mark>").unwrap_or((after, ""));
        push(marked, true);
        rest = next;
    }
    push(rest, false);
    runs
}

/// Text with the character references Pagefind writes read back.
fn unescape(text: &str) -> String {
    const REFERENCES: [(&str, &str); 6] = [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&amp;", "&"),
    ];
    let mut text = text.to_owned();
    for (reference, character) in REFERENCES {
        text = text.replace(reference, character);
    }
    text
}

/// Searches the posts for `query` (normalized). Natively (the `#[test]`s)
/// there is no worker.
pub async fn find(query: &str) -> Result<Found, SearchError> {
    #[cfg(target_arch = "wasm32")]
    return worker::search(query, SHOWN).await;
    #[cfg(not(target_arch = "wasm32"))]
    Err(SearchError::Unavailable(format!(
        "no worker to search for {query:?}"
    )))
}

/// Starts the worker and has it load Pagefind, so that the first search is
/// quick: when the header's search field is focused.
pub fn warm() {
    #[cfg(target_arch = "wasm32")]
    worker::warm();
}

/// The search page's address for a query (`/search` alone for none).
pub fn search_href(query: &str) -> String {
    match normalized_query(query) {
        Some(query) => format!("{}?q={}", site_href("/search"), encode_component(&query)),
        None => site_href("/search"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, marked: bool) -> Run {
        Run {
            text: text.into(),
            marked,
        }
    }

    #[test]
    fn an_excerpt_is_text_and_marks_never_markup() {
        assert_eq!(
            excerpt_runs("o <mark>výzkumu</mark> &amp; <mark>vědě</mark>"),
            [
                run("o ", false),
                run("výzkumu", true),
                run(" & ", false),
                run("vědě", true)
            ]
        );
        assert_eq!(
            excerpt_runs("&lt;script&gt;alert(1)&lt;/script&gt; <img src=x>"),
            [run("<script>alert(1)</script> <img src=x>", false)]
        );
        assert_eq!(excerpt_runs("<mark>open"), [run("open", true)]);
        assert_eq!(excerpt_runs("&amp;lt;"), [run("&lt;", false)]);
        assert_eq!(excerpt_runs(""), []);
    }

    #[test]
    fn a_reply_is_read_as_untrusted_data() {
        let found = read_reply(
            r#"{"id":3,"total":4,"results":[
                {"slug":"a","title":"A","lang":"uk","date":"2024-05-22T09:00:00Z","excerpt":"<mark>a</mark>"},
                {"slug":"","title":"no slug"},
                {"slug":"../x","title":"a path"},
                {"slug":"b","title":"B","lang":"\"><script>","excerpt":7}
            ]}"#,
            3,
        );
        assert!(matches!(found, Err(SearchError::Garbled(_))), "{found:?}");
        let found = read_reply(
            r#"{"id":3,"total":1,"results":[
                {"slug":"a","title":"A","lang":"uk","date":"2024-05-22T09:00:00Z","excerpt":"<mark>a</mark>"},
                {"slug":"","title":"no slug"},
                {"slug":"../x","title":"a path"},
                {"slug":"b","title":"B","lang":"\"><script>"}
            ]}"#,
            3,
        )
        .unwrap();
        assert_eq!(found.total, 2, "never fewer than shown");
        assert_eq!(found.hits[0].path(), "/posts/a");
        assert_eq!(found.hits[0].lang.as_deref(), Some("uk"));
        assert_eq!(found.hits[1].slug, "b");
        assert_eq!(found.hits[1].lang, None);
        assert_eq!(
            read_reply(r#"{"id":4,"error":"404 pagefind.js"}"#, 4),
            Err(SearchError::Unavailable("404 pagefind.js".into()))
        );
        assert!(matches!(
            read_reply(r#"{"id":2,"results":[]}"#, 3),
            Err(SearchError::Garbled(_))
        ));
        assert!(matches!(
            read_reply("<html>", 3),
            Err(SearchError::Garbled(_))
        ));
        let long = format!(
            r#"{{"id":1,"results":[{{"slug":"a","title":"{}"}}]}}"#,
            "t".repeat(5_000)
        );
        assert_eq!(
            read_reply(&long, 1).unwrap().hits[0].title.len(),
            MAX_TITLE_CHARS
        );
    }
}
