//! `/join`: the membership block and the form.

use gazette_api::Site;
use gazette_render::head::PageHead;
use leptos::prelude::*;

use crate::{
    head,
    join::membership_form::{Heading, MembershipForm},
};

/// The membership block's title, heading and text, then the join form.
#[component]
pub fn JoinPage() -> impl IntoView {
    let site = expect_context::<Site>();
    head::show(|url| PageHead::join(&site, url));
    view! {
        <MembershipForm heading=Heading::PageWithPitch/>
    }
}
