//! The search index: every post's words (title, excerpt, body, captions,
//! tags and author) in Pagefind's format, with Pagefind's own browser half
//! (`pagefind.js` and its wasm), as files in memory under `/pagefind/`.
//! The reference server builds it at start and again with the content it
//! reads; a static build writes it into `dist/pagefind/`. Why Pagefind:
//! docs/ARCHITECTURE.md.
//!
//! It may depend on the contract, the content folder and the renderer's
//! escaping; not on HTTP or the app.

use std::collections::BTreeMap;

use gazette_api::content::{article_path, body_texts};
use gazette_api::{Block, PostSummary};
use gazette_content::{tagged::TaggedBody, Content};
use gazette_render::escape;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// Where the index lives under the site's base path.
pub const SEARCH_DIR: &str = "pagefind";

/// What building the index can fail with: Pagefind's own errors, which are
/// `anyhow`'s, kept as their text.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search index could not be built: {0}")]
    Build(String),
}

/// The index's files, by their path under [`SEARCH_DIR`], each with its
/// entity tag.
#[derive(Debug, Default)]
pub struct SearchFiles {
    files: BTreeMap<String, TaggedBody>,
    /// The posts indexed.
    pub posts: usize,
}

impl SearchFiles {
    /// A file of the index, by its path under [`SEARCH_DIR`].
    pub fn get(&self, path: &str) -> Option<&TaggedBody> {
        self.files.get(path)
    }

    /// Every file, with its path under [`SEARCH_DIR`].
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .map(|(path, body)| (path.as_str(), body.bytes.as_slice()))
    }

    /// The bytes of every file.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(|body| body.bytes.len()).sum()
    }
}

/// Whether a file's name changes with its content (Pagefind names its
/// chunks by their hash), so that it may be cached for ever; the others
/// (`pagefind.js`, `pagefind-entry.json`, the wasm) keep their names from
/// one build to the next and must be revalidated.
pub fn is_immutable(path: &str) -> bool {
    [".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"]
        .iter()
        .any(|suffix| path.ends_with(suffix))
}

/// The files the browser needs: the search API, the index and the wasm;
/// not Pagefind's own UIs, its highlighter or its playground.
fn is_needed(path: &str) -> bool {
    let ui = ["-ui.", "-highlight.", "playground/"];
    !ui.iter().any(|part| path.contains(part))
}

/// Builds the index of every post. One language for all of it, the site's:
/// Pagefind searches the index of the page's language only, and a reader
/// of a Czech site looks for Ukrainian and English posts from the same box.
pub async fn build(content: &Content) -> Result<SearchFiles, SearchError> {
    let lang = primary_subtag(&content.site_value().lang);
    let options = PagefindServiceConfig::builder()
        .force_language(lang.to_owned())
        .keep_index_url(true)
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(failed)?;
    let mut posts = 0;
    for (summary, _) in content.dated() {
        let Some((_, tags, body)) = content.article_parts(&summary.slug) else {
            continue;
        };
        let page = document(lang, summary, tags, body);
        index
            .add_html_file(None, Some(article_path(&summary.slug)), page)
            .await
            .map_err(failed)?;
        posts += 1;
    }
    let files = index
        .get_files()
        .await
        .map_err(failed)?
        .into_iter()
        .filter_map(|file| {
            let path = file.filename.to_string_lossy().replace('\\', "/");
            let path = path
                .trim_start_matches(&format!("{SEARCH_DIR}/"))
                .trim_start_matches('/')
                .to_owned();
            is_needed(&path).then(|| (path, TaggedBody::of(file.contents)))
        })
        .collect();
    Ok(SearchFiles { files, posts })
}

fn failed(error: impl std::fmt::Display) -> SearchError {
    SearchError::Build(format!("{error:#}"))
}

/// `cs` of `cs-CZ`: Pagefind names its languages by ISO 639-1 code.
fn primary_subtag(lang: &str) -> &str {
    lang.split('-').next().unwrap_or(lang)
}

/// The page Pagefind reads for a post: its title as the `h1` (Pagefind
/// ranks words in headings first), its slug, date and language as metadata
/// the results carry, then every text a reader reads, tags and author
/// included. All text escaped: it is the content's, not ours.
fn document(lang: &str, summary: &PostSummary, tags: &[String], body: &[Block]) -> String {
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><head><title>{}</title></head><body>\
         <h1>{}</h1><p data-pagefind-meta=\"slug:{}\"></p>\
         <p data-pagefind-meta=\"date:{}\"></p><p data-pagefind-meta=\"lang:{}\"></p>",
        escape::attribute(lang),
        escape::text(&summary.title),
        escape::text(&summary.title),
        escape::attribute(&summary.slug),
        escape::attribute(&summary.published_at),
        escape::attribute(&summary.lang),
    );
    let mut paragraph = |text: &str| {
        if !text.trim().is_empty() {
            html.push_str("<p>");
            html.push_str(&escape::text(text));
            html.push_str("</p>");
        }
    };
    paragraph(&summary.excerpt);
    body_texts(body, &mut paragraph);
    paragraph(&summary.author.name);
    tags.iter().for_each(|tag| paragraph(tag));
    html.push_str("</body></html>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_api::{Author, Span};

    #[test]
    fn a_post_is_read_as_escaped_text_with_its_title_first() {
        let summary = PostSummary {
            slug: "a-b".into(),
            title: "<script>alert(1)</script> & co".into(),
            excerpt: "Výzkum".into(),
            author: Author {
                name: "Олена".into(),
                url: None,
            },
            lang: "cs".into(),
            published_at: "2024-05-22T09:00:00Z".into(),
            cover: None,
            reading_minutes: None,
        };
        let body = vec![Block::Paragraph {
            text: vec![Span::plain("\"><img src=x>")],
        }];
        let page = document("cs", &summary, &["Události".into()], &body);
        assert!(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>"));
        assert!(page.contains("data-pagefind-meta=\"slug:a-b\""));
        assert!(!page.contains("<img"));
        for text in ["Výzkum", "Олена", "Události"] {
            assert!(page.contains(&format!("<p>{text}</p>")), "{text}");
        }
    }

    #[test]
    fn hashed_chunks_are_immutable_and_the_rest_revalidated() {
        assert!(is_immutable("fragment/en_1a2b.pf_fragment"));
        assert!(is_immutable("pagefind.en_1a2b.pf_meta"));
        assert!(!is_immutable("pagefind.js"));
        assert!(!is_immutable("pagefind-entry.json"));
        assert!(!is_immutable("wasm.unknown.pagefind"));
        assert!(!is_needed("pagefind-ui.js"));
        assert!(is_needed("pagefind-worker.js"));
    }
}
