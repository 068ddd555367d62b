//! Gazette: the app. `App` boots (config, then site), then renders the shell
//! and the routes. Pages live in [`pages`], shared UI in [`components`], and
//! everything that is not UI in plain modules with native tests. It may
//! depend on the contract, the UI's words and `gazette-render`'s page head
//! (which the server writes too); never on the server's crates.
//!
//! Long only by `Shell`'s route table, the two layouts it names, and the
//! two things it does to the document on start (theme, written head).

pub mod api;
pub mod boot;
pub mod cache;
pub mod chunks;
pub mod components;
pub mod config;
pub mod embed;
pub mod error;
pub mod feed;
pub mod head;
pub mod head_tags;
pub mod i18n;
pub mod join;
pub mod json;
pub mod lang;
pub mod lightbox;
pub mod load;
pub mod offline;
pub mod page_data;
pub mod pages;
pub mod router;
pub mod scroll;
pub mod search;
pub mod split;
pub mod storage;
pub mod urls;

use gazette_api::markup::{class, id};
use gazette_api::{
    languages::{edition_of, is_edition},
    markup, Site,
};
use leptos::prelude::*;

use leptos_router::{
    components::{FlatRoutes, Route as RouteTo, Router},
    location::{BrowserUrl, LocationProvider},
    Lazy,
};

use crate::{
    api::ApiClient,
    boot::{boot, BootError, Ready},
    chunks::{ConfirmRoute, EmbedJoinRoute, JoinRoute, LazyPage, PostsRoute, SearchRoute},
    components::{
        error_panel::ErrorPanel, site_footer::SiteFooter, site_header::SiteHeader,
        skeletons::LoadingStatus,
    },
    embed::iframe::{EmbedLabel, EmbeddedRecentPosts},
    i18n::{t, Text},
    load::Load,
    pages::{article::ArticlePage, home::HomePage, not_found::NotFoundPage},
    router::{use_router, PageOf, Route},
};

/// The whole app: boots, then shows the site or says why it cannot.
#[component]
pub fn App() -> impl IntoView {
    let started = Load::new(boot);
    view! {
        {move || match started.get() {
            // On a prerendered page the page itself is what shows while it boots.
            None => prerendered()
                .is_none()
                .then(|| view! { <LoadingStatus/> })
                .into_any(),
            Some(Ok(ready)) => view! { <Shell ready/> }.into_any(),
            Some(Err(error)) if prerendered().is_some() => {
                keep_prerendered(&error);
                ().into_any()
            }
            Some(Err(error)) => view! {
                <BootFailed error on_retry=Callback::new(move |()| started.reload())/>
            }
            .into_any(),
        }}
    }
}

/// Why the site cannot start, in the configured UI language when it is known.
#[component]
fn BootFailed(error: BootError, on_retry: Callback<()>) -> impl IntoView {
    let lang = error.ui_lang();
    provide_context(lang);
    head::set_lang(lang.code());
    head::set_title(t(Text::BOOT_FAILED_TITLE));
    view! {
        <main id=id::MAIN class="boot-error">
            <ErrorPanel
                whole_page=true
                title=t(Text::BOOT_FAILED_TITLE)
                message=error.describe()
                on_retry
            />
        </main>
    }
}

/// The site chrome and the routes, once the site is known.
#[component]
fn Shell(ready: Ready) -> impl IntoView {
    let Ready { config, site, seed } = ready;
    apply_theme(&config.theme);
    let taken_over = prerendered();
    head::take_over(taken_over.is_some());
    offline::note_document(taken_over.is_some());
    if let Some(prerendered) = taken_over {
        // The app's own view of the same page replaces it, in the same task.
        prerendered.remove();
    }
    let owner_lang = config.lang;
    provide_context(ApiClient::new(config.api_base.clone()));
    let cache = cache::ContentCache::default();
    cache.seed(seed, &site);
    provide_context(cache);
    provide_context(config);
    provide_context(site.clone());
    let base_path = urls::BasePath::from_document();
    provide_context(base_path.clone());
    router::leave_other_paths_to_browser(base_path.clone());
    view! {
        <Router base=base_path.0>
            <Layouts site owner_lang cache/>
        </Router>
    }
}

/// The layout of the router's page, in the page's language.
#[component]
fn Layouts(
    site: Site,
    owner_lang: Option<lang::UiLang>,
    cache: cache::ContentCache,
) -> impl IntoView {
    let router = use_router();
    // The layout stays while the reader moves between the site's pages.
    let embedded = Memo::new(move |_| router.route().is_embed());
    let speaking = page_language(router, cache, &site, owner_lang);
    let location = use_context::<BrowserUrl>();
    view! {
        // The whole site again when the page's language or edition changes:
        // every word, date and link of the chrome with it.
        {move || {
            let (ui, edition) = speaking.get();
            provide_context(ui);
            provide_context(lang::Edition(edition));
            head::set_lang(ui.code());
            // The route table made anew renders its page without telling
            // the router that the navigation is done, as it does when it
            // changes pages: the address bar would keep the previous page.
            if let Some(location) = &location {
                location.ready_to_complete();
            }
            if embedded.get() {
                view! { <EmbedLayout/> }.into_any()
            } else {
                view! { <SiteLayout/> }.into_any()
            }
        }}
    }
}

/// The UI language and the edition of the page the router is on: the
/// owner's language when `config.json` sets one; else the page's (an
/// edition's, or its article's once in the cache: until then the previous
/// page's).
fn page_language(
    router: router::Router,
    cache: cache::ContentCache,
    site: &Site,
    owner_lang: Option<lang::UiLang>,
) -> Memo<(lang::UiLang, Option<String>)> {
    // Notified when an article arrives from the network.
    let shown = ArcTrigger::new();
    provide_context(lang::ArticleShown(shown.clone()));
    let site = site.clone();
    Memo::new(move |previous: Option<&(lang::UiLang, Option<String>)>| {
        let lang = match router.route() {
            Route::Home(edition) | Route::Posts(edition) | Route::Join(edition) => edition,
            Route::Article(slug) => {
                shown.track();
                match cache.article_lang(&slug) {
                    Some(lang) => Some(lang),
                    None => {
                        return previous
                            .cloned()
                            .unwrap_or((gazette_i18n::page_ui(owner_lang, None, &site.lang), None))
                    }
                }
            }
            _ => None,
        };
        let ui = gazette_i18n::page_ui(owner_lang, lang.as_deref(), &site.lang);
        (ui, lang.and_then(|lang| edition_of(&site, &lang)))
    })
}

/// The route table: each page, matched by [`Route::from_path`]'s rule; the
/// pages in chunks are lazy routes. An edition the site does not have is
/// not found.
fn routes() -> impl IntoView {
    view! {
        <FlatRoutes fallback=NotFoundPage>
            <RouteTo path={PageOf(in_unknown_edition)} view=NotFoundPage/>
            <RouteTo path={PageOf(|route| matches!(route, Route::Home(_)))} view=HomePage/>
            <RouteTo path={PageOf(|route| matches!(route, Route::Article(_)))} view=ArticlePage/>
            // The pages in chunks, by the rule `boot` preloads their chunk by.
            <RouteTo path={PageOf(|route| LazyPage::of(route) == Some(LazyPage::Posts))} view={Lazy::<PostsRoute>::new()}/>
            <RouteTo path={PageOf(|route| LazyPage::of(route) == Some(LazyPage::Search))} view={Lazy::<SearchRoute>::new()}/>
            <RouteTo path={PageOf(|route| LazyPage::of(route) == Some(LazyPage::Join))} view={Lazy::<JoinRoute>::new()}/>
            <RouteTo path={PageOf(|route| LazyPage::of(route) == Some(LazyPage::Confirm))} view={Lazy::<ConfirmRoute>::new()}/>
            <RouteTo path={PageOf(|route| LazyPage::of(route) == Some(LazyPage::EmbedJoin))} view={Lazy::<EmbedJoinRoute>::new()}/>
            <RouteTo path={PageOf(|route| matches!(route, Route::EmbedRecentPosts))} view=EmbeddedRecentPosts/>
        </FlatRoutes>
    }
}

/// Whether the route is an edition's page the site has no edition for.
fn in_unknown_edition(route: &Route) -> bool {
    route.edition().is_some_and(|edition| {
        use_context::<Site>().is_some_and(|site| !is_edition(&site, edition))
    })
}

/// The site's pages: header, the `<main>` landmark, footer.
#[component]
fn SiteLayout() -> impl IntoView {
    let site = expect_context::<Site>();
    // After the first render: the worker costs a page's first load nothing.
    let offline_reading = expect_context::<config::Config>().offline;
    Effect::new(move |_| offline::start(offline_reading));
    // A status region from the start, so that what appears in it is
    // announced; its words come with the offline chunk, when there is news.
    let status = offline::Status::listen();
    view! {
        <SiteHeader name=site.name.clone() tagline=site.tagline/>
        <div class=class::CONNECTION_STATUS role="status">
            {move || status.has_news().then(|| view! { <chunks::StatusChunk status/> })}
        </div>
        <main id=id::MAIN class=class::SITE_MAIN tabindex="-1">
            {routes()}
        </main>
        <SiteFooter name=site.name/>
    }
}

/// The iframe embeds: the `<main>` landmark alone, without the site's chrome,
/// labelled by the embedded page.
#[component]
fn EmbedLayout() -> impl IntoView {
    let label = RwSignal::new(None);
    provide_context(EmbedLabel(label));
    view! {
        <main id=id::MAIN class="site-main site-main--embed" tabindex="-1" aria-label=move || label.get()>
            {routes()}
        </main>
    }
}

/// The body the server or the build prerendered for this page, if any.
fn prerendered() -> Option<web_sys::Element> {
    document()
        .query_selector(markup::PRERENDER_SELECTOR)
        .ok()
        .flatten()
}

/// When the app cannot start on a prerendered page, the page stays as the
/// server wrote it, readable, its links plain links; the reason goes to the
/// console for the site owner, and the marker says the page was kept.
fn keep_prerendered(error: &BootError) {
    if let Some(prerendered) = prerendered() {
        let _ = prerendered.set_attribute(markup::PRERENDER_ATTR, "kept");
    }
    leptos::logging::warn!("Gazette did not start: {}", error.describe());
}

/// Sets the theme tokens of `config.json` on the root element, through the
/// CSSOM (which a strict CSP allows, unlike `style` attributes).
fn apply_theme(theme: &config::Theme) {
    use wasm_bindgen::JsCast;
    let Some(root) = document()
        .document_element()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    if let Some(accent) = &theme.accent {
        let _ = style.set_property("--gazette-accent", accent);
    }
    if let Some(font) = &theme.font {
        let _ = style.set_property("--gazette-font", font);
    }
}
