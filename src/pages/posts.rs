//! `/posts`: every post, newest first.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{t, Text};

/// The list of all posts (built by the feed issue).
#[component]
pub fn PostsPage() -> impl IntoView {
    view! {
        <Title text=t(Text::NavPosts)/>
        <section class="page-intro">
            <h1>{t(Text::NavPosts)}</h1>
            <p>{t(Text::ComingSoon)}</p>
        </section>
    }
}
