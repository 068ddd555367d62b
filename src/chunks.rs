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
//! The pages in chunks are `leptos_router`'s lazy routes ([`PostsRoute`]
//! and the others), which it loads before it leaves the page on screen.
//! When one is the first page the reader opens, `boot` waits for its chunk
//! ([`preload`]) before the app's view replaces a prerendered page, so that
//! the page never gives way to an empty `<main>`. The lightbox's slide comes
//! once an article with photos has rendered and the browser is idle
//! ([`prefetch_slide`]).

use gazette_api::markup::class;
use gazette_api::Image;
use leptos::prelude::*;
use leptos_router::LazyRoute;

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
type PageView = fn() -> AnyView;

/// The join chunk's pages.
#[derive(Clone, Copy)]
struct JoinCode {
    join: PageView,
    confirm: PageView,
    embed: PageView,
}

split_point!(join: load_join() -> JoinCode = JoinCode {
    join: || view! { <JoinPage/> }.into_any(),
    confirm: || view! { <ConfirmPage/> }.into_any(),
    embed: || view! { <EmbeddedJoinForm/> }.into_any(),
});

// The page follows the route: all posts, a tag's or an author's.
split_point!(posts: load_posts() -> PageView = || view! { <PostsPage/> }.into_any());

/// The search page's code: its view, and what starts its worker.
#[derive(Clone, Copy)]
struct SearchCode {
    view: PageView,
    warm: fn(),
}

split_point!(search: load_search() -> SearchCode = SearchCode {
    view: || view! { <SearchPage/> }.into_any(),
    warm: search::warm,
});

/// Loads the search page's chunk and starts its worker, before the reader
/// has typed: when the header's search field is focused.
pub async fn warm_search() {
    if let Ok(code) = load_search().await {
        (code.warm)();
    }
}

/// A page whose code is in a chunk. The server names the split point of a
/// prerendered page's code (`Prerendered::chunk` in gazette-server's
/// discovery.rs), so that its loader fetches the chunk beside the main
/// wasm: a point renamed here is renamed there (`prerender.spec.ts` checks
/// each page's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LazyPage {
    /// All posts, a tag's, an author's, an edition's.
    Posts,
    Search,
    Join,
    Confirm,
    EmbedJoin,
}

impl LazyPage {
    /// The page of a route, when its code is in a chunk.
    pub fn of(route: &Route) -> Option<LazyPage> {
        Some(match route {
            Route::Posts(_) | Route::Tag(_) | Route::Author(_) => LazyPage::Posts,
            Route::Search => LazyPage::Search,
            Route::Join(_) => LazyPage::Join,
            Route::JoinConfirm => LazyPage::Confirm,
            Route::EmbedJoin => LazyPage::EmbedJoin,
            _ => return None,
        })
    }

    /// The page's code, `None` when its chunk did not load.
    async fn load(self) -> Option<PageView> {
        match self {
            LazyPage::Posts => load_posts().await.ok(),
            LazyPage::Search => load_search().await.ok().map(|code| code.view),
            LazyPage::Join => load_join().await.ok().map(|code| code.join),
            LazyPage::Confirm => load_join().await.ok().map(|code| code.confirm),
            LazyPage::EmbedJoin => load_join().await.ok().map(|code| code.embed),
        }
    }

    /// The page once its chunk is here; when it cannot come, what says so,
    /// with a Retry.
    async fn view(self) -> AnyView {
        match self.load().await {
            Some(view) => view(),
            None => view! { <FailedChunkPage page=self/> }.into_any(),
        }
    }
}

/// Loads the chunk of the route's page, if it is in one. A failure is left
/// for the page to show, with its Retry.
pub async fn preload(route: &Route) {
    if let Some(page) = LazyPage::of(route) {
        page.load().await;
    }
}

/// The lazy routes of the route table (lib.rs): `leptos_router` keeps the
/// page on screen while the next one's chunk loads, and shows it once it is
/// here. Written out rather than with `#[lazy_route]`, whose chunks cannot
/// fail without a panic, which would kill the page (docs/performance.md).
macro_rules! lazy_routes {
    ($($(#[$doc:meta])* $route:ident => $page:expr,)*) => {$(
        $(#[$doc])*
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> AnyView {
                $page.view().await
            }

            async fn preload() {
                $page.load().await;
            }
        }
    )*};
}

lazy_routes! {
    /// `/posts`, a tag's, an author's or an edition's list.
    PostsRoute => LazyPage::Posts,
    /// `/search`
    SearchRoute => LazyPage::Search,
    /// `/join`, or an edition's.
    JoinRoute => LazyPage::Join,
    /// `/join/confirm`
    ConfirmRoute => LazyPage::Confirm,
    /// `/embed/join`
    EmbedJoinRoute => LazyPage::EmbedJoin,
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

/// Loads the slide's chunk once the browser is idle after an article with
/// photos has rendered, so that the first photo a reader opens shows as fast
/// as the next (with the chunk to fetch, 60 to 130 ms from the click on the
/// bench's gallery; then about 35). Not on the page's first load, and not
/// when the reader asks to save data; where the browser has no idle
/// callback (Safari), in a task after the render. A failure is left for the
/// first photo opened to show, with its Retry.
pub fn prefetch_slide() {
    if saves_data() {
        return;
    }
    let prefetch = || {
        leptos::task::spawn_local(async {
            let _ = load_slide().await;
        })
    };
    if request_idle_callback_with_handle(prefetch).is_err() {
        set_timeout(prefetch, std::time::Duration::ZERO);
    }
}

/// Whether the reader's browser asks pages to save data
/// (`navigator.connection.saveData`, where there is one).
fn saves_data() -> bool {
    let get =
        |value: &wasm_bindgen::JsValue, key: &str| js_sys::Reflect::get(value, &key.into()).ok();
    get(&window().navigator().into(), "connection")
        .and_then(|connection| get(&connection, "saveData"))
        .and_then(|save| save.as_bool())
        .unwrap_or(false)
}

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

/// A page whose chunk did not load: the failure, and on Retry the page,
/// which loads its chunk again.
#[component]
fn FailedChunkPage(page: LazyPage) -> impl IntoView {
    let retried = RwSignal::new(false);
    move || match retried.get() {
        false => page_failed(Callback::new(move |()| retried.set(true))),
        true => with_code(
            Load::new(move || page.load()),
            |view: PageView| view(),
            page_waiting,
            page_failed,
        )
        .into_any(),
    }
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
