//! The site header: the name, and the main navigation.

use gazette_api::content::is_current_page;
use gazette_api::markup::{class, id};
use leptos::{ev::SubmitEvent, html::Input, prelude::*};

use crate::{
    chunks,
    i18n::{t, Text},
    lang::{edition_href, site_lang_if_foreign},
    router::{use_router, Navigate},
    search::search_href,
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
    let router = use_router();
    view! {
        <a class=class::SKIP_LINK href=move || router.fragment_href(id::MAIN) target="_self">{t(Text::SKIP_TO_CONTENT)}</a>
        <header class=class::SITE_HEADER>
            <div class=class::SITE_HEADER_INNER>
                <a href=edition_href("/") class=class::SITE_HEADER_NAME lang=site_lang.clone()>{name}</a>
                <p class=class::SITE_HEADER_TAGLINE lang=site_lang>{tagline}</p>
                <nav class=class::SITE_NAV aria-label=t(Text::MAIN_NAVIGATION)>
                    <NavLink href=edition_href("/") exact=true>{t(Text::NAV_HOME)}</NavLink>
                    <NavLink href=edition_href("/posts")>{t(Text::NAV_POSTS)}</NavLink>
                    <NavLink href=edition_href("/join")>{t(Text::NAV_JOIN)}</NavLink>
                </nav>
                <SiteSearch/>
            </div>
        </header>
    }
}

/// A plain GET form to the search page, which works before the app (and
/// without it); the app follows it in place, and loads the search page's
/// code when the field is focused.
#[component]
fn SiteSearch() -> impl IntoView {
    let router = use_router();
    let field = NodeRef::<Input>::new();
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if let Some(field) = field.get_untracked() {
            router.navigate(&search_href(&field.value()), Navigate::default());
        }
    };
    let warm = move |_| leptos::task::spawn_local(chunks::warm_search());
    view! {
        <form class=class::SITE_SEARCH role="search" action=site_href("/search") method="get" on:submit=submit>
            <label class=class::VISUALLY_HIDDEN for=id::SITE_SEARCH_QUERY>{t(Text::SEARCH_LABEL)}</label>
            <input id=id::SITE_SEARCH_QUERY class=class::SITE_SEARCH_INPUT type="search" name="q"
                autocomplete="off" enterkeyhint="search" node_ref=field on:focus=warm/>
            <button class=class::SITE_SEARCH_BUTTON type="submit">{t(Text::SEARCH)}</button>
        </form>
    }
}

/// A navigation link, `aria-current="page"` on its page and (unless `exact`)
/// on the pages under it.
#[component]
fn NavLink(href: String, #[prop(optional)] exact: bool, children: Children) -> impl IntoView {
    let router = use_router();
    let current = {
        let href = href.clone();
        move || is_current_page(&router.pathname(), &href, exact).then_some("page")
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}
