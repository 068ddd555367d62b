//! The panel that says what went wrong, with a Retry button.

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
) -> impl IntoView {
    view! {
        <section class="error-panel" role="alert">
            <h2 class="error-panel__title">{title}</h2>
            <p>{message}</p>
            {on_retry.map(|retry| view! {
                <button type="button" class="button" on:click=move |_| retry.run(())>
                    {t(Text::Retry)}
                </button>
            })}
        </section>
    }
}
