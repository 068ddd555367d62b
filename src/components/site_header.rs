//! The site header: the name, and the main navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    i18n::{t, Text},
    lang::site_lang_if_foreign,
    urls::site_href,
};

/// The header with the site's name and the links Home, Posts and Join.
#[component]
pub fn SiteHeader(
    /// The site's name, from the API.
    name: String,
    /// The line under the name.
    tagline: String,
) -> impl IntoView {
    let site_lang = site_lang_if_foreign();
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
}
