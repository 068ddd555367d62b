//! The site footer.

use gazette_api::markup::class;
use leptos::prelude::*;

use crate::{
    i18n::{t, Text},
    lang::site_lang_if_foreign,
};

/// The footer with the site's name and the Gazette credit.
#[component]
pub fn SiteFooter(
    /// The site's name, from the API.
    name: String,
) -> impl IntoView {
    let site_lang = site_lang_if_foreign();
    view! {
        <footer class=class::SITE_FOOTER>
            <p>"© " <span lang=site_lang>{name}</span></p>
            <p>{t(Text::POWERED_BY)}</p>
        </footer>
    }
}
