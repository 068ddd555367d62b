//! Loading placeholders that have the layout of what they stand for, and
//! the status line where nothing of the page's layout is known yet.

use gazette_api::markup::class;
use leptos::prelude::*;

use crate::i18n::{t, Text};

/// The shape of an article while it loads: title, byline, paragraphs, a figure.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton article" role="status" aria-busy="true">
            <span class=class::VISUALLY_HIDDEN>{t(Text::LOADING_ARTICLE)}</span>
            <div class="skeleton__line skeleton__line--title"></div>
            <div class="skeleton__line skeleton__line--title skeleton__line--short"></div>
            <div class="skeleton__line skeleton__line--meta"></div>
            {(0..3).map(|_| view! { <div class="skeleton__line"></div> }).collect_view()}
            <div class="skeleton__line skeleton__line--short"></div>
            <div class="skeleton__block"></div>
            {(0..4).map(|_| view! { <div class="skeleton__line"></div> }).collect_view()}
        </div>
    }
}

/// `rows` placeholder rows of a post list.
#[component]
pub fn PostListSkeleton(rows: u32) -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-busy="true">
            <span class=class::VISUALLY_HIDDEN>{t(Text::LOADING)}</span>
            <ul class=class::POST_LIST>
                {(0..rows).map(|_| view! {
                    <li class=class::POST_CARD>
                        <div class="post-card__thumb skeleton__block"></div>
                        <div class=class::POST_CARD_BODY>
                            <div class="skeleton__line"></div>
                            <div class="skeleton__line skeleton__line--meta"></div>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// "Loading…" as a status line: while the app starts, and while a page's
/// code comes (`chunks.rs`).
#[component]
pub fn LoadingStatus() -> impl IntoView {
    view! { <p class="boot-loading" role="status">{t(Text::LOADING)}</p> }
}
