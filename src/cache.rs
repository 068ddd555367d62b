//! The session's in-memory cache of what the API sent: articles by slug and
//! pages of posts by cursor. Going back to something already seen renders at
//! once; an article being prefetched is awaited, never requested twice.
//!
//! Long because articles, post pages and prefetches share one in-flight
//! table, whose rules are easier to check in one place.

use std::collections::HashMap;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gazette_api::{languages::edition_of, Article, PostPage, PostSummary, Site, Term};
use leptos::prelude::*;

use crate::{
    api::{AbortWhen, ApiClient},
    error::FetchError,
    feed::{ListOf, ListPosition, PAGE_SIZE},
    page_data::Seed,
    router::Route,
};

/// The most article prefetches in flight at once.
pub const MAX_PREFETCHES: usize = 2;

type ArticleRequest = Shared<LocalBoxFuture<'static, Result<Article, FetchError>>>;

/// Articles and post pages loaded this session. `Copy`; shared through context.
#[derive(Clone, Copy)]
pub struct ContentCache {
    articles: StoredValue<HashMap<String, Article>, LocalStorage>,
    in_flight: StoredValue<HashMap<String, ArticleRequest>, LocalStorage>,
    prefetches: StoredValue<usize, LocalStorage>,
    pages: StoredValue<HashMap<String, PostPage>, LocalStorage>,
    /// Tags and authors, by their page's path.
    terms: StoredValue<HashMap<String, Term>, LocalStorage>,
}

impl Default for ContentCache {
    fn default() -> Self {
        ContentCache {
            articles: StoredValue::new_local(HashMap::new()),
            in_flight: StoredValue::new_local(HashMap::new()),
            prefetches: StoredValue::new_local(0),
            pages: StoredValue::new_local(HashMap::new()),
            terms: StoredValue::new_local(HashMap::new()),
        }
    }
}

/// A page's key in the cache: its list, its size and where it starts.
fn page_key(list: &ListOf, limit: u32, cursor: Option<&str>) -> String {
    format!("{}|{limit}|{}", list.path(), cursor.unwrap_or(""))
}

/// The posts of a list position, as loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedList {
    /// Every post of the loaded pages, in order.
    pub items: Vec<PostSummary>,
    /// Whether the API has more after them.
    pub has_more: bool,
    /// Whether the position's cursor was refused, so the list starts at the newest post.
    pub fell_back: bool,
}

impl ContentCache {
    /// Puts what a prerendered page carried into the cache, as if it had
    /// been loaded: its article and the page of posts its widget asks for.
    pub fn seed(&self, seed: Seed, site: &Site) {
        // A list's page carries its first page of that list; the others, the
        // newest posts of their edition.
        let route = Route::here();
        let list = ListOf::of_route(&route).unwrap_or_else(|| {
            let lang = match &route {
                Route::Home(edition) => edition.clone(),
                _ => seed
                    .article
                    .as_ref()
                    .map(|article| article.summary.lang.clone()),
            };
            ListOf::of_edition(lang.and_then(|lang| edition_of(site, &lang)).as_deref())
        });
        if let Some(article) = seed.article {
            let slug = article.summary.slug.clone();
            self.articles
                .update_value(|articles| drop(articles.insert(slug, article)));
        }
        if let Some(recent) = seed.recent {
            let key = page_key(&list, recent.limit, None);
            self.pages
                .update_value(|pages| drop(pages.insert(key, recent.page)));
        }
        if let Some(term) = seed.term {
            let key = list.path();
            self.terms
                .update_value(|terms| drop(terms.insert(key, term)));
        }
    }

    /// The tag or author of a list, from the cache or from the API (then
    /// kept); `None` for the list of all posts.
    pub async fn load_term(
        self,
        api: &ApiClient,
        list: &ListOf,
    ) -> Result<Option<Term>, FetchError> {
        let key = list.path();
        if let Some(term) = self.terms.with_value(|terms| terms.get(&key).cloned()) {
            return Ok(Some(term));
        }
        let term = api.term(list).await?;
        if let Some(term) = &term {
            self.terms
                .update_value(|terms| drop(terms.insert(key, term.clone())));
        }
        Ok(term)
    }

    /// The tag or author of a list, if the cache has it.
    pub fn cached_term(&self, list: &ListOf) -> Option<Term> {
        self.terms
            .with_value(|terms| terms.get(&list.path()).cloned())
    }

    /// The language of an article loaded earlier this session.
    pub fn article_lang(&self, slug: &str) -> Option<String> {
        self.articles
            .with_value(|articles| Some(articles.get(slug)?.summary.lang.clone()))
    }

    /// An article loaded earlier this session.
    pub fn article(&self, slug: &str) -> Option<Article> {
        self.articles
            .with_value(|articles| articles.get(slug).cloned())
    }

    /// An article from the cache, from a request already in flight, or from
    /// the API. The request is aborted if the view that asked goes away.
    pub async fn load_article(self, api: &ApiClient, slug: &str) -> Result<Article, FetchError> {
        self.request_article(api, slug, AbortWhen::ViewOrTimeout)
            .await
    }

    /// Starts loading an article in the background (hover or focus intent),
    /// unless it is known, already loading, or too many prefetches run.
    pub fn prefetch_article(self, api: &ApiClient, slug: &str) {
        let busy = self.prefetches.get_value() >= MAX_PREFETCHES;
        let known = self.article(slug).is_some()
            || self
                .in_flight
                .with_value(|in_flight| in_flight.contains_key(slug));
        if busy || known {
            return;
        }
        self.prefetches.update_value(|count| *count += 1);
        let request = self.request_article(api, slug, AbortWhen::TimeoutOnly);
        leptos::task::spawn_local(async move {
            let _ = request.await;
            self.prefetches
                .update_value(|count| *count = count.saturating_sub(1));
        });
    }

    fn request_article(
        self,
        api: &ApiClient,
        slug: &str,
        abort: AbortWhen,
    ) -> LocalBoxFuture<'static, Result<Article, FetchError>> {
        if let Some(article) = self.article(slug) {
            return async move { Ok(article) }.boxed_local();
        }
        let request = match self
            .in_flight
            .with_value(|in_flight| in_flight.get(slug).cloned())
        {
            Some(request) => request,
            None => {
                let api = api.clone();
                let owned_slug = slug.to_owned();
                let request = async move {
                    let result = api.article(&owned_slug, abort).await;
                    self.in_flight
                        .update_value(|in_flight| drop(in_flight.remove(&owned_slug)));
                    if let Ok(article) = &result {
                        self.articles.update_value(|articles| {
                            drop(articles.insert(owned_slug.clone(), article.clone()))
                        });
                    }
                    result
                }
                .boxed_local()
                .shared();
                self.in_flight.update_value(|in_flight| {
                    drop(in_flight.insert(slug.to_owned(), request.clone()))
                });
                request
            }
        };
        request.boxed_local()
    }

    /// A page of posts from the cache, or from the API (then kept).
    pub async fn load_page(
        self,
        api: &ApiClient,
        list: &ListOf,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<PostPage, FetchError> {
        let key = page_key(list, limit, cursor);
        if let Some(page) = self.pages.with_value(|pages| pages.get(&key).cloned()) {
            return Ok(page);
        }
        let page = api.posts(list, limit, cursor).await?;
        self.pages
            .update_value(|pages| drop(pages.insert(key, page.clone())));
        Ok(page)
    }

    /// Every page of a list position, if all of them are in the cache already.
    pub fn cached_list(&self, position: &ListPosition) -> Option<LoadedList> {
        let mut cursor = position.cursor.clone();
        let mut items = Vec::new();
        for _ in 0..position.pages {
            let key = page_key(&position.list, PAGE_SIZE, cursor.as_deref());
            let page = self.pages.with_value(|pages| pages.get(&key).cloned())?;
            items.extend(page.items);
            cursor = page.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
        Some(LoadedList {
            items,
            has_more: cursor.is_some(),
            fell_back: false,
        })
    }

    /// Every page of a list position, in order. A cursor the API refuses (400)
    /// falls back to the newest posts.
    pub async fn load_list(
        self,
        api: &ApiClient,
        position: &ListPosition,
    ) -> Result<LoadedList, FetchError> {
        let mut fell_back = false;
        let mut cursor = position.cursor.clone();
        let mut pages = position.pages;
        let mut items = Vec::new();
        while pages > 0 {
            match self
                .load_page(api, &position.list, PAGE_SIZE, cursor.as_deref())
                .await
            {
                Ok(page) => {
                    items.extend(page.items);
                    cursor = page.next_cursor;
                    pages -= 1;
                    if cursor.is_none() {
                        break;
                    }
                }
                Err(FetchError::Http { status: 400, .. })
                    if items.is_empty() && !fell_back && cursor.is_some() =>
                {
                    fell_back = true;
                    cursor = None;
                }
                Err(error) => return Err(error),
            }
        }
        Ok(LoadedList {
            items,
            has_more: cursor.is_some(),
            fell_back,
        })
    }
}
