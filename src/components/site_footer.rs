//! The site footer.

use leptos::prelude::*;

use crate::i18n::{t, Text};

/// The footer with the site's name and the Gazette credit.
#[component]
pub fn SiteFooter(
    /// The site's name, from the API.
    name: String,
) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"© " {name}</p>
            <p>{t(Text::PoweredBy)}</p>
        </footer>
    }
}
