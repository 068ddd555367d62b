//! `/embed/recent-posts` and `/embed/join`: widgets for other sites' iframes.

use gazette_api::Site;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{join_form::JoinForm, recent_posts::RecentPosts},
    config::Config,
    embed::{report_height_to_parent, Embedded},
    i18n::{t, Text},
};

/// The recent-posts widget alone; its links open the full site.
#[component]
pub fn EmbeddedRecentPosts() -> impl IntoView {
    let config = expect_context::<Config>();
    let site = expect_context::<Site>();
    provide_context(Embedded);
    report_height_to_parent();
    view! {
        <Title text=t(Text::RecentPosts)/>
        <RecentPosts api_base=config.api_base limit=config.recent_posts page_lang=site.lang/>
    }
}

/// The join form alone, under the membership heading.
#[component]
pub fn EmbeddedJoinForm() -> impl IntoView {
    let config = expect_context::<Config>();
    let membership = expect_context::<Site>().membership;
    provide_context(Embedded);
    report_height_to_parent();
    view! {
        <Title text=membership.title.clone()/>
        <h1 class="embed__title">{membership.heading.clone()}</h1>
        <JoinForm api_base=config.api_base membership/>
    }
}
