//! `/join` (or an edition's, `/cs/join`): the membership block and the form.

use gazette_api::{languages::edition_versions, Site};
use gazette_render::head::PageHead;
use leptos::prelude::*;

use crate::{
    components::language_switcher::LanguageSwitcher,
    head,
    join::membership_form::{Heading, MembershipForm},
    router::use_router,
};

/// The membership block's title, heading and text, then the join form.
#[component]
pub fn JoinPage() -> impl IntoView {
    let site = expect_context::<Site>();
    let edition = use_router().route().edition().map(str::to_owned);
    head::show(|url| PageHead::join(&site, url, edition.as_deref()));
    let versions = edition_versions(&site, edition.as_deref(), "/join");
    view! {
        <LanguageSwitcher versions/>
        <MembershipForm heading=Heading::PageWithPitch/>
    }
}
