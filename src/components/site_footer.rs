//! The site footer.

use leptos::prelude::*;

use crate::{
    components::site_header::use_embedded,
    i18n::{t, Text},
    lang::site_lang_if_foreign,
};

/// The footer with the site's name and the Gazette credit.
#[component]
pub fn SiteFooter(
    /// The site's name, from the API.
    name: String,
) -> impl IntoView {
    let embedded = use_embedded();
    let site_lang = site_lang_if_foreign();
    move || {
        (!embedded.get()).then(|| {
            view! {
                <footer class="site-footer">
                    <p>"© " <span lang=site_lang.clone()>{name.clone()}</span></p>
                    <p>{t(Text::PoweredBy)}</p>
                </footer>
            }
        })
    }
}
