//! `/posts`: every post, newest first, a page at a time ("Load more").
//!
//! Long only by `Shown`, the page's state as a value, and its tests' setup.

use gazette_api::markup::class;
use gazette_api::{PostSummary, Site};
use gazette_render::head::PageHead;
use leptos::prelude::*;

use crate::{
    api::ApiClient,
    cache::{ContentCache, LoadedList},
    components::{error_panel::ErrorPanel, post_card::PostCard, skeletons::PostListSkeleton},
    error::FetchError,
    feed::{ListPosition, PAGE_SIZE},
    head,
    i18n::{describe_fetch_error, t, Text},
    lang::ui_lang,
    load::Load,
    router::use_router,
    scroll,
    urls::site_href,
};

/// What the page shows, folded from the list's loads: the posts of the last
/// list that loaded (kept on screen while the next one loads, and after one
/// fails), the latest outcome, and whether a link's cursor was ever refused.
#[derive(Debug, Clone, Default, PartialEq)]
struct Shown {
    items: Vec<PostSummary>,
    outcome: Option<Result<LoadedList, FetchError>>,
    link_outdated: bool,
}

impl Shown {
    /// Before any answer: what the cache already holds, so Back renders at once.
    fn from_cache(cached: Option<LoadedList>) -> Shown {
        Shown::default().with(cached.map(Ok))
    }

    fn with(self, outcome: Option<Result<LoadedList, FetchError>>) -> Shown {
        let Some(outcome) = outcome else { return self };
        let (items, fell_back) = match &outcome {
            Ok(loaded) => (loaded.items.clone(), loaded.fell_back),
            Err(_) => (self.items, false),
        };
        Shown {
            items,
            outcome: Some(outcome),
            link_outdated: self.link_outdated || fell_back,
        }
    }
}

/// The list of all posts. Its position lives in the URL (`?pages=N`, and
/// `cursor` for a list that starts further down), so reload, a shared link,
/// Back and Forward all rebuild the same list; its scroll position is restored.
#[component]
pub fn PostsPage() -> impl IntoView {
    let router = use_router();
    let position = Memo::new(move |_| {
        router.with_url(|url| {
            ListPosition::from_query(
                url.query("cursor").as_deref(),
                url.query("pages").as_deref(),
            )
        })
    });
    let api = expect_context::<ApiClient>();
    let cache = expect_context::<ContentCache>();
    let cached = cache.cached_list(&position.get_untracked());

    // Each answer says which position it is for: the list is busy while the
    // URL names another.
    let list = Load::new(move || {
        let api = api.clone();
        let position = position.get();
        async move {
            let loaded = cache.load_list(&api, &position).await;
            (position, loaded)
        }
    });
    let shown = Memo::new(move |previous: Option<&Shown>| {
        let previous = previous
            .cloned()
            .unwrap_or_else(|| Shown::from_cache(cached.clone()));
        previous.with(list.get().map(|(_, outcome)| outcome))
    });
    let busy = move || list.with(|list| list.as_ref().map(|(at, _)| at) != Some(&position.get()));
    let loading_more = move || busy() && shown.with(|shown| shown.outcome.is_some());

    // A refused cursor falls back to the newest posts, under their own URL.
    let restored = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(outcome) = shown.with(|shown| shown.outcome.clone()) else {
            return;
        };
        if matches!(
            outcome,
            Ok(LoadedList {
                fell_back: true,
                ..
            })
        ) {
            router.navigate(&site_href("/posts"), scroll::in_place(true));
        }
        if !restored.get_value() {
            restored.set_value(true);
            scroll::restore();
        }
    });
    scroll::remember();
    let site = expect_context::<Site>();
    head::show(|url| PageHead::posts(&site, url, ui_lang()));

    let load_more = move |_| {
        let next = position.get_untracked().with_one_more_page();
        router.navigate(&site_href(&next.href()), scroll::in_place(true));
    };

    view! {
        <section class=class::ALL_POSTS>
            <h1>{t(Text::ALL_POSTS_TITLE)}</h1>
            <Show when=move || shown.with(|shown| shown.link_outdated)>
                <p class=class::NOTICE role="status">{t(Text::LIST_LINK_OUTDATED)}</p>
            </Show>
            <ul class=class::POST_LIST_DETAILED aria-busy=move || busy().to_string()>
                <For each=move || shown.with(|shown| shown.items.clone()) key=|post: &PostSummary| post.slug.clone() let:post>
                    <PostCard post detailed=true/>
                </For>
            </ul>
            {move || match shown.with(|shown| shown.outcome.clone()) {
                None => view! { <PostListSkeleton rows=PAGE_SIZE/> }.into_any(),
                Some(Ok(loaded)) if loaded.items.is_empty() => {
                    view! { <p class=class::EMPTY_STATE>{t(Text::NO_POSTS_YET)}</p> }.into_any()
                }
                Some(Ok(loaded)) => loaded.has_more.then(|| view! {
                    <p class=class::LOAD_MORE>
                        <button type="button" class=class::BUTTON on:click=load_more disabled=loading_more>
                            {move || if loading_more() { t(Text::LOADING) } else { t(Text::LOAD_MORE) }}
                        </button>
                    </p>
                }).into_any(),
                Some(Err(error)) => view! {
                    <ErrorPanel
                        title=t(Text::POSTS_FAILED)
                        message=describe_fetch_error(&error)
                        on_retry=Callback::new(move |()| list.reload())
                    />
                }
                .into_any(),
            }}
        </section>
        {move || loading_more().then(|| view! { <p class=class::VISUALLY_HIDDEN role="status">{t(Text::LOADING)}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(slugs: &[&str], fell_back: bool) -> LoadedList {
        LoadedList {
            items: slugs
                .iter()
                .map(|slug| {
                    serde_json::from_value(serde_json::json!({
                        "slug": slug,
                        "title": slug,
                        "author": { "name": "A" },
                        "published_at": "2024-05-22T09:00:00Z",
                    }))
                    .unwrap()
                })
                .collect(),
            has_more: true,
            fell_back,
        }
    }

    fn slugs(shown: &Shown) -> Vec<&str> {
        shown.items.iter().map(|post| post.slug.as_str()).collect()
    }

    #[test]
    fn the_last_list_stays_on_screen_through_loads_and_failures() {
        let shown = Shown::from_cache(None);
        assert_eq!(shown, Shown::default());
        let shown = shown.with(None);
        assert!(shown.outcome.is_none(), "still loading");
        let shown = shown.with(Some(Ok(list(&["a", "b"], false))));
        assert_eq!(slugs(&shown), ["a", "b"]);
        let shown = shown.with(Some(Err(FetchError::Timeout)));
        assert_eq!(slugs(&shown), ["a", "b"], "kept after a failed load");
        assert_eq!(shown.outcome, Some(Err(FetchError::Timeout)));
        let shown = shown.with(Some(Ok(list(&["a", "b", "c"], false))));
        assert_eq!(slugs(&shown), ["a", "b", "c"]);
        assert!(!shown.link_outdated);
    }

    #[test]
    fn a_refused_cursor_is_reported_until_the_page_goes() {
        let shown = Shown::from_cache(Some(list(&["a"], true)));
        assert!(shown.link_outdated);
        let shown = shown.with(Some(Ok(list(&["a"], false))));
        assert!(shown.link_outdated, "the notice stays after the fallback");
    }
}
