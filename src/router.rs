//! The app's router: the browser's URL as a signal, the page it names, links
//! followed in place, and Back and Forward.
//!
//! `leptos_router` does this and much more (nested, async and lazy routes,
//! forms, redirects, matching by type): about 96 kB of the app's wasm before
//! brotli. The site's pages are a handful of fixed paths (`Route`), matched by
//! a plain function with native tests.

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use gazette_api::{content::decode_component, languages::split_edition};

use crate::urls::BasePath;

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

    /// The route of the browser's URL under the document's base, before the
    /// router starts (`boot`).
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

    pub fn here() -> Route {
        Route::from_path(BasePath::from_document().strip(&Url::current().pathname))
    }

    /// Whether the route is one of the iframe embeds, which have their own layout.
    pub fn is_embed(&self) -> bool {
        matches!(self, Route::EmbedRecentPosts | Route::EmbedJoin)
    }

    /// Whether two routes render the same page component: moving between two
    /// articles keeps the article page, which follows the slug.
    pub fn same_page(&self, other: &Route) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
            && self.edition() == other.edition()
    }
}

/// The browser's URL: pathname (with the base), query (`?…` or empty) and
/// fragment (`#…` or empty).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Url {
    pub pathname: String,
    pub search: String,
    pub hash: String,
}

impl Url {
    fn current() -> Url {
        let location = window().location();
        Url {
            pathname: location.pathname().unwrap_or_default(),
            search: location.search().unwrap_or_default(),
            hash: location.hash().unwrap_or_default(),
        }
    }

    /// The value of the query parameter `key`, decoded.
    pub fn query(&self, key: &str) -> Option<String> {
        web_sys::UrlSearchParams::new_with_str(&self.search)
            .ok()?
            .get(key)
    }
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

/// The router in context: the URL as a signal, and the base path.
#[derive(Clone, Copy)]
pub struct Router {
    url: RwSignal<Url>,
    base: StoredValue<BasePath>,
}

impl Router {
    /// Starts following the browser's URL under `base`, and provides the
    /// router as context: links to pages under the base are followed in
    /// place, and Back and Forward update the URL signal, while the calling
    /// view lives.
    pub fn start(base: BasePath) -> Router {
        let router = Router {
            url: RwSignal::new(Url::current()),
            base: StoredValue::new(base),
        };
        provide_context(router);
        let clicks = window_event_listener(ev::click, move |event| router.follow_link(&event));
        let history = window_event_listener(ev::popstate, move |_| router.url.set(Url::current()));
        on_cleanup(move || {
            clicks.remove();
            history.remove();
        });
        router
    }

    /// The URL, untracked: for what a page reads once.
    pub fn url_untracked(&self) -> Url {
        self.url.get_untracked()
    }

    /// Applies `f` to the URL without cloning it (tracked).
    pub fn with_url<R>(&self, f: impl FnOnce(&Url) -> R) -> R {
        self.url.with(f)
    }

    /// The route the URL names (tracked).
    pub fn route(&self) -> Route {
        self.url
            .with(|url| Route::from_path(self.base.with_value(|base| base.strip(&url.pathname))))
    }

    /// Goes to `href` (a path under the base, with its query and fragment).
    pub fn navigate(&self, href: &str, how: Navigate) {
        let Ok(history) = window().history() else {
            return;
        };
        // A link to the page on screen adds no entry: Back leaves the page.
        let here = Url::current();
        let same = format!("{}{}{}", here.pathname, here.search, here.hash) == href;
        let changed = if how.replace || same {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
        };
        if changed.is_err() {
            // A URL the history refuses (another origin): let the browser go.
            let _ = window().location().set_href(href);
            return;
        }
        self.url.set(Url::current());
        if how.scroll {
            scroll_to_fragment_or_top();
        }
    }

    /// Follows a click on a link in place when it leads to a page under the
    /// base, as `leptos_router` does: not with a modifier key or another
    /// button, not a link with a target, a download or `rel="external"`,
    /// and not a link to a fragment of this very page, which the browser
    /// follows itself (moving the focus there, as a skip link needs).
    fn follow_link(&self, event: &web_sys::MouseEvent) {
        if event.default_prevented()
            || event.button() != 0
            || event.meta_key()
            || event.alt_key()
            || event.ctrl_key()
            || event.shift_key()
        {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let rel = link.rel();
        if !link.target().is_empty()
            || link.has_attribute("download")
            || rel.split_ascii_whitespace().any(|word| word == "external")
        {
            return;
        }
        let Ok(to) = web_sys::Url::new(&link.href()) else {
            return;
        };
        let here = window().location();
        if Some(to.origin()) != here.origin().ok() {
            return;
        }
        let pathname = to.pathname();
        if !self.base.with_value(|base| base.contains(&pathname)) {
            return;
        }
        let same_document = Some(&pathname) == here.pathname().ok().as_ref()
            && Some(to.search()) == here.search().ok();
        if same_document && !to.hash().is_empty() {
            return;
        }
        event.prevent_default();
        self.navigate(
            &format!("{pathname}{}{}", to.search(), to.hash()),
            Navigate::default(),
        );
    }
}

/// The router in context.
pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// After a navigation: the fragment's element into view, else the top.
fn scroll_to_fragment_or_top() {
    let hash = window().location().hash().unwrap_or_default();
    let target = hash
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| document().get_element_by_id(id));
    match target {
        Some(element) => element.scroll_into_view(),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
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
        assert!(!Route::Posts(None).same_page(&Route::Posts(Some("cs".into()))));
        assert!(Route::Article("a".into()).same_page(&Route::Article("b".into())));
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
    fn articles_share_one_page() {
        let a = Route::Article("a".into());
        assert!(a.same_page(&Route::Article("b".into())));
        assert!(!a.same_page(&Route::Posts(None)));
        assert!(Route::EmbedJoin.is_embed() && !Route::Join(None).is_embed());
    }
}
