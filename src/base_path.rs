//! The path the app is served under: `/news` for a build made with
//! `make dist PUBLIC_URL=/news/`, empty at the root. Trunk writes it into
//! `<base href>`; the router, links and canonical URLs are built on it.

use leptos::prelude::*;

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
        match pathname.strip_prefix(self.0.as_str()) {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => pathname,
        }
    }
}

/// The in-app href of a site path such as `/posts`: router links (`<A>`)
/// take absolute paths as they are, so the base path is added here.
pub fn site_href(path: &str) -> String {
    use_base_path().join(path)
}

/// The base path provided by the shell; the root outside it.
pub fn use_base_path() -> BasePath {
    use_context::<BasePath>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::BasePath;

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
    }
}
