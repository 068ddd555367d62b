//! `/join`: the membership block and the form.

use gazette_api::Site;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::join::membership_form::{Heading, MembershipForm};

/// The membership block's title, heading and text, then the join form.
#[component]
pub fn JoinPage() -> impl IntoView {
    let title = expect_context::<Site>().membership.title;
    view! {
        <Title text=title/>
        <MembershipForm heading=Heading::PageWithPitch/>
    }
}
