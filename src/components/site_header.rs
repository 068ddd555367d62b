//! The site header: the name, and the main navigation.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

use crate::{
    base_path::{site_href, use_base_path},
    embed::is_embed_path,
    i18n::{t, Text},
    lang::site_lang_if_foreign,
};

/// Whether the current page is an embed, which shows no site chrome.
pub fn use_embedded() -> Memo<bool> {
    let location = use_location();
    let base_path = use_base_path();
    Memo::new(move |_| {
        location
            .pathname
            .with(|path| is_embed_path(base_path.strip(path)))
    })
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
    let site_lang = site_lang_if_foreign();
    move || {
        (!embedded.get()).then(|| {
            let (name, tagline, site_lang) = (name.clone(), tagline.clone(), site_lang.clone());
            view! {
                <a class="skip-link" href="#main">{t(Text::SkipToContent)}</a>
                <header class="site-header">
                    <div class="site-header__inner">
                        <A href=site_href("/") attr:class="site-header__name" attr:lang=site_lang.clone()>{name}</A>
                        <p class="site-header__tagline" lang=site_lang>{tagline}</p>
                        <nav class="site-nav" aria-label=t(Text::MainNavigation)>
                            <A href=site_href("/") exact=true>{t(Text::NavHome)}</A>
                            <A href=site_href("/posts")>{t(Text::NavPosts)}</A>
                            <A href=site_href("/join")>{t(Text::NavJoin)}</A>
                        </nav>
                    </div>
                </header>
            }
        })
    }
}
