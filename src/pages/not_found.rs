//! The page for any address the app does not know.

use gazette_api::Site;
use gazette_render::head::PageHead;
use leptos::prelude::*;

use crate::{
    head,
    i18n::{t, Text},
    lang::ui_lang,
    urls::site_href,
};

/// "Page not found", with links to all posts and the front page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let site = expect_context::<Site>();
    head::show(|url| PageHead::not_found(&site, url, ui_lang()));
    view! {
        <section class="not-found">
            <h1>{t(Text::NOT_FOUND_TITLE)}</h1>
            <p>{t(Text::NOT_FOUND_BODY)}</p>
            <p class="not-found__links">
                <a href=site_href("/posts")>{t(Text::SEE_ALL_POSTS)}</a>
                " · "
                <a href=site_href("/")>{t(Text::BACK_HOME)}</a>
            </p>
        </section>
    }
}
