//! `/posts`, `/tag/{slug}` and `/author/{slug}`: every post, or a tag's or an
//! author's, newest first, a page at a time ("Load more").
//!
//! Long only by `Shown`, the page's state as a value, and its tests' setup.

use gazette_api::markup::class;
use gazette_api::{
    images::TERM_PICTURE_SIZES, languages::edition_versions, Image, PostSummary, Site, Term,
};
use gazette_render::head::PageHead;
use leptos::prelude::*;

use crate::{
    api::ApiClient,
    cache::{ContentCache, LoadedList},
    components::{
        error_panel::ErrorPanel,
        language_switcher::LanguageSwitcher,
        post_card::PostCard,
        responsive_image::{Loading, ResponsiveImage},
        skeletons::PostListSkeleton,
    },
    error::FetchError,
    feed::{ListOf, ListPosition, PAGE_SIZE},
    head,
    i18n::{describe_fetch_error, posts_count, t, Text},
    lang::ui_lang,
    load::Load,
    pages::not_found::NotFoundPage,
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

/// The list of the route: all posts, a tag's or an author's. Its position
/// lives in the URL (`?pages=N`, and `cursor` for a list that starts further
/// down), so reload, a shared link, Back and Forward all rebuild the same
/// list; its scroll position is restored.
#[component]
pub fn PostsPage() -> impl IntoView {
    let router = use_router();
    // Kept while the route moves to another page, which replaces this one.
    let list_of = Memo::new(move |previous: Option<&ListOf>| {
        ListOf::of_route(&router.route())
            .or_else(|| previous.cloned())
            .unwrap_or(ListOf::All)
    });
    let position = Memo::new(move |_| {
        let list = list_of.get();
        ListPosition::from_query(
            list,
            router.query("cursor").as_deref(),
            router.query("pages").as_deref(),
        )
    });
    let api = expect_context::<ApiClient>();
    let cache = expect_context::<ContentCache>();
    let cached_term = StoredValue::new(cache.cached_term(&list_of.get_untracked()));
    let term = {
        let api = api.clone();
        Load::new(move || {
            let api = api.clone();
            let list = list_of.get();
            async move { cache.load_term(&api, &list).await }
        })
    };
    // What is known before any answer: the cache's (a prerendered page's).
    let term_now = move || {
        term.get()
            .or_else(|| cached_term.get_value().map(|term| Ok(Some(term))))
    };
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
            let start = list_of.with_untracked(ListOf::path);
            router.navigate(&site_href(&start), scroll::in_place(true));
        }
        if !restored.get_value() {
            restored.set_value(true);
            scroll::restore();
        }
    });
    scroll::remember();
    let site = expect_context::<Site>();
    let versions = {
        let site = site.clone();
        Memo::new(move |_| match list_of.get() {
            ListOf::All => edition_versions(&site, None, "/posts"),
            ListOf::Edition(edition) => edition_versions(&site, Some(&edition), "/posts"),
            _ => Vec::new(),
        })
    };
    Effect::new(move |_| {
        let path = list_of.with(ListOf::path);
        match term.get() {
            Some(Ok(Some(term))) => {
                head::show(|url| PageHead::term(&site, url, &path, &term, ui_lang()))
            }
            Some(Ok(None)) => {
                let edition = list_of.with(ListOf::edition);
                head::show(|url| PageHead::posts(&site, url, ui_lang(), edition.as_deref()))
            }
            _ => {}
        }
    });
    let not_found = move || {
        matches!(term.get(), Some(Err(FetchError::NotFound)))
            || shown.with(|shown| matches!(shown.outcome, Some(Err(FetchError::NotFound))))
    };

    let load_more = move |_| {
        let next = position.get_untracked().with_one_more_page();
        router.navigate(&site_href(&next.href()), scroll::in_place(true));
    };

    view! {
        <Show when=move || !not_found() fallback=|| view! { <NotFoundPage/> }>
        {move || view! { <LanguageSwitcher versions=versions.get()/> }}
        <section class=class::ALL_POSTS>
            {move || heading(list_of.get(), term_now())}
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
                    let empty = match list_of.get() {
                        ListOf::All | ListOf::Edition(_) => Text::NO_POSTS_YET,
                        _ => Text::NO_POSTS_HERE,
                    };
                    view! { <p class=class::EMPTY_STATE>{t(empty)}</p> }.into_any()
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
        </Show>
    }
}

/// The page's heading: "All posts", or a tag's or an author's name with what
/// kind it is, how many posts it has and its description. Before the tag or
/// author is known, its kind alone.
fn heading(list: ListOf, term: Option<Result<Option<Term>, FetchError>>) -> AnyView {
    let kind = match list {
        ListOf::All | ListOf::Edition(_) => {
            return view! { <h1>{t(Text::ALL_POSTS_TITLE)}</h1> }.into_any()
        }
        ListOf::Tag(_) => Text::TAG,
        ListOf::Author(_) => Text::AUTHOR,
    };
    let term = term.and_then(Result::ok).flatten();
    view! {
        <header class=class::TERM_HEADER>
            <p class=class::TERM_KIND>{t(kind)}</p>
            {match term {
                Some(term) => view! {
                    {term.image.map(|picture| {
                        // Beside the name, which says what it shows: no text of its own.
                        let image = Image { alt: String::new(), ..picture };
                        view! {
                            <div class=class::TERM_PICTURE>
                                <ResponsiveImage image sizes=TERM_PICTURE_SIZES loading=Loading::Priority/>
                            </div>
                        }
                    })}
                    <h1>{term.name}</h1>
                    <p>{posts_count(term.post_count)}</p>
                    {term.description.map(|description| view! {
                        <p class=class::TERM_DESCRIPTION>{description}</p>
                    })}
                }
                .into_any(),
                None => view! { <h1>{t(Text::LOADING)}</h1> }.into_any(),
            }}
        </header>
    }
    .into_any()
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
