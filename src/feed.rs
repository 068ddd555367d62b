//! The all-posts list's position, as it lives in the URL.
//!
//! `/posts?pages=3` is the first three pages; `/posts?cursor=C&pages=2` is two
//! pages from cursor `C`. "Load more" raises `pages`, so a reload, a shared
//! link or Back rebuilds exactly the same list (pages already loaded this
//! session come from the cache). See `docs/feed.md` for why.

use crate::{router::Route, urls::encode_component};
use gazette_api::{
    content::{author_path, tag_path},
    languages::edition_path,
};

pub use gazette_api::content::{
    recent_posts_count, PAGE_SIZE, RECENT_POSTS_DEFAULT, RECENT_POSTS_PROBLEM,
};

/// The most pages one URL may ask for (500 posts at [`PAGE_SIZE`]).
pub const MAX_PAGES: u32 = 50;
/// The longest cursor accepted from a URL.
const MAX_CURSOR_CHARS: usize = 200;

/// Which posts a list holds: the root's, an edition's (by language), or
/// one tag's or one author's (by slug).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListOf {
    All,
    Edition(String),
    Tag(String),
    Author(String),
}

impl ListOf {
    /// The list a route shows; `None` for a route that shows none.
    pub fn of_route(route: &Route) -> Option<ListOf> {
        match route {
            Route::Posts(edition) => Some(ListOf::of_edition(edition.as_deref())),
            Route::Tag(slug) => Some(ListOf::Tag(slug.clone())),
            Route::Author(slug) => Some(ListOf::Author(slug.clone())),
            _ => None,
        }
    }

    /// The list of an edition (`None`: the root's).
    pub fn of_edition(edition: Option<&str>) -> ListOf {
        edition.map_or(ListOf::All, |edition| ListOf::Edition(edition.to_owned()))
    }

    /// The edition of an edition's list.
    pub fn edition(&self) -> Option<String> {
        match self {
            ListOf::Edition(edition) => Some(edition.clone()),
            _ => None,
        }
    }

    /// The list's page on the site: `/posts`, `/cs/posts`, `/tag/{slug}`,
    /// `/author/{slug}`.
    pub fn path(&self) -> String {
        match self {
            ListOf::All => "/posts".to_owned(),
            ListOf::Edition(edition) => edition_path(Some(edition), "/posts"),
            ListOf::Tag(slug) => tag_path(slug),
            ListOf::Author(slug) => author_path(slug),
        }
    }

    /// What `GET /posts` is asked for it: `&tag=…` or `&author=…`.
    pub fn query(&self) -> String {
        match self {
            ListOf::All => String::new(),
            ListOf::Edition(edition) => format!("&lang={}", encode_component(edition)),
            ListOf::Tag(slug) => format!("&tag={}", encode_component(slug)),
            ListOf::Author(slug) => format!("&author={}", encode_component(slug)),
        }
    }
}

/// Where the list starts and how many pages it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPosition {
    /// Whose posts.
    pub list: ListOf,
    /// The API cursor the list starts from; `None` for the newest post.
    pub cursor: Option<String>,
    /// How many pages are shown, from 1 to [`MAX_PAGES`].
    pub pages: u32,
}

impl ListPosition {
    /// Reads the query parameters, clamping anything out of range.
    pub fn from_query(list: ListOf, cursor: Option<&str>, pages: Option<&str>) -> ListPosition {
        let cursor = cursor
            .map(str::trim)
            .filter(|cursor| !cursor.is_empty() && cursor.len() <= MAX_CURSOR_CHARS)
            .map(str::to_owned);
        let pages = pages
            .and_then(|pages| pages.trim().parse::<u32>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_PAGES);
        ListPosition {
            list,
            cursor,
            pages,
        }
    }

    /// The same list with one more page.
    pub fn with_one_more_page(&self) -> ListPosition {
        ListPosition {
            list: self.list.clone(),
            cursor: self.cursor.clone(),
            pages: (self.pages + 1).min(MAX_PAGES),
        }
    }

    /// The URL of this position under its list's page.
    pub fn href(&self) -> String {
        let mut query = Vec::new();
        if let Some(cursor) = &self.cursor {
            query.push(format!("cursor={}", encode_component(cursor)));
        }
        if self.pages > 1 {
            query.push(format!("pages={}", self.pages));
        }
        let path = self.list.path();
        if query.is_empty() {
            path
        } else {
            format!("{path}?{}", query.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_parse_and_clamp() {
        assert_eq!(
            ListPosition::from_query(ListOf::All, None, None),
            ListPosition {
                list: ListOf::All,
                cursor: None,
                pages: 1
            }
        );
        assert_eq!(
            ListPosition::from_query(ListOf::All, None, Some("3")).pages,
            3
        );
        for hostile in ["0", "-1", "abc", "99999999999", "1e3", ""] {
            let pages = ListPosition::from_query(ListOf::All, None, Some(hostile)).pages;
            assert!((1..=MAX_PAGES).contains(&pages), "{hostile} gave {pages}");
        }
        assert_eq!(
            ListPosition::from_query(ListOf::All, Some("  "), None).cursor,
            None
        );
        assert_eq!(
            ListPosition::from_query(ListOf::All, Some(&"x".repeat(500)), None).cursor,
            None
        );
    }

    #[test]
    fn hrefs_round_trip() {
        let start = ListPosition::from_query(ListOf::All, None, None);
        assert_eq!(start.href(), "/posts");
        let more = start.with_one_more_page().with_one_more_page();
        assert_eq!(more.href(), "/posts?pages=3");
        let from = ListPosition::from_query(ListOf::All, Some("a b&c"), Some("2"));
        assert_eq!(from.href(), "/posts?cursor=a%20b%26c&pages=2");
        let tag = ListPosition::from_query(ListOf::Tag("události".into()), None, Some("2"));
        assert_eq!(tag.href(), "/tag/ud%C3%A1losti?pages=2");
        assert_eq!(tag.list.query(), "&tag=ud%C3%A1losti");
        let author = ListPosition::from_query(ListOf::Author("hans-weber".into()), None, None);
        assert_eq!(author.href(), "/author/hans-weber");
        assert_eq!(ListOf::of_route(&Route::Posts(None)), Some(ListOf::All));
        let czech = ListOf::of_route(&Route::Posts(Some("cs".into()))).unwrap();
        assert_eq!(
            (czech.path(), czech.query()),
            ("/cs/posts".into(), "&lang=cs".into())
        );
        assert_eq!(
            ListOf::of_route(&Route::Tag("a".into())),
            Some(ListOf::Tag("a".into()))
        );
        assert_eq!(ListOf::of_route(&Route::Home(None)), None);
        let capped = ListPosition::from_query(ListOf::All, None, Some("50")).with_one_more_page();
        assert_eq!(capped.pages, MAX_PAGES);
    }
}
