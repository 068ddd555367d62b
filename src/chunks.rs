//! Pages whose code loads when a reader opens them. The join form, its
//! confirmation page and its iframe embed are a fifth of the app's wasm
//! (28 kB brotli, docs/performance.md) that a reader of articles never runs.
//!
//! In the release build (the feature `split`, which `make dist` turns on),
//! `wasm-split-cli` cuts every function that only [`load_join_pages`] reaches
//! into a wasm chunk of its own, fetched the first time it is called
//! (`scripts/split-app.mjs`). In every other build (`trunk serve`, the
//! component tests, the embed bundle) the same code is linked in and the
//! load is ready at once, so its view renders in the first pass.

use leptos::prelude::*;
use wasm_split_helpers::SplitLoaderError;

use crate::{
    components::error_panel::ErrorPanel,
    embed::iframe::EmbeddedJoinForm,
    error::FetchError,
    i18n::{describe_fetch_error, t, Text},
    join::{confirm::ConfirmPage, page::JoinPage},
    load::Load,
    router::Route,
};

/// Builds the view of one of a chunk's pages.
type PageView = fn(&Route) -> AnyView;

/// The join pages, by route.
fn join_pages(route: &Route) -> AnyView {
    match route {
        Route::JoinConfirm => view! { <ConfirmPage/> }.into_any(),
        Route::EmbedJoin => view! { <EmbeddedJoinForm/> }.into_any(),
        _ => view! { <JoinPage/> }.into_any(),
    }
}

#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(join, fallible)]
fn load_join_pages() -> Result<PageView, SplitLoaderError> {
    Ok(join_pages)
}

#[cfg(not(feature = "split"))]
async fn load_join_pages() -> Result<PageView, SplitLoaderError> {
    Ok(join_pages)
}

/// The join page, its confirmation page or its iframe embed, once their code
/// is here: a loading status while it comes, and an error with Retry when it
/// cannot (a failed load is not remembered, so Retry fetches it again).
#[component]
pub fn JoinPages(route: Route) -> impl IntoView {
    // `Ok` alone: `SplitLoaderError` is not `Send`, and says no more than this.
    let code = Load::new(|| async { load_join_pages().await.ok() });
    move || {
        match code.get() {
        None => view! { <p class="boot-loading" role="status">{t(Text::Loading)}</p> }.into_any(),
        Some(Some(page)) => page(&route),
        Some(None) => view! {
            <ErrorPanel
                whole_page=true
                title=t(Text::PageFailed)
                message=describe_fetch_error(&FetchError::Network("the page's code did not load".into()))
                on_retry=Callback::new(move |()| code.reload())
            />
        }
        .into_any(),
    }
    }
}
