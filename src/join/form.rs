//! The membership form: validation shared with the server, a draft that
//! survives reloads and failures, and exactly-once submission through an
//! idempotency key that is kept for the same application until the server has
//! said yes.

use gazette_api::{
    content::safe_href,
    validation::{validate_application, Field},
    Membership,
};
use gloo_timers::callback::Interval;
use leptos::{ev, html, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::{
    api::ApiClient,
    error::FetchError,
    i18n::{describe_fetch_error, t, thanks, wait_before_retry, Text},
    join::{
        draft::{first_invalid, Draft, SubmissionKey},
        fields::{
            field_id, ConsentField, ErrorSummary, FormState, Honeypot, MessageField, TextField,
            TextKind,
        },
    },
    lang::site_lang_if_foreign,
    storage,
};

/// Where the draft is kept between reloads.
const DRAFT_KEY: &str = "gazette:join:draft";
/// Where the idempotency key of the form being filled in is kept.
const IDEMPOTENCY_KEY: &str = "gazette:join:idempotency-key";

/// Where the form is in its life.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    /// Being filled in.
    Editing,
    /// A request is in flight; nothing more is sent.
    Sending,
    /// The request failed; Retry sends it again (with the same key unless the
    /// application changed or the key conflicted).
    Failed(FetchError),
    /// The browser is offline; it is sent again when it comes back.
    Offline,
    /// Rate-limited: seconds until the button works again.
    Waiting(u32),
    /// Received, for the person named.
    Sent(String),
}

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
    let submission = Submission {
        api: StoredValue::new(expect_context::<ApiClient>()),
        state,
        honeypot,
        status,
        show_summary,
        root,
        countdown: StoredValue::new_local(None),
    };

    // Back online: send once more, with the same key.
    let online = window_event_listener(ev::online, move |_| {
        if status.get_untracked() == Status::Offline {
            submission.submit();
        }
    });
    on_cleanup(move || online.remove());

    let privacy = safe_href(&membership.privacy_url).map(str::to_owned);
    let sending = move || status.get() == Status::Sending;
    view! {
        <div class="join-form-root" node_ref=root>
        <Show
            when=move || !matches!(status.get(), Status::Sent(_))
            fallback=move || view! {
                <div id="join-thanks" class="join-thanks" role="status" tabindex="-1">
                    <h2>{move || match status.get() { Status::Sent(name) => thanks(&name), _ => String::new() }}</h2>
                </div>
            }
        >
            <form class="join-form" novalidate on:submit=move |event: ev::SubmitEvent| {
                event.prevent_default();
                submission.submit();
            }>
                {draft_restored.then(|| view! { <p class="notice" role="status">{t(Text::DraftRestored)}</p> })}
                <ErrorSummary show=show_summary/>
                <TextField field=Field::Name label=Text::FieldName kind=TextKind::Text { autocomplete: "name" }/>
                <TextField field=Field::Email label=Text::FieldEmail kind=TextKind::Email/>
                <TextField
                    field=Field::Organisation
                    label=Text::FieldOrganisation
                    kind=TextKind::Text { autocomplete: "organization" }
                />
                <MessageField/>
                <ConsentField
                    text=membership.consent_text.clone()
                    lang=site_lang_if_foreign()
                    privacy=privacy.clone()
                />
                <Honeypot value=honeypot/>
                <div class="join-form__status" aria-live="polite">
                    {move || status.get().notice(move || submission.submit())}
                </div>
                <button
                    type="submit"
                    class="button"
                    disabled=move || matches!(status.get(), Status::Sending | Status::Waiting(_))
                    aria-busy=move || sending().then_some("true")
                >
                    {move || if sending() { t(Text::Sending) } else { t(Text::SendApplication) }}
                </button>
            </form>
        </Show>
        </div>
    }
}

impl Status {
    /// What the status region says: nothing while editing or sending.
    fn notice(self, retry: impl Fn() + Copy + 'static) -> Option<AnyView> {
        match self {
            Status::Offline => Some(view! { <p class="notice">{t(Text::OfflineWillRetry)}</p> }.into_any()),
            Status::Waiting(seconds) => {
                Some(view! { <p class="notice">{wait_before_retry(seconds)}</p> }.into_any())
            }
            Status::Failed(error) => Some(
                view! {
                    <div class="error-panel">
                        <h2 class="error-panel__title">{t(Text::ApplicationNotSent)}</h2>
                        <p>{describe_fetch_error(&error)}</p>
                        <button type="button" class="button" on:click=move |_| retry()>{t(Text::Retry)}</button>
                    </div>
                }
                .into_any(),
            ),
            Status::Editing | Status::Sending | Status::Sent(_) => None,
        }
    }
}

/// Sending the application: everything the submission reads and changes, so
/// that the form, Retry and the `online` event share one `submit`.
#[derive(Clone, Copy)]
struct Submission {
    api: StoredValue<ApiClient>,
    state: FormState,
    honeypot: RwSignal<String>,
    status: RwSignal<Status>,
    show_summary: RwSignal<bool>,
    root: NodeRef<html::Div>,
    countdown: StoredValue<Option<Interval>, LocalStorage>,
}

impl Submission {
    /// Checks the application and sends it, unless a request is in flight or
    /// the server asked to wait.
    fn submit(self) {
        let Submission { state, status, .. } = self;
        if matches!(status.get_untracked(), Status::Sending | Status::Waiting(_)) {
            return;
        }
        state.touched.set(Field::ALL.into_iter().collect());
        let application = state
            .draft
            .get_untracked()
            .application(&self.honeypot.get_untracked());
        if let Err(errors) = validate_application(&application) {
            self.show_summary.set(true);
            focus_field(self.root, first_invalid(&errors));
            return;
        }
        self.show_summary.set(false);
        let key = idempotency_key(&application);
        status.set(Status::Sending);
        spawn_local(async move {
            let result = self
                .api
                .get_value()
                .apply_for_membership(&application, &key)
                .await;
            self.answered(result.map(|_| application.name));
        });
    }

    /// What the server's answer does to the form.
    fn answered(self, result: Result<String, FetchError>) {
        let Submission { state, status, .. } = self;
        match result {
            Ok(name) => {
                storage::remove(IDEMPOTENCY_KEY);
                state.clear();
                self.honeypot.set(String::new());
                status.set(Status::Sent(name));
                let root = self.root;
                request_animation_frame(move || focus_id(root, "join-thanks"));
            }
            Err(FetchError::Validation { fields, .. }) => {
                focus_field(self.root, first_invalid(&fields));
                state.server_errors.set(fields);
                self.show_summary.set(true);
                status.set(Status::Editing);
            }
            Err(FetchError::RateLimited { retry_after_secs }) => {
                self.wait(retry_after_secs.unwrap_or(60).clamp(1, 3600))
            }
            Err(_) if !browser_online() => status.set(Status::Offline),
            Err(error @ FetchError::Conflict { .. }) => {
                // The key went with another version of the form: Retry
                // sends this one under a new key.
                storage::remove(IDEMPOTENCY_KEY);
                status.set(Status::Failed(error));
            }
            Err(error) => status.set(Status::Failed(error)),
        }
    }

    /// Counts down the seconds the server asked to wait, then lets the
    /// visitor send again.
    fn wait(self, seconds: u32) {
        let Submission {
            status, countdown, ..
        } = self;
        status.set(Status::Waiting(seconds));
        let interval = Interval::new(1000, move || match status.get_untracked() {
            Status::Waiting(left) if left > 1 => status.set(Status::Waiting(left - 1)),
            _ => {
                status.set(Status::Editing);
                countdown.set_value(None);
            }
        });
        countdown.set_value(Some(interval));
    }
}

/// The key for this application: the kept one when it was made for the same
/// application, else a new one from `crypto.randomUUID`, kept in
/// `sessionStorage` across retries and reloads until success.
fn idempotency_key(application: &gazette_api::MemberApplication) -> String {
    let kept = storage::get(IDEMPOTENCY_KEY);
    let key = SubmissionKey::for_application(kept.as_deref(), application, || {
        window()
            .crypto()
            .map(|crypto| crypto.random_uuid())
            .unwrap_or_else(|_| {
                format!(
                    "{:x}{:x}",
                    js_sys::Date::now() as u64,
                    (js_sys::Math::random() * 1e16) as u64
                )
            })
    });
    storage::set(IDEMPOTENCY_KEY, &key.to_json());
    key.key
}

fn browser_online() -> bool {
    window().navigator().on_line()
}

fn focus_field(root: NodeRef<html::Div>, field: Option<Field>) {
    if let Some(field) = field {
        focus_id(root, &field_id(field));
    }
}

/// Focuses the element with `id` under `root`.
fn focus_id(root: NodeRef<html::Div>, id: &str) {
    let element = root
        .get_untracked()
        .and_then(|root| root.query_selector(&format!("#{id}")).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
