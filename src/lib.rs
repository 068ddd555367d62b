//! Gazette: the app. `App` boots (config, then site), then renders the shell
//! and the routes. Pages live in [`pages`], shared UI in [`components`], and
//! everything that is not UI in plain modules with native tests.

pub mod api;
pub mod boot;
pub mod cache;
pub mod components;
pub mod config;
pub mod dates;
pub mod error;
pub mod feed;
pub mod i18n;
pub mod images;
pub mod lightbox;
pub mod membership;
pub mod pages;
pub mod scroll;
pub mod storage;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::{
    api::ApiClient,
    boot::{boot, Ready},
    components::{error_panel::ErrorPanel, site_footer::SiteFooter, site_header::SiteHeader},
    i18n::{describe_boot_error, t, Text},
    pages::{
        article::ArticlePage, home::HomePage, join::JoinPage, not_found::NotFoundPage,
        posts::PostsPage,
    },
};

/// The whole app: boots, then shows the site or says why it cannot.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let started = LocalResource::new(boot);
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Gazette".to_owned() } else { page }/>
        <Suspense fallback=|| view! { <p class="boot-loading" role="status">{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                match started.await {
                    Ok(ready) => view! { <Shell ready/> }.into_any(),
                    Err(error) => view! {
                        <main id="main" class="boot-error">
                            <Title text=t(Text::BootFailedTitle)/>
                            <ErrorPanel
                                whole_page=true
                                title=t(Text::BootFailedTitle)
                                message=describe_boot_error(&error)
                                on_retry=Callback::new(move |()| started.refetch())
                            />
                        </main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The site chrome and the routes, once the site is known.
#[component]
fn Shell(ready: Ready) -> impl IntoView {
    let Ready { config, site } = ready;
    provide_context(ApiClient::new(config.api_base.clone()));
    provide_context(cache::ContentCache::default());
    provide_context(config);
    provide_context(site.clone());
    view! {
        <Html attr:lang=site.lang.clone()/>
        <Router>
            <SiteHeader name=site.name.clone() tagline=site.tagline.clone()/>
            <main id="main" class="site-main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/posts") view=PostsPage/>
                    <Route path=path!("/posts/:slug") view=ArticlePage/>
                    <Route path=path!("/join") view=JoinPage/>
                </Routes>
            </main>
            <SiteFooter name=site.name/>
        </Router>
    }
}
