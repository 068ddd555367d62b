//! Sending an application: checked by the shared rules, sent once at a time
//! with an idempotency key that is kept for the same application until the
//! server has said yes, and every answer turned into the form's next status.
//!
//! Long because every answer the server can give (accepted, refused fields,
//! rate limit, conflict, offline, failure) is handled here, in one match.

use gazette_api::{
    member_status,
    validation::{validate_application, Field},
    MemberApplication,
};
use gloo_timers::callback::Interval;
use leptos::{html, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::{
    api::ApiClient,
    error::FetchError,
    join::{
        draft::{first_invalid, FieldSet, SubmissionKey},
        fields::{field_id, FormState},
    },
    lang::{ui_lang, UiLang},
    storage,
};

/// Where the idempotency key of the form being filled in is kept.
const IDEMPOTENCY_KEY: &str = "gazette:join:idempotency-key";

/// Where the form is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
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
    /// Received, for the person named; `confirm` when the server sent a link
    /// to confirm it by.
    Sent { name: String, confirm: bool },
}

/// Sending the application: everything the submission reads and changes, so
/// that the form, Retry and the `online` event share one `submit`.
#[derive(Clone, Copy)]
pub struct Submission {
    api: StoredValue<ApiClient>,
    state: FormState,
    honeypot: RwSignal<String>,
    status: RwSignal<Status>,
    show_summary: RwSignal<bool>,
    root: NodeRef<html::Div>,
    countdown: StoredValue<Option<Interval>, LocalStorage>,
    /// The UI language, sent so that the confirmation e-mail speaks it.
    lang: UiLang,
}

impl Submission {
    pub fn new(
        state: FormState,
        honeypot: RwSignal<String>,
        status: RwSignal<Status>,
        show_summary: RwSignal<bool>,
        root: NodeRef<html::Div>,
    ) -> Submission {
        Submission {
            api: StoredValue::new(expect_context::<ApiClient>()),
            state,
            honeypot,
            status,
            show_summary,
            root,
            countdown: StoredValue::new_local(None),
            lang: ui_lang(),
        }
    }

    /// Checks the application and sends it, unless a request is in flight or
    /// the server asked to wait.
    pub fn submit(self) {
        let Submission { state, status, .. } = self;
        if matches!(status.get_untracked(), Status::Sending | Status::Waiting(_)) {
            return;
        }
        state.touched.set(FieldSet::all());
        let mut application = state
            .draft
            .get_untracked()
            .application(&self.honeypot.get_untracked());
        application.lang = Some(self.lang.code().to_owned());
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
            self.answered(result.map(|accepted| Status::Sent {
                name: application.name,
                confirm: accepted.status == member_status::PENDING_CONFIRMATION,
            }));
        });
    }

    /// What the server's answer does to the form.
    fn answered(self, result: Result<Status, FetchError>) {
        let Submission { state, status, .. } = self;
        match result {
            Ok(sent) => {
                storage::remove(IDEMPOTENCY_KEY);
                state.clear();
                self.honeypot.set(String::new());
                status.set(sent);
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
fn idempotency_key(application: &MemberApplication) -> String {
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
