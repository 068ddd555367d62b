//! The membership call to action, linking to the join form.

use gazette_api::Membership;
use leptos::prelude::*;
use leptos_router::components::A;

/// "Prague Forum Membership — Join us — … — Become a member".
#[component]
pub fn MembershipCta(
    /// The site's membership block.
    membership: Membership,
) -> impl IntoView {
    view! {
        <section class="membership-cta">
            <p class="eyebrow">{membership.title}</p>
            <h2 class="membership-cta__heading">{membership.heading}</h2>
            <p>{membership.text}</p>
            <A href="/join" attr:class="button">{membership.call_to_action}</A>
        </section>
    }
}
