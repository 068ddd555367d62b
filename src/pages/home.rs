//! The front page.

use gazette_api::Site;
use leptos::prelude::*;
use leptos_meta::Title;

/// The front page: the site's name and pitch (the feed arrives with its issue).
#[component]
pub fn HomePage() -> impl IntoView {
    let site = expect_context::<Site>();
    view! {
        <Title text=site.name.clone()/>
        <section class="page-intro">
            <h1>{site.name.clone()}</h1>
            <p>{site.tagline.clone()}</p>
        </section>
    }
}
