//! The membership call to action, linking to the join form.

use gazette_api::markup::class;
use gazette_api::Membership;
use leptos::prelude::*;

use crate::lang::{edition_href, site_lang_if_foreign};

/// "Prague Forum Membership — Join us — … — Become a member".
#[component]
pub fn MembershipCta(
    /// The site's membership block.
    membership: Membership,
) -> impl IntoView {
    let site_lang = site_lang_if_foreign();
    view! {
        <section class=class::MEMBERSHIP_CTA lang=site_lang>
            <p class=class::EYEBROW>{membership.title}</p>
            <h2 class=class::MEMBERSHIP_CTA_HEADING>{membership.heading}</h2>
            <p>{membership.text}</p>
            <a href=edition_href("/join") class=class::BUTTON>{membership.call_to_action}</a>
        </section>
    }
}
