//! `/posts`: every post, newest first, a page at a time ("Load more").

use gazette_api::PostSummary;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api::ApiClient,
    cache::{ContentCache, LoadedList},
    components::{error_panel::ErrorPanel, post_card::PostCard, skeletons::PostListSkeleton},
    error::FetchError,
    feed::{ListPosition, PAGE_SIZE},
    i18n::{describe_fetch_error, t, Text},
    scroll,
};

/// The list of all posts. Its position lives in the URL (`?pages=N`, and
/// `cursor` for a list that starts further down), so reload, a shared link,
/// Back and Forward all rebuild the same list; its scroll position is restored.
#[component]
pub fn PostsPage() -> impl IntoView {
    let query = use_query_map();
    let position = Memo::new(move |_| {
        query.with(|query| {
            ListPosition::from_query(
                query.get("cursor").as_deref(),
                query.get("pages").as_deref(),
            )
        })
    });
    let api = expect_context::<ApiClient>();
    let cache = expect_context::<ContentCache>();

    // What the cache already holds renders at once: no skeleton on Back.
    let cached = cache.cached_list(&position.get_untracked());
    let items = RwSignal::new(
        cached
            .as_ref()
            .map(|list| list.items.clone())
            .unwrap_or_default(),
    );
    let state = RwSignal::new(cached.map(Ok::<LoadedList, FetchError>));
    let loading_more = RwSignal::new(false);

    let list = LocalResource::new(move || {
        let api = api.clone();
        let position = position.get();
        async move { cache.load_list(&api, &position).await }
    });
    let navigate = use_navigate();
    let restored = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(result) = list.get() {
            if let Ok(loaded) = &result {
                items.set(loaded.items.clone());
                if loaded.fell_back {
                    navigate("/posts", scroll::in_place(true));
                }
            }
            loading_more.set(false);
            state.set(Some(result));
            if !restored.get_value() {
                restored.set_value(true);
                scroll::restore();
            }
        }
    });
    scroll::remember();

    let navigate = use_navigate();
    let load_more = move |_| {
        loading_more.set(true);
        let next = position.get_untracked().with_one_more_page();
        navigate(&next.href(), scroll::in_place(true));
    };
    let notice = RwSignal::new(false);
    Effect::new(move |_| {
        if matches!(
            state.get(),
            Some(Ok(LoadedList {
                fell_back: true,
                ..
            }))
        ) {
            notice.set(true);
        }
    });

    view! {
        <Title text=t(Text::NavPosts)/>
        <section class="all-posts">
            <h1>{t(Text::AllPostsTitle)}</h1>
            <Show when=move || notice.get()>
                <p class="notice" role="status">{t(Text::ListLinkOutdated)}</p>
            </Show>
            <ul class="post-list post-list--detailed" aria-busy=move || (state.get().is_none() || loading_more.get()).to_string()>
                <For each=move || items.get() key=|post: &PostSummary| post.slug.clone() let:post>
                    <PostCard post detailed=true/>
                </For>
            </ul>
            {move || match state.get() {
                None => view! { <PostListSkeleton rows=PAGE_SIZE/> }.into_any(),
                Some(Ok(loaded)) if loaded.items.is_empty() => {
                    view! { <p class="empty-state">{t(Text::NoPostsYet)}</p> }.into_any()
                }
                Some(Ok(loaded)) => loaded.has_more.then(|| view! {
                    <p class="load-more">
                        <button type="button" class="button" on:click=load_more.clone() disabled=move || loading_more.get()>
                            {move || if loading_more.get() { t(Text::Loading) } else { t(Text::LoadMore) }}
                        </button>
                    </p>
                }).into_any(),
                Some(Err(error)) => view! {
                    <ErrorPanel
                        title=t(Text::PostsFailed)
                        message=describe_fetch_error(&error)
                        on_retry=Callback::new(move |()| list.refetch())
                    />
                }
                .into_any(),
            }}
        </section>
        {move || loading_more.get().then(|| view! { <p class="visually-hidden" role="status">{t(Text::Loading)}</p> })}
    }
}
