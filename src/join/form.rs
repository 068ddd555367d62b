//! The membership form: its fields, a draft that survives reloads and
//! failures, and what its status region says while the [`Submission`] goes.

use gazette_api::markup::class;
use gazette_api::{validation::Field, Membership};
use leptos::{ev, html, prelude::*};

use crate::{
    i18n::{describe_fetch_error, t, thanks, wait_before_retry, Text},
    join::{
        draft::Draft,
        fields::{
            ConsentField, ErrorSummary, FormState, Honeypot, MessageField, TextField, TextKind,
        },
        submission::{Status, Submission},
    },
    lang::site_lang_if_foreign,
    storage,
};

/// Where the draft is kept between reloads.
const DRAFT_KEY: &str = "gazette:join:draft";

/// The join form, sending through the [`ApiClient`] in context.
#[component]
pub fn JoinForm(
    /// The site's membership block: consent text and privacy link.
    membership: Membership,
) -> impl IntoView {
    let restored = storage::get(DRAFT_KEY)
        .and_then(|json| Draft::from_json(&json))
        .filter(|draft| !draft.is_empty());
    let draft_restored = restored.is_some();
    let state = FormState::new(restored.unwrap_or_default());
    provide_context(state);
    let honeypot = RwSignal::new(String::new());
    let status = RwSignal::new(Status::Editing);
    let show_summary = RwSignal::new(false);

    Effect::new(move |_| {
        let draft = state.draft.get();
        if draft.is_empty() {
            storage::remove(DRAFT_KEY);
        } else {
            storage::set(DRAFT_KEY, &draft.to_json());
        }
    });

    // Fields are found inside the form's own root: on another site the form
    // lives in a shadow root, out of `document.getElementById`'s reach.
    let root = NodeRef::<html::Div>::new();
    let submission = Submission::new(state, honeypot, status, show_summary, root);

    // Back online: send once more, with the same key.
    let online = window_event_listener(ev::online, move |_| {
        if status.get_untracked() == Status::Offline {
            submission.submit();
        }
    });
    on_cleanup(move || online.remove());

    let privacy = membership.privacy_url.clone().map(String::from);
    let sending = move || status.get() == Status::Sending;
    view! {
        <div class=class::JOIN_FORM_ROOT node_ref=root>
        <Show
            when=move || !matches!(status.get(), Status::Sent { .. })
            fallback=move || view! {
                <div id="join-thanks" class="join-thanks" role="status" tabindex="-1">
                    {move || match status.get() {
                        Status::Sent { name, confirm } => Some(view! {
                            <h2>{thanks(&name)}</h2>
                            {confirm.then(|| view! { <p>{t(Text::CHECK_YOUR_EMAIL)}</p> })}
                        }),
                        _ => None,
                    }}
                </div>
            }
        >
            // `post`, so that a form sent while the app is not running (its
            // wasm failed) never puts the visitor's details in an address.
            <form class=class::JOIN_FORM method="post" novalidate on:submit=move |event: ev::SubmitEvent| {
                event.prevent_default();
                submission.submit();
            }>
                {draft_restored.then(|| view! { <p class=class::NOTICE role="status">{t(Text::DRAFT_RESTORED)}</p> })}
                <ErrorSummary show=show_summary/>
                <TextField field=Field::Name label=Text::FIELD_NAME kind=TextKind::Text { autocomplete: "name" }/>
                <TextField field=Field::Email label=Text::FIELD_EMAIL kind=TextKind::Email/>
                <TextField
                    field=Field::Organisation
                    label=Text::FIELD_ORGANISATION
                    kind=TextKind::Text { autocomplete: "organization" }
                />
                <MessageField/>
                <ConsentField
                    text=membership.consent_text.clone()
                    lang=site_lang_if_foreign()
                    privacy=privacy.clone()
                />
                <Honeypot value=honeypot/>
                <div class=class::JOIN_FORM_STATUS aria-live="polite">
                    {move || notice(status.get(), move || submission.submit())}
                </div>
                <button
                    type="submit"
                    class=class::BUTTON
                    disabled=move || matches!(status.get(), Status::Sending | Status::Waiting(_))
                    aria-busy=move || sending().then_some("true")
                >
                    {move || if sending() { t(Text::SENDING) } else { t(Text::SEND_APPLICATION) }}
                </button>
            </form>
        </Show>
        </div>
    }
}

/// What the status region says: nothing while editing or sending.
fn notice(status: Status, retry: impl Fn() + Copy + 'static) -> Option<AnyView> {
    let said = match status {
        Status::Offline => t(Text::OFFLINE_WILL_RETRY).to_owned(),
        Status::Waiting(seconds) => wait_before_retry(seconds),
        Status::Failed(error) => {
            return Some(
                view! {
                    <div class="error-panel">
                        <h2 class="error-panel__title">{t(Text::APPLICATION_NOT_SENT)}</h2>
                        <p>{describe_fetch_error(&error)}</p>
                        <button type="button" class=class::BUTTON on:click=move |_| retry()>{t(Text::RETRY)}</button>
                    </div>
                }
                .into_any(),
            )
        }
        Status::Editing | Status::Sending | Status::Sent { .. } => return None,
    };
    Some(view! { <p class=class::NOTICE>{said}</p> }.into_any())
}
