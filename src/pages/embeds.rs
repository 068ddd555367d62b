//! `/embed/recent-posts` and `/embed/join`: widgets for other sites' iframes.

use gazette_api::Site;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    base_path::use_base_path,
    components::{join_form::JoinForm, recent_posts::RecentPosts},
    config::Config,
    embed::{report_height_to_parent, Embedded},
    i18n::{t, Text},
    lang::foreign_lang,
};

/// The recent-posts widget alone; its links open the full site.
#[component]
pub fn EmbeddedRecentPosts() -> impl IntoView {
    let config = expect_context::<Config>();
    provide_context(in_iframe());
    report_height_to_parent();
    view! {
        <Title text=t(Text::RecentPosts)/>
        <RecentPosts api_base=config.api_base limit=config.recent_posts whole_page=true/>
    }
}

/// The join form alone, under the membership heading.
#[component]
pub fn EmbeddedJoinForm() -> impl IntoView {
    let config = expect_context::<Config>();
    let site = expect_context::<Site>();
    let site_lang = foreign_lang(&site.lang);
    let membership = site.membership;
    provide_context(in_iframe());
    report_height_to_parent();
    view! {
        <Title text=membership.title.clone()/>
        <h1 class="embed__title" lang=site_lang>{membership.heading.clone()}</h1>
        <JoinForm api_base=config.api_base membership/>
    }
}

/// Links from an iframe open this site's pages in the top window.
fn in_iframe() -> Embedded {
    Embedded {
        site: use_base_path().0,
        target: Some("_top"),
    }
}
