//! The site's pages and their paths, on `leptos_router`.
//!
//! `leptos_router` follows the browser's URL: links under the base path
//! followed in place (not with a modifier key, a target, a download or
//! `rel="external"`), Back and Forward, scrolling to the top or to the
//! fragment, and the route table in lib.rs, whose pages in chunks are its
//! lazy routes (src/chunks.rs). What it does not know is the site's own
//! rule for which page a path is (an edition's two or three letters, a slug
//! percent-decoded, one trailing slash): that is [`Route::from_path`], a
//! plain function with native tests, which the route table matches with
//! ([`PageOf`]) and the code that is not a view reads ([`Router::route`]).

use leptos::prelude::*;
use leptos_router::{
    hooks::{use_location, use_navigate},
    location::Location,
    NavigateOptions, PartialPathMatch, PathSegment, PossibleRouteMatch,
};

use gazette_api::{content::decode_component, languages::split_edition};

use crate::urls::{fragment_href, use_base_path, BasePath};

/// A page of the site, named by the path under the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The front page: `/`, or an edition's (`/cs/`).
    Home(Option<String>),
    /// The list of posts: `/posts`, or an edition's (`/cs/posts`).
    Posts(Option<String>),
    /// `/posts/{slug}`, the slug percent-decoded.
    Article(String),
    /// `/tag/{slug}`, the slug percent-decoded.
    Tag(String),
    /// `/author/{slug}`, the slug percent-decoded.
    Author(String),
    /// `/search`, its query in `?q=`.
    Search,
    /// The join page: `/join`, or an edition's (`/cs/join`).
    Join(Option<String>),
    /// `/join/confirm`
    JoinConfirm,
    /// `/embed/recent-posts`
    EmbedRecentPosts,
    /// `/embed/join`
    EmbedJoin,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The route of a site path (the browser's pathname without the base);
    /// one trailing slash is ignored.
    pub fn from_path(path: &str) -> Route {
        let path = match path.strip_suffix('/') {
            Some(trimmed) if !trimmed.is_empty() => trimmed,
            _ => path,
        };
        match path {
            "" | "/" => Route::Home(None),
            "/posts" => Route::Posts(None),
            "/join" => Route::Join(None),
            "/search" => Route::Search,
            "/join/confirm" => Route::JoinConfirm,
            "/embed/recent-posts" => Route::EmbedRecentPosts,
            "/embed/join" => Route::EmbedJoin,
            _ => {
                let slug = |prefix: &str| {
                    path.strip_prefix(prefix)
                        .filter(|slug| !slug.is_empty() && !slug.contains('/'))
                        .and_then(decode_component)
                };
                slug("/posts/")
                    .map(Route::Article)
                    .or_else(|| slug("/tag/").map(Route::Tag))
                    .or_else(|| slug("/author/").map(Route::Author))
                    .or_else(|| Route::in_edition(path))
                    .unwrap_or(Route::NotFound)
            }
        }
    }

    /// An edition's front page or list (`/cs`, `/cs/posts`); whether the
    /// site has that edition is the page's question.
    fn in_edition(path: &str) -> Option<Route> {
        match split_edition(path) {
            (Some(edition), "/") => Some(Route::Home(Some(edition.to_owned()))),
            (Some(edition), "/posts") => Some(Route::Posts(Some(edition.to_owned()))),
            (Some(edition), "/join") => Some(Route::Join(Some(edition.to_owned()))),
            _ => None,
        }
    }

    /// The edition a front page or a list is of.
    pub fn edition(&self) -> Option<&str> {
        match self {
            Route::Home(edition) | Route::Posts(edition) | Route::Join(edition) => {
                edition.as_deref()
            }
            _ => None,
        }
    }

    /// The route of the browser's URL, before the router starts (`boot`).
    pub fn here() -> Route {
        let pathname = window().location().pathname().unwrap_or_default();
        Route::from_path(BasePath::from_document().strip(&pathname))
    }

    /// Whether the route is one of the iframe embeds, which have their own layout.
    pub fn is_embed(&self) -> bool {
        matches!(self, Route::EmbedRecentPosts | Route::EmbedJoin)
    }
}

/// A route table entry's path: the paths [`Route::from_path`] names as one
/// kind of page. The table asks it about the path under the base.
#[derive(Clone, Copy, Debug)]
pub struct PageOf(pub fn(&Route) -> bool);

impl PossibleRouteMatch for PageOf {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        (self.0)(&Route::from_path(path)).then(|| PartialPathMatch::new("", Vec::new(), path))
    }

    // Only a server's route list needs the paths spelled out.
    fn generate_path(&self, _: &mut Vec<PathSegment>) {}
}

/// How a navigation changes the history and the scroll position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Navigate {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
    /// Scroll to the top (or to the fragment's element) afterwards.
    pub scroll: bool,
}

impl Default for Navigate {
    /// A new page: a history entry of its own, read from the top.
    fn default() -> Self {
        Navigate {
            replace: false,
            scroll: true,
        }
    }
}

/// `leptos_router`'s navigation (`use_navigate`), kept for handlers.
type Navigator = Box<dyn Fn(&str, NavigateOptions) + Send + Sync>;

/// `leptos_router`'s location and navigation as the pages use them: the
/// path under the base as a [`Route`], the query's values, and navigation
/// to an href the page built (base path included).
#[derive(Clone, Copy)]
pub struct Router {
    location: StoredValue<Location>,
    navigate: StoredValue<Navigator>,
    base: StoredValue<BasePath>,
}

impl Router {
    /// The pathname, base path included (tracked).
    pub fn pathname(&self) -> String {
        self.location.with_value(|location| location.pathname.get())
    }

    /// The pathname, untracked: for what a handler reads once.
    pub fn pathname_untracked(&self) -> String {
        self.location
            .with_value(|location| location.pathname.get_untracked())
    }

    /// The query string, `?…` or empty (tracked).
    pub fn search(&self) -> String {
        let search = self.location.with_value(|location| location.search.get());
        if search.is_empty() {
            search
        } else {
            format!("?{search}")
        }
    }

    /// The value of the query parameter `key`, decoded (tracked).
    pub fn query(&self, key: &str) -> Option<String> {
        self.location
            .with_value(|location| location.query.with(|query| query.get(key)))
    }

    /// The value of the query parameter `key`, untracked.
    pub fn query_untracked(&self, key: &str) -> Option<String> {
        self.location
            .with_value(|location| location.query.with_untracked(|query| query.get(key)))
    }

    /// An href to the element `id` of the page the router is on (tracked):
    /// [`fragment_href`].
    pub fn fragment_href(&self, id: &str) -> String {
        fragment_href(&self.pathname(), &self.search(), id)
    }

    /// The route the URL names (tracked).
    pub fn route(&self) -> Route {
        let pathname = self.location.with_value(|location| location.pathname);
        pathname
            .with(|pathname| Route::from_path(self.base.with_value(|base| base.strip(pathname))))
    }

    /// Goes to `href`: a path with the base path, its query and fragment.
    pub fn navigate(&self, href: &str, how: Navigate) {
        let options = NavigateOptions {
            // The href has its base path already.
            resolve: false,
            replace: how.replace,
            scroll: how.scroll,
            ..NavigateOptions::default()
        };
        self.navigate.with_value(|navigate| navigate(href, options));
    }
}

/// Leaves to the browser a link to a path under the base that is no page
/// of the app (a file such as `/files/report.pdf`, `/feed.xml`): the
/// server answers it. `leptos_router` follows every link under the base in
/// place, and there such a path could only be "not found". Its listener is
/// the window's; this one, the document's, hears the click first and stops
/// it there, which leaves the link's default, the browser's navigation. A
/// click a handler of the link's own has taken (the lightbox's thumbnails)
/// is left alone. Installed once, for the page's life.
pub fn leave_other_paths_to_browser(base: BasePath) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let handler = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
        if event.default_prevented() {
            return;
        }
        let path = event.composed_path();
        // The outermost link, as leptos_router takes it.
        let link = (0..path.length()).rev().find_map(|index| {
            path.get(index)
                .dyn_into::<web_sys::HtmlAnchorElement>()
                .ok()
        });
        let Some(link) = link else { return };
        let same_site = window()
            .location()
            .origin()
            .is_ok_and(|origin| origin == link.origin());
        let pathname = link.pathname();
        if same_site
            && base.contains(&pathname)
            && Route::from_path(base.strip(&pathname)) == Route::NotFound
        {
            event.stop_propagation();
        }
    });
    let _ = document().add_event_listener_with_callback("click", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// The router of the `<Router>` the calling view is in.
pub fn use_router() -> Router {
    let navigate = use_navigate();
    Router {
        location: StoredValue::new(use_location()),
        navigate: StoredValue::new(Box::new(navigate)),
        base: StoredValue::new(use_base_path()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_pages() {
        assert_eq!(Route::from_path("/"), Route::Home(None));
        assert_eq!(Route::from_path(""), Route::Home(None));
        assert_eq!(Route::from_path("/posts"), Route::Posts(None));
        assert_eq!(Route::from_path("/posts/"), Route::Posts(None));
        assert_eq!(Route::from_path("/cs/"), Route::Home(Some("cs".into())));
        assert_eq!(Route::from_path("/uk"), Route::Home(Some("uk".into())));
        assert_eq!(
            Route::from_path("/cs/posts/"),
            Route::Posts(Some("cs".into()))
        );
        assert_eq!(
            Route::from_path("/tag/ud%C3%A1losti/"),
            Route::Tag("události".into())
        );
        assert_eq!(
            Route::from_path("/author/hans-weber"),
            Route::Author("hans-weber".into())
        );
        for not_found in ["/tag", "/tag/", "/tag/a/b", "/author/%ff"] {
            assert_eq!(Route::from_path(not_found), Route::NotFound, "{not_found}");
        }
        assert_eq!(Route::from_path("/posts/a-b"), Route::Article("a-b".into()));
        assert_eq!(
            Route::from_path("/posts/a-b/"),
            Route::Article("a-b".into())
        );
        assert_eq!(
            Route::from_path("/posts/%D0%BA%D0%B8%D1%97%D0%B2"),
            Route::Article("київ".into())
        );
        assert_eq!(Route::from_path("/join"), Route::Join(None));
        assert_eq!(Route::from_path("/cs/join"), Route::Join(Some("cs".into())));
        assert_eq!(Route::from_path("/join/confirm"), Route::JoinConfirm);
        assert_eq!(
            Route::from_path("/embed/recent-posts"),
            Route::EmbedRecentPosts
        );
        assert_eq!(Route::from_path("/embed/join"), Route::EmbedJoin);
        for unknown in [
            "/cs/search",
            "/cs/posts/a",
            "/posts/a/b",
            "/posts//",
            "/nope",
            "/posts/%zz",
            "/posts/%FF",
            "/embed",
        ] {
            assert_eq!(Route::from_path(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn the_route_table_matches_by_the_same_rule() {
        let article = PageOf(|route| matches!(route, Route::Article(_)));
        let matched = article.test("/posts/a-b/").map(|found| found.is_complete());
        assert_eq!(matched, Some(true));
        for other in ["/posts", "/posts/a/b", "/posts/%FF", "/tag/a"] {
            assert!(article.test(other).is_none(), "{other}");
        }
        let edition_home = PageOf(|route| matches!(route, Route::Home(Some(_))));
        assert!(edition_home.test("/cs/").is_some());
        assert!(edition_home.test("/").is_none() && edition_home.test("/nope").is_none());
        assert!(Route::EmbedJoin.is_embed() && !Route::Join(None).is_embed());
    }
}
