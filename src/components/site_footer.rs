//! The site footer.

use leptos::prelude::*;

use crate::{
    components::site_header::use_embedded,
    i18n::{t, Text},
};

/// The footer with the site's name and the Gazette credit.
#[component]
pub fn SiteFooter(
    /// The site's name, from the API.
    name: String,
) -> impl IntoView {
    let embedded = use_embedded();
    move || {
        (!embedded.get()).then(|| {
            view! {
                <footer class="site-footer">
                    <p>"© " {name.clone()}</p>
                    <p>{t(Text::PoweredBy)}</p>
                </footer>
            }
        })
    }
}
