//! Code that loads when a reader first needs it. The list of all posts, the
//! join form with its confirmation page and iframe embed, the search page
//! and its worker's client, and the lightbox's slide (the image, zoom and
//! pan, swipes) are about a third of the app's wasm, which a reader of an
//! article may never run (docs/performance.md).
//!
//! In the release build (the feature `split`, which `make dist` turns on),
//! `wasm-split-cli` cuts every function that only a `#[wasm_split]` function
//! below reaches into a wasm chunk named after it, fetched the first time it
//! is called (`scripts/lib/wasm-split.mjs`); a failed fetch is not
//! remembered, so a retry fetches it again. In every other build (`trunk
//! serve`, the component tests, the embed bundle) the same code is linked in
//! and its load is ready at once, so its view renders in the first pass.
//!
//! When a page in a chunk is the first the reader opens, `boot` waits for
//! its chunk ([`preload`]) before the app's view replaces a prerendered page,
//! so that the page never gives way to a loading status.

use gazette_api::markup::class;
use gazette_api::Image;
use leptos::prelude::*;

use crate::{
    components::{error_panel::ErrorPanel, skeletons::LoadingStatus},
    embed::iframe::EmbeddedJoinForm,
    error::FetchError,
    i18n::{describe_fetch_error, t, Text},
    join::{confirm::ConfirmPage, page::JoinPage},
    lightbox::{slide::CurrentSlide, viewer::Viewer},
    load::Load,
    offline::{self, OfflinePage},
    pages::posts::PostsPage,
    router::Route,
    search::{self, results::SearchPage},
    split::split_point,
};

/// Builds the view of one of a chunk's pages.
type PageView = fn(&Route) -> AnyView;

fn join_view(route: &Route) -> AnyView {
    match route {
        Route::JoinConfirm => view! { <ConfirmPage/> }.into_any(),
        Route::EmbedJoin => view! { <EmbeddedJoinForm/> }.into_any(),
        _ => view! { <JoinPage/> }.into_any(),
    }
}

split_point!(join: load_join() -> PageView = join_view);

fn posts_view(_: &Route) -> AnyView {
    // The page follows the route: all posts, a tag's or an author's.
    view! { <PostsPage/> }.into_any()
}

split_point!(posts: load_posts() -> PageView = posts_view);

/// The search page's code: its view, and what starts its worker.
#[derive(Clone, Copy)]
struct SearchCode {
    view: PageView,
    warm: fn(),
}

fn search_view(_: &Route) -> AnyView {
    view! { <SearchPage/> }.into_any()
}

split_point!(search: load_search() -> SearchCode = SearchCode {
    view: search_view,
    warm: search::warm,
});

/// Loads the search page's chunk and starts its worker, before the reader
/// has typed: when the header's search field is focused.
pub async fn warm_search() {
    if let Ok(code) = load_search().await {
        (code.warm)();
    }
}

/// Whether the route's page is in a chunk (`page_view` in lib.rs renders
/// these routes' pages with [`ChunkPage`]).
fn in_chunk(route: &Route) -> bool {
    matches!(
        route,
        Route::Posts(_)
            | Route::Tag(_)
            | Route::Author(_)
            | Route::Search
            | Route::Join(_)
            | Route::JoinConfirm
            | Route::EmbedJoin
    )
}

/// The code of the route's page, `None` when its chunk did not load.
async fn load_page(route: &Route) -> Option<PageView> {
    match route {
        Route::Posts(_) | Route::Tag(_) | Route::Author(_) => load_posts().await.ok(),
        Route::Search => load_search().await.ok().map(|code| code.view),
        _ => load_join().await.ok(),
    }
}

/// Loads the chunk of the route's page, if it is in one. A failure is left
/// for the page to show, with its Retry.
pub async fn preload(route: &Route) {
    if in_chunk(route) {
        load_page(route).await;
    }
}

/// What only a reader offline (or offered a new version) needs: the page
/// for a page that was not saved, and the words of the status line.
#[derive(Clone, Copy)]
struct OfflineCode {
    page: fn(Callback<()>) -> AnyView,
    status: fn(offline::Status) -> AnyView,
}

fn offline_page(retry: Callback<()>) -> AnyView {
    view! { <OfflinePage on_retry=retry/> }.into_any()
}

split_point!(offline: load_offline() -> OfflineCode = OfflineCode {
    page: offline_page,
    status: offline::status_lines,
});

/// The offline page ([`OfflinePage`]); the worker keeps its chunk.
#[component]
pub fn OfflineChunk(on_retry: Callback<()>) -> impl IntoView {
    with_code(
        Load::new(|| async { load_offline().await.ok() }),
        move |code: OfflineCode| (code.page)(on_retry),
        page_waiting,
        page_failed,
    )
}

/// The status line's words, from the offline chunk; nothing while it comes
/// or when it cannot.
#[component]
pub fn StatusChunk(status: offline::Status) -> impl IntoView {
    with_code(
        Load::new(|| async { load_offline().await.ok() }),
        move |code: OfflineCode| (code.status)(status),
        || ().into_any(),
        |_| ().into_any(),
    )
}

/// Builds the view of the lightbox's open slide.
type SlideView = fn(Viewer, StoredValue<Vec<Image>>, usize) -> AnyView;

fn slide_view(viewer: Viewer, images: StoredValue<Vec<Image>>, slide: usize) -> AnyView {
    view! { <CurrentSlide viewer images slide/> }.into_any()
}

split_point!(lightbox: load_slide() -> SlideView = slide_view);

/// A view whose code is in a chunk: `waiting` while the chunk comes, the
/// view once it is here, `failed` with a retry when it cannot come.
fn with_code<C: Clone + 'static>(
    code: Load<Option<C>>,
    ready: impl Fn(C) -> AnyView + Send + 'static,
    waiting: fn() -> AnyView,
    failed: fn(Callback<()>) -> AnyView,
) -> impl IntoView {
    move || match code.get() {
        None => waiting(),
        Some(Some(code)) => ready(code),
        Some(None) => failed(Callback::new(move |()| code.reload())),
    }
}

/// What a failed chunk says: the network failed, whatever the reason
/// (`SplitLoaderError` tells no more, and is not `Send`).
fn chunk_failure() -> String {
    describe_fetch_error(&FetchError::Network(
        "a chunk of the app did not load".into(),
    ))
}

/// A whole page whose chunk is coming.
fn page_waiting() -> AnyView {
    view! { <LoadingStatus/> }.into_any()
}

/// A whole page whose chunk did not come, with its Retry.
fn page_failed(retry: Callback<()>) -> AnyView {
    view! {
        <ErrorPanel whole_page=true title=t(Text::PAGE_FAILED) message=chunk_failure() on_retry=retry/>
    }
    .into_any()
}

/// A page in a chunk ([`in_chunk`]): the list of all posts, the join page,
/// its confirmation page or its iframe embed.
#[component]
pub fn ChunkPage(route: Route) -> impl IntoView {
    let page = route.clone();
    with_code(
        Load::new(move || {
            let page = page.clone();
            async move { load_page(&page).await }
        }),
        move |view: PageView| view(&route),
        page_waiting,
        page_failed,
    )
}

/// The lightbox's open slide, inside its dialog.
#[component]
pub fn LightboxSlide(
    viewer: Viewer,
    images: StoredValue<Vec<Image>>,
    slide: usize,
) -> impl IntoView {
    with_code(
        Load::new(|| async { load_slide().await.ok() }),
        move |view: SlideView| view(viewer, images, slide),
        || view! { <p class="lightbox__status" role="status">{t(Text::LOADING)}</p> }.into_any(),
        |retry| {
            view! {
                <div class="lightbox__status" role="alert">
                    <p>{t(Text::PHOTO_VIEWER_FAILED)} " " {chunk_failure()}</p>
                    <button type="button" class=class::BUTTON on:click=move |_| retry.run(())>{t(Text::RETRY)}</button>
                </div>
            }
            .into_any()
        },
    )
}
