//! The site footer.

use gazette_api::Site;
use leptos::prelude::*;

use crate::{
    components::site_header::use_embedded,
    i18n::{foreign_lang, t, Text},
};

/// The footer with the site's name and the Gazette credit.
#[component]
pub fn SiteFooter(
    /// The site's name, from the API.
    name: String,
) -> impl IntoView {
    let embedded = use_embedded();
    let site_lang = use_context::<Site>().and_then(|site| foreign_lang(&site.lang));
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
