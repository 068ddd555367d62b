//! The site header: the name, and the main navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, Text};

/// The header with the site's name and the links Home, Posts and Join.
#[component]
pub fn SiteHeader(
    /// The site's name, from the API.
    name: String,
    /// The line under the name.
    tagline: String,
) -> impl IntoView {
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
}
