//! The data a prerendered page carries for the app (the server's
//! `prerender::PageData`): `config.json`'s text, the site, the article and
//! the first page of recent posts, as the API would send them. With it the
//! app's first render needs no request, so it takes the page over within the
//! task it starts in, with nothing in between for a reader to see.
//!
//! It is read once, at start-up, and removed: a later page comes from the
//! API. A block that is missing, or that does not decode, is ignored (the app
//! starts as it would without one, from `config.json` and the API).

use gazette_api::{markup::DATA_BLOCK_ID, Article, PostPage, Site, Term};
use serde::Deserialize;

/// What a prerendered page carries.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PageData {
    /// `config.json`'s text, as the build had it.
    pub config: String,
    pub site: Site,
    #[serde(default)]
    pub article: Option<Article>,
    #[serde(default)]
    pub recent: Option<RecentPage>,
    /// The tag or author of a tag's or an author's page.
    #[serde(default)]
    pub term: Option<Term>,
}

/// What a page's data puts into the [`ContentCache`](crate::cache::ContentCache)
/// before the first render.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seed {
    pub article: Option<Article>,
    /// The first page of the list the route shows, or of recent posts.
    pub recent: Option<RecentPage>,
    pub term: Option<Term>,
}

/// The first page of posts the page asks for (the front page's list and the
/// recent-posts widget ask for the same one; `/posts` for its first page),
/// and the `limit` it asks with.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RecentPage {
    pub limit: u32,
    pub page: PostPage,
}

impl PageData {
    /// The block's JSON decoded, or why not.
    pub fn parse(json: &str) -> Result<PageData, crate::json::JsonError> {
        crate::json::from_str(json)
    }
}

/// Takes the page's data block out of the document: its data, when it has
/// one that decodes.
pub fn take() -> Option<PageData> {
    let block = leptos::prelude::document().get_element_by_id(DATA_BLOCK_ID)?;
    let text = block.text_content().unwrap_or_default();
    block.remove();
    let is_data = block.tag_name().eq_ignore_ascii_case("script")
        && block.get_attribute("type").as_deref() == Some("application/json");
    if !is_data {
        return None;
    }
    PageData::parse(&text)
        .inspect_err(|error| leptos::logging::warn!("the page's data block is unusable: {error}"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_decodes_as_the_server_writes_it() {
        let site = r#"{"name":"N","tagline":"T","lang":"en","membership":{"title":"M","heading":"H",
            "text":"X","call_to_action":"C","consent_text":"I agree.","privacy_url":"/p"}}"#;
        let json = format!(
            r#"{{"config":"{{ \"recent_posts\": 2 }}","site":{site},"article":null,
                "recent":{{"limit":3,"page":{{"items":[],"next_cursor":null}}}},"future_key":1}}"#
        );
        let data = PageData::parse(&json).unwrap();
        assert_eq!(data.config, r#"{ "recent_posts": 2 }"#);
        assert_eq!(data.site.name, "N");
        assert_eq!(data.recent.map(|recent| recent.limit), Some(3));
        assert!(PageData::parse(r#"{"config":"{}"}"#).is_err());
    }
}
