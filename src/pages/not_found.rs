//! The page for any address the app does not know.

use leptos::prelude::*;

use crate::{
    head,
    i18n::{t, Text},
    urls::site_href,
};

/// "Page not found", with links to all posts and the front page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    head::set_title(t(Text::NotFoundTitle));
    head::meta("name", "robots", "noindex");
    view! {
        <section class="not-found">
            <h1>{t(Text::NotFoundTitle)}</h1>
            <p>{t(Text::NotFoundBody)}</p>
            <p class="not-found__links">
                <a href=site_href("/posts")>{t(Text::SeeAllPosts)}</a>
                " · "
                <a href=site_href("/")>{t(Text::BackHome)}</a>
            </p>
        </section>
    }
}
