//! Every URL the app builds or checks: the path it is served under
//! ([`BasePath`]: `/news` for a build made with `make dist PUBLIC_URL=/news/`,
//! empty at the root; Trunk writes it into `<base href>`), an article's path,
//! percent-encoding, base URLs from configuration, and image URLs from an
//! API elsewhere.

use leptos::prelude::*;

pub use gazette_api::{
    content::{article_path, encode_component},
    images::resolve_image_url,
};

/// The app's base path, without a trailing slash (`""` at the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BasePath(pub String);

impl BasePath {
    /// Reads the base path from the document's `<base href>`; the root when
    /// there is none.
    pub fn from_document() -> BasePath {
        let has_base = document()
            .query_selector("base[href]")
            .ok()
            .flatten()
            .is_some();
        let pathname = has_base
            .then(|| document().base_uri().ok().flatten())
            .flatten()
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| url.pathname())
            .unwrap_or_default();
        BasePath::from_pathname(&pathname)
    }

    /// The base path of a `<base href>` pathname: `/news/` → `/news`;
    /// a trailing file name is dropped.
    pub fn from_pathname(pathname: &str) -> BasePath {
        let directory = pathname
            .rsplit_once('/')
            .map_or("", |(directory, _)| directory);
        BasePath(directory.to_owned())
    }

    /// The site path `path` (such as `/posts`) under the base.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// A browser pathname with the base removed: `/news/embed/join` → `/embed/join`.
    pub fn strip<'a>(&self, pathname: &'a str) -> &'a str {
        self.under(pathname).unwrap_or(pathname)
    }

    /// Whether a browser pathname is a page under the base.
    pub fn contains(&self, pathname: &str) -> bool {
        self.under(pathname).is_some()
    }

    fn under<'a>(&self, pathname: &'a str) -> Option<&'a str> {
        match pathname.strip_prefix(self.0.as_str())? {
            "" => Some("/"),
            rest if rest.starts_with('/') => Some(rest),
            _ => None,
        }
    }
}

/// An href to the element `id` of the page at `pathname` and `search`
/// (`?…` or empty): a bare `#id` would resolve against `<base href>`, to the
/// front page. `leptos_router` follows such a link itself, without moving
/// the focus there as a skip link or an error summary needs; it leaves a
/// link with a target to the browser, so these links say `target="_self"`,
/// which changes nothing else.
pub fn fragment_href(pathname: &str, search: &str, id: &str) -> String {
    format!("{pathname}{search}#{id}")
}

/// An href to the element `id` of the page in the address bar, outside the
/// router too (the embedded join form): [`fragment_href`].
pub fn fragment_href_here(id: &str) -> String {
    let location = window().location();
    fragment_href(
        &location.pathname().unwrap_or_default(),
        &location.search().unwrap_or_default(),
        id,
    )
}

/// The in-app href of a site path such as `/posts`, under the base path.
pub fn site_href(path: &str) -> String {
    use_base_path().join(path)
}

/// The base path provided by the shell; the root outside it.
pub fn use_base_path() -> BasePath {
    use_context::<BasePath>().unwrap_or_default()
}

/// A base URL (the API's, the site's): an `http(s)` URL or a path, without
/// its trailing slash; the problem with it otherwise.
pub fn parse_base_url(text: &str) -> Result<String, &'static str> {
    let base = text.trim().trim_end_matches('/').to_owned();
    if base.is_empty() || base.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must be a URL or a path, such as /api/v1");
    }
    let lower = base.to_ascii_lowercase();
    let scheme_ok =
        lower.starts_with("https://") || lower.starts_with("http://") || !lower.contains(':');
    if scheme_ok {
        Ok(base)
    } else {
        Err("must use http or https")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(BasePath::from_pathname("/news/").0, "/news");
        assert_eq!(BasePath::from_pathname("/a/b/index.html").0, "/a/b");
        assert_eq!(BasePath::from_pathname("/").0, "");
        assert_eq!(BasePath::from_pathname("").0, "");
        let news = BasePath("/news".into());
        assert_eq!(news.join("/posts/a"), "/news/posts/a");
        assert_eq!(news.strip("/news/embed/join"), "/embed/join");
        assert_eq!(news.strip("/news"), "/");
        assert_eq!(news.strip("/newsletter"), "/newsletter");
        assert_eq!(BasePath::default().strip("/posts"), "/posts");
        assert!(news.contains("/news") && news.contains("/news/posts"));
        assert!(!news.contains("/newsletter") && !news.contains("/posts"));
        assert!(BasePath::default().contains("/posts"));
    }
}
