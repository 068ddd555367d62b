//! The panel that says what went wrong, with a Retry button.

use gazette_api::markup::class;
use leptos::prelude::*;

use crate::i18n::{t, Text};

/// An alert with a title, an explanation and, when `on_retry` is given, a Retry button.
#[component]
pub fn ErrorPanel(
    /// The panel's heading.
    #[prop(into)]
    title: String,
    /// What happened and what to do.
    #[prop(into)]
    message: String,
    /// Called when the visitor presses Retry.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// Whether the panel is the whole page, so its heading is the `h1`.
    #[prop(optional)]
    whole_page: bool,
) -> impl IntoView {
    let heading = if whole_page {
        view! { <h1 class="error-panel__title">{title}</h1> }.into_any()
    } else {
        view! { <h2 class="error-panel__title">{title}</h2> }.into_any()
    };
    view! {
        <section class="error-panel" role="alert">
            {heading}
            <p>{message}</p>
            {on_retry.map(|retry| view! {
                <button type="button" class=class::BUTTON on:click=move |_| retry.run(())>
                    {t(Text::RETRY)}
                </button>
            })}
        </section>
    }
}
