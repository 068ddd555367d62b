//! `/posts/:slug`: one article.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::i18n::{t, Text};

/// One article (built by the article issue).
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    view! {
        <section class="page-intro">
            <h1>{slug}</h1>
            <p>{t(Text::ComingSoon)}</p>
        </section>
    }
}
