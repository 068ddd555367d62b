//! The built app: static files with cache rules, and `index.html` for every
//! in-app navigation (the SPA fallback).
//!
//! Long because the SPA fallback, the hostile-path check and the cache rules
//! all decide on the same request path, and are tested together.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use axum::{
    extract::Request,
    handler::HandlerWithoutStateExt,
    http::{header, HeaderValue, Method, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
    Router,
};
use base64::{engine::general_purpose::STANDARD, Engine};
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use gazette_render::prerender::AppSettings;

use crate::{
    discovery::{document_response, Discovery, Document},
    error::ShellError,
    http::{self, cache_rule, Problem},
};

/// The dist folder and its `index.html`, read once, and what gives each
/// page its head.
pub struct AppShell {
    dist: PathBuf,
    index_html: String,
    heads: Option<Arc<Discovery>>,
    /// What an article's prerendered body needs of the build; `None` when
    /// its `config.json` is unusable.
    settings: Option<AppSettings>,
}

impl AppShell {
    /// Reads `index.html` from a dist folder, and checks that the app was
    /// built for the base path it will be served under.
    pub fn load(dist: &Path, base_path: &str) -> Result<AppShell, ShellError> {
        let shell = AppShell::read(dist)?;
        let expected = format!("{base_path}/");
        match shell.base_href() {
            Some(built_for) if built_for == expected => Ok(shell),
            built_for => Err(ShellError::WrongBase {
                index: dist.join("index.html"),
                built_for: built_for.map(str::to_owned),
                expected,
            }),
        }
    }

    /// Reads `index.html` from a dist folder, whatever it was built for.
    pub fn read(dist: &Path) -> Result<AppShell, ShellError> {
        let index = dist.join("index.html");
        let index_html = std::fs::read_to_string(&index)
            .map_err(|error| ShellError::NoIndex { path: index, error })?;
        let base = base_href(&index_html).unwrap_or("/").to_owned();
        Ok(AppShell {
            dist: dist.to_owned(),
            settings: AppSettings::read(dist, &base),
            index_html,
            heads: None,
        })
    }

    /// Pages get their own head from `heads` (else the build's, as it is).
    pub fn with_heads(mut self, heads: Arc<Discovery>) -> AppShell {
        self.heads = Some(heads);
        self
    }

    /// The base path the app was built for, as `<base href>` says (`/news/`).
    pub fn base_href(&self) -> Option<&str> {
        base_href(&self.index_html)
    }

    pub fn index_html(&self) -> &str {
        &self.index_html
    }

    pub fn settings(&self) -> Option<&AppSettings> {
        self.settings.as_ref()
    }

    /// The CSP sources (`'sha256-…'`) of the inline scripts in `index.html`.
    pub fn inline_script_hashes(&self) -> Vec<String> {
        inline_scripts(&self.index_html)
            .map(|script| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
            .collect()
    }
}

/// The `href` of the `<base>` element, quoted or not (Trunk minifies).
fn base_href(html: &str) -> Option<&str> {
    let (_, after) = html.split_once("<base")?;
    let (attributes, _) = after.split_once('>')?;
    let (_, value) = attributes.split_once("href=")?;
    match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next(),
        _ => value.split(char::is_whitespace).next(),
    }
}

/// Serves `app` under `base` (such as `/news`): the prefix is removed before
/// `app` routes the request; `/` and `/news` redirect to `/news/`, and any
/// other path outside the prefix is not found.
pub fn under_base_path(base: &str, app: Router) -> Router {
    let base = Arc::<str>::from(base);
    Router::new().fallback(move |mut request: Request| {
        let (app, base) = (app.clone(), base.clone());
        async move {
            let path = request.uri().path();
            if path == "/" || path == &*base {
                return Redirect::temporary(&format!("{base}/")).into_response();
            }
            let Some(rest) = path
                .strip_prefix(&*base)
                .filter(|rest| rest.starts_with('/'))
            else {
                return Problem::not_found("Nothing is served outside the site's base path.")
                    .into_response();
            };
            let inner = match request.uri().query() {
                Some(query) => format!("{rest}?{query}"),
                None => rest.to_owned(),
            };
            match inner.parse() {
                Ok(uri) => *request.uri_mut() = uri,
                Err(_) => return StatusCode::BAD_REQUEST.into_response(),
            }
            app.oneshot(request).await.into_response()
        }
    })
}

/// The text of every `<script>` element that runs and has no `src`
/// attribute (a JSON data block never runs, and needs no hash).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        let (text, _) = after.split_once("</script>")?;
        (!attributes.contains("src=") && !attributes.contains("application/json")).then_some(text)
    })
}

/// The static files, with the SPA fallback and cache headers.
pub fn router(shell: AppShell) -> Router {
    let shell = Arc::new(shell);
    let fallback = {
        let shell = shell.clone();
        move |request: Request| {
            let shell = shell.clone();
            async move { spa_fallback(&shell, &request) }
        }
    };
    // No directory redirects: ServeDir would build them from the path without
    // the base path (`/news/images` to `/images/`). A directory is not found,
    // so a navigation to one gets the app like any other unknown path.
    let files = ServeDir::new(&shell.dist)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(fallback.into_service());
    let files = Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(http::file_validators))
        .layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn(refuse_hostile_paths));
    // A kept page first, then the files: a middleware would clone the whole
    // stack below it (the file service's paths among it) for every page,
    // where this clones it (an `Arc`) only for a request that reaches it.
    // A kept page's path is one the server made a page for, never a hostile
    // one, and pages are most of what readers ask for.
    Router::new().fallback(move |request: Request| {
        let (shell, files) = (Arc::clone(&shell), files.clone());
        async move {
            match kept_page(&shell, &request) {
                Some(page) => page,
                None => match files.oneshot(request).await {
                    Ok(response) => response,
                    Err(never) => match never {},
                },
            }
        }
    })
}

/// The longest path, and path segment, that can name a file of the app.
const MAX_PATH_BYTES: usize = 1024;
const MAX_SEGMENT_BYTES: usize = 255;

/// Whether a request path could name a file of the app or a page: once
/// percent-decoded, no NUL or other control character, no backslash, no `.`
/// or `..` segment, and no name longer than a file system allows (which made
/// the file system's error a 500).
fn is_plausible_path(path: &str) -> bool {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return false;
    };
    decoded.len() <= MAX_PATH_BYTES
        && !decoded.chars().any(|c| c.is_control() || c == '\\')
        && decoded
            .split('/')
            .all(|segment| segment.len() <= MAX_SEGMENT_BYTES && segment != "." && segment != "..")
}

/// A 404 for a request whose path could not name a file ([`is_plausible_path`]):
/// the app's files and the pictures share this rule.
pub async fn refuse_hostile_paths(request: Request, next: Next) -> Response {
    if is_plausible_path(request.uri().path()) {
        next.run(request).await
    } else {
        Problem::not_found("No such file.").into_response()
    }
}

/// Whether a request is a page navigation rather than an asset fetch.
fn is_navigation(request: &Request) -> bool {
    let accepts_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let last_segment = request.uri().path().rsplit('/').next().unwrap_or("");
    accepts_html || !last_segment.contains('.')
}

/// A page already made for the content being served, answered before the
/// files are looked for: it was made because no file has its path (the
/// build does not change while the server runs), and looking costs a trip
/// to the file system for every navigation.
fn kept_page(shell: &AppShell, request: &Request) -> Option<Response> {
    let readable = request.method() == Method::GET || request.method() == Method::HEAD;
    let plain = request.uri().query().is_none_or(str::is_empty);
    if !(readable && plain && is_navigation(request)) {
        return None;
    }
    let document = shell.heads.as_ref()?.kept(request.uri().path())?;
    Some(document_response(
        request.headers(),
        &Document::Kept(document),
    ))
}

fn spa_fallback(shell: &AppShell, request: &Request) -> Response {
    let readable = request.method() == Method::GET || request.method() == Method::HEAD;
    if readable && is_navigation(request) {
        let moved = shell
            .heads
            .as_ref()
            .and_then(|heads| heads.moved(request.uri().path()));
        if let Some(now) = moved {
            // Relative to `/posts/`, so that it holds under any base path.
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, now)]).into_response();
        }
        let document = match &shell.heads {
            Some(heads) => heads.page(
                request.uri().path(),
                request.uri().query(),
                &shell.index_html,
                shell.settings.as_ref(),
            ),
            None => Document::Once(gazette_content::tagged::TaggedBody::of(
                shell.index_html.clone().into_bytes(),
            )),
        };
        return document_response(request.headers(), &document);
    }
    Problem::not_found("No such file.").into_response()
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let rule = cache_rule(request.uri().path());
    let mut response = next.run(request).await;
    let cacheable = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    if cacheable && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(rule));
    }
    // Public files may be read from any origin: other sites load `embed.js`
    // and its bundle as module scripts, which needs CORS. Pages are left out.
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
    if cacheable && !is_page {
        response.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_paths_are_implausible() {
        for good in [
            "/",
            "/posts/ukraine-czech-defense-cluster",
            "/images/a%20b.webp",
            "/pos%C5%A1ta",
        ] {
            assert!(is_plausible_path(good), "{good}");
        }
        let long_segment = format!("/{}", "a".repeat(256));
        let long_path = "/a".repeat(513);
        for bad in [
            "/%00",
            "/images/a.webp%00",
            "/%2e%2e/secret",
            "/images/..%2f..%2fsecret",
            "/images/%2E%2E/x",
            "/images%5c..%5csecret",
            "/images\\x",
            "/a/./b",
            "/%0d%0aSet-Cookie:x",
            "/%ff",
            long_segment.as_str(),
            long_path.as_str(),
        ] {
            assert!(!is_plausible_path(bad), "{bad}");
        }
    }

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html = r#"<script src="/a.js"></script><script type="module">init();</script><script id=d type=application/json>{}</script>"#;
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["init();"]);
    }

    #[test]
    fn the_base_href_is_read_quoted_or_not() {
        assert_eq!(
            base_href(r#"<head><base href="/news/" /><title>"#),
            Some("/news/")
        );
        assert_eq!(base_href("<base href=/news/><title>"), Some("/news/"));
        assert_eq!(base_href("<base href=/>"), Some("/"));
        assert_eq!(base_href("<head></head>"), None);
    }
}
