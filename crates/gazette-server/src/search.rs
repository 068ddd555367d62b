//! `/pagefind/…`: the search index of the content being served, built at
//! start and again whenever the content is read again, and Pagefind's
//! browser half. The app's search page loads it; nothing else does.

use std::sync::{Arc, RwLock};

use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use gazette_content::Content;
use gazette_search::{SearchFiles, SEARCH_DIR};

use crate::http::{self, Problem};

/// The index being served: replaced whole when the content is, while a
/// request keeps the version it started with.
#[derive(Clone, Default)]
pub struct SearchIndex(Arc<RwLock<Arc<SearchFiles>>>);

impl SearchIndex {
    /// The index of `content`; an empty one, and a warning, when it cannot
    /// be built (the search page then says search is unavailable, and the
    /// rest of the site is served as ever).
    pub async fn of(content: &Content) -> SearchIndex {
        let index = SearchIndex::default();
        index.rebuild(content).await;
        index
    }

    /// Builds the index of `content` and serves it from now on; on failure
    /// keeps the one served.
    pub async fn rebuild(&self, content: &Content) {
        match gazette_search::build(content).await {
            Ok(files) => {
                tracing::info!(
                    posts = files.posts,
                    bytes = files.total_bytes(),
                    "search index built"
                );
                *self
                    .0
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(files);
            }
            Err(error) => tracing::warn!(%error, "serving the last search index"),
        }
    }

    fn get(&self) -> Arc<SearchFiles> {
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn router(self) -> Router {
        Router::new()
            .route(&format!("/{SEARCH_DIR}/{{*file}}"), get(file))
            .with_state(self)
    }
}

async fn file(
    State(index): State<SearchIndex>,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Response {
    let files = index.get();
    let Some(body) = files.get(&path) else {
        return Problem::not_found("The search index has no such file.").into_response();
    };
    let rule = http::cache_rule(&format!("/{SEARCH_DIR}/{path}"));
    http::conditional(&headers, body, content_type(&path), rule)
}

/// Pagefind's files: its scripts, its manifest, and binary chunks (gzip
/// streams it unpacks itself, and its wasm).
fn content_type(path: &str) -> &'static str {
    if path.ends_with(".js") {
        "text/javascript; charset=utf-8"
    } else if path.ends_with(".json") {
        "application/json"
    } else {
        "application/octet-stream"
    }
}
