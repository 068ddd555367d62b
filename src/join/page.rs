//! `/join`: the membership block and the form.

use gazette_api::Site;
use leptos::prelude::*;

use crate::{
    head,
    join::membership_form::{Heading, MembershipForm},
};

/// The membership block's title, heading and text, then the join form.
#[component]
pub fn JoinPage() -> impl IntoView {
    let title = expect_context::<Site>().membership.title;
    head::set_title(&title);
    view! {
        <MembershipForm heading=Heading::PageWithPitch/>
    }
}
