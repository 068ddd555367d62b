//! `/embed/recent-posts` and `/embed/join`: widgets for other sites' iframes.

use gazette_api::Site;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    base_path::use_base_path,
    components::{
        membership_form::{Heading, MembershipForm},
        recent_posts::RecentPosts,
    },
    config::Config,
    embed::{name_embed, report_height_to_parent, Embedded},
    i18n::{t, Text},
};

/// The recent-posts widget alone; its links open the full site.
#[component]
pub fn EmbeddedRecentPosts() -> impl IntoView {
    let config = expect_context::<Config>();
    provide_context(in_iframe());
    report_height_to_parent();
    name_embed(t(Text::RecentPosts));
    view! {
        <Title text=t(Text::RecentPosts)/>
        <RecentPosts limit=config.recent_posts whole_page=true/>
    }
}

/// The join form alone, under the membership heading.
#[component]
pub fn EmbeddedJoinForm() -> impl IntoView {
    let title = expect_context::<Site>().membership.title;
    provide_context(in_iframe());
    report_height_to_parent();
    name_embed(t(Text::NavJoin));
    view! {
        <Title text=title/>
        <MembershipForm heading=Heading::Page/>
    }
}

/// Links from an iframe open this site's pages in the top window.
fn in_iframe() -> Embedded {
    Embedded {
        site: use_base_path().0,
        target: Some("_top"),
    }
}
