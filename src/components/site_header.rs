//! The site header: the name, and the main navigation.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

use crate::{
    embed::is_embed_path,
    i18n::{t, Text},
};

/// Whether the current page is an embed, which shows no site chrome.
pub fn use_embedded() -> Memo<bool> {
    let location = use_location();
    Memo::new(move |_| location.pathname.with(|path| is_embed_path(path)))
}

/// The header with the site's name and the links Home, Posts and Join.
#[component]
pub fn SiteHeader(
    /// The site's name, from the API.
    name: String,
    /// The line under the name.
    tagline: String,
) -> impl IntoView {
    let embedded = use_embedded();
    move || {
        (!embedded.get()).then(|| {
            let (name, tagline) = (name.clone(), tagline.clone());
            view! {
                <a class="skip-link" href="#main">{t(Text::SkipToContent)}</a>
                <header class="site-header">
                    <div class="site-header__inner">
                        <A href="/" attr:class="site-header__name">{name}</A>
                        <p class="site-header__tagline">{tagline}</p>
                        <nav class="site-nav" aria-label=t(Text::MainNavigation)>
                            <A href="/" exact=true>{t(Text::NavHome)}</A>
                            <A href="/posts">{t(Text::NavPosts)}</A>
                            <A href="/join">{t(Text::NavJoin)}</A>
                        </nav>
                    </div>
                </header>
            }
        })
    }
}
