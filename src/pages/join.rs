//! `/join`: the membership form.

use gazette_api::Site;
use leptos::prelude::*;
use leptos_meta::Title;

/// The membership block (the form arrives with the join issue).
#[component]
pub fn JoinPage() -> impl IntoView {
    let membership = expect_context::<Site>().membership;
    view! {
        <Title text=membership.title.clone()/>
        <section class="page-intro">
            <p class="eyebrow">{membership.title}</p>
            <h1>{membership.heading}</h1>
            <p>{membership.text}</p>
        </section>
    }
}
