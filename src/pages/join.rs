//! `/join`: the membership block and the form.

use gazette_api::Site;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{components::join_form::JoinForm, config::Config, lang::foreign_lang};

/// The membership block's title and text, then the join form.
#[component]
pub fn JoinPage() -> impl IntoView {
    let site = expect_context::<Site>();
    let site_lang = foreign_lang(&site.lang);
    let membership = site.membership;
    let api_base = expect_context::<Config>().api_base;
    view! {
        <Title text=membership.title.clone()/>
        <section class="join">
            <div lang=site_lang>
                <p class="eyebrow">{membership.title.clone()}</p>
                <h1>{membership.heading.clone()}</h1>
                <p class="join__pitch">{membership.text.clone()}</p>
            </div>
            <JoinForm api_base membership/>
        </section>
    }
}
