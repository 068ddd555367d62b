//! The session's in-memory cache of what the API sent: articles by slug and
//! pages of posts by URL. Going back to something already seen renders at once.

use std::collections::HashMap;

use gazette_api::{Article, PostPage};
use leptos::prelude::*;

use crate::{api::ApiClient, error::FetchError};

/// Articles and post pages loaded this session. `Copy`; shared through context.
#[derive(Clone, Copy)]
pub struct ContentCache {
    articles: StoredValue<HashMap<String, Article>, LocalStorage>,
    pages: StoredValue<HashMap<String, PostPage>, LocalStorage>,
}

impl Default for ContentCache {
    fn default() -> Self {
        ContentCache {
            articles: StoredValue::new_local(HashMap::new()),
            pages: StoredValue::new_local(HashMap::new()),
        }
    }
}

impl ContentCache {
    /// An article loaded earlier this session.
    pub fn article(&self, slug: &str) -> Option<Article> {
        self.articles
            .with_value(|articles| articles.get(slug).cloned())
    }

    /// An article from the cache, or from the API (then kept).
    pub async fn load_article(self, api: &ApiClient, slug: &str) -> Result<Article, FetchError> {
        if let Some(article) = self.article(slug) {
            return Ok(article);
        }
        let article = api.article(slug).await?;
        self.articles
            .update_value(|articles| drop(articles.insert(slug.to_owned(), article.clone())));
        Ok(article)
    }

    /// A page of posts loaded earlier this session.
    pub fn page(&self, limit: u32, cursor: Option<&str>) -> Option<PostPage> {
        let key = page_key(limit, cursor);
        self.pages.with_value(|pages| pages.get(&key).cloned())
    }

    /// A page of posts from the cache, or from the API (then kept).
    pub async fn load_page(
        self,
        api: &ApiClient,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<PostPage, FetchError> {
        if let Some(page) = self.page(limit, cursor) {
            return Ok(page);
        }
        let page = api.posts(limit, cursor).await?;
        self.pages
            .update_value(|pages| drop(pages.insert(page_key(limit, cursor), page.clone())));
        Ok(page)
    }
}

fn page_key(limit: u32, cursor: Option<&str>) -> String {
    format!("{limit}|{}", cursor.unwrap_or(""))
}
