//! The membership form: validation shared with the server, a draft that
//! survives reloads and failures, and exactly-once submission through an
//! idempotency key that is kept for the same application until the server has
//! said yes.

use std::collections::BTreeSet;

use gazette_api::{
    content::safe_href,
    validation::{fields, validate_application, MESSAGE_MAX_CHARS},
    FieldErrors, Membership,
};
use leptos::{ev, html, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::{
    api::ApiClient,
    error::FetchError,
    i18n::{
        characters_used, describe_fetch_error, field_error, t, thanks, wait_before_retry, Text,
    },
    lang::site_lang_if_foreign,
    membership::{first_invalid, Draft, SubmissionKey, FIELD_ORDER},
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
    let api = StoredValue::new(expect_context::<ApiClient>());
    let restored = storage::get(DRAFT_KEY)
        .and_then(|json| Draft::from_json(&json))
        .filter(|draft| !draft.is_empty());
    let draft_restored = restored.is_some();
    let draft = RwSignal::new(restored.unwrap_or_default());
    let honeypot = RwSignal::new(String::new());
    let touched = RwSignal::new(BTreeSet::<&'static str>::new());
    let server_errors = RwSignal::new(FieldErrors::new());
    let status = RwSignal::new(Status::Editing);
    let show_summary = RwSignal::new(false);
    let countdown = StoredValue::new_local(None::<gloo_timers::callback::Interval>);

    Effect::new(move |_| {
        let draft = draft.get();
        if draft.is_empty() {
            storage::remove(DRAFT_KEY);
        } else {
            storage::set(DRAFT_KEY, &draft.to_json());
        }
    });

    let client_errors = Memo::new(move |_| {
        validate_application(&draft.get().application(""))
            .err()
            .unwrap_or_default()
    });
    let error_for = move |field: &'static str| -> Option<&'static str> {
        let first =
            |errors: &FieldErrors| errors.get(field).and_then(|codes| codes.first().cloned());
        let client = touched
            .with(|touched| touched.contains(field))
            .then(|| client_errors.with(first))
            .flatten();
        client
            .or_else(|| server_errors.with(first))
            .map(|code| field_error(field, &code))
    };
    let all_errors = move || {
        let mut errors = client_errors.get();
        for (field, codes) in server_errors.get() {
            errors.entry(field).or_insert(codes);
        }
        errors
    };

    // Fields are found inside the form's own root: on another site the form
    // lives in a shadow root, out of `document.getElementById`'s reach.
    let root = NodeRef::<html::Div>::new();
    let submit = move || {
        if matches!(status.get_untracked(), Status::Sending | Status::Waiting(_)) {
            return;
        }
        touched.set(FIELD_ORDER.into_iter().collect());
        let application = draft.get_untracked().application(&honeypot.get_untracked());
        if let Err(errors) = validate_application(&application) {
            show_summary.set(true);
            focus_field(root, first_invalid(&errors));
            return;
        }
        show_summary.set(false);
        let key = idempotency_key(&application);
        status.set(Status::Sending);
        spawn_local(async move {
            let result = api
                .get_value()
                .apply_for_membership(&application, &key)
                .await;
            match result {
                Ok(_) => {
                    storage::remove(IDEMPOTENCY_KEY);
                    draft.set(Draft::default());
                    honeypot.set(String::new());
                    touched.set(BTreeSet::new());
                    server_errors.set(FieldErrors::new());
                    status.set(Status::Sent(application.name));
                    request_animation_frame(move || focus_id(root, "join-thanks"));
                }
                Err(FetchError::Validation { fields, .. }) => {
                    focus_field(root, first_invalid(&fields));
                    server_errors.set(fields);
                    show_summary.set(true);
                    status.set(Status::Editing);
                }
                Err(FetchError::RateLimited { retry_after_secs }) => {
                    let seconds = retry_after_secs.unwrap_or(60).clamp(1, 3600);
                    status.set(Status::Waiting(seconds));
                    let interval = gloo_timers::callback::Interval::new(1000, move || match status
                        .get_untracked()
                    {
                        Status::Waiting(left) if left > 1 => status.set(Status::Waiting(left - 1)),
                        _ => {
                            status.set(Status::Editing);
                            countdown.set_value(None);
                        }
                    });
                    countdown.set_value(Some(interval));
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
        });
    };

    // Back online: send once more, with the same key.
    let online = window_event_listener(ev::online, move |_| {
        if status.get_untracked() == Status::Offline {
            submit();
        }
    });
    on_cleanup(move || online.remove());

    let text_field = move |field: &'static str,
                           label: Text,
                           kind: &'static str,
                           autocomplete: &'static str,
                           get: fn(&Draft) -> &String,
                           set: fn(&mut Draft, String)| {
        let id = format!("join-{field}");
        let error_id = format!("join-{field}-error");
        let required = matches!(field, "name" | "email");
        view! {
            <div class="field">
                <label for=id.clone()>{t(label)}</label>
                <input
                    id=id
                    name=field
                    type=kind
                    inputmode=(kind == "email").then_some("email")
                    spellcheck=(kind == "email").then_some("false")
                    autocomplete=autocomplete
                    required=required
                    aria-required=required.then_some("true")
                    aria-invalid=move || error_for(field).map(|_| "true")
                    aria-describedby=move || error_for(field).map(|_| error_id.clone())
                    prop:value=move || draft.with(|draft| get(draft).clone())
                    on:input=move |event| {
                        draft.update(|draft| set(draft, event_target_value(&event)));
                        server_errors.update(|errors| drop(errors.remove(field)));
                    }
                    on:blur=move |_| touched.update(|touched| {
                            touched.insert(field);
                        })
                />
                <FieldError field/>
            </div>
        }
    };

    // One component per error paragraph keeps the ids and the text together.
    #[component]
    fn FieldError(field: &'static str) -> impl IntoView {
        let error_for = use_context::<ErrorLookup>().map(|lookup| lookup.0);
        view! {
            <p id=format!("join-{field}-error") class="field__error">
                {move || error_for.as_ref().and_then(|lookup| lookup.run(field))}
            </p>
        }
    }
    provide_context(ErrorLookup(Callback::new(error_for)));

    let privacy = StoredValue::new(safe_href(&membership.privacy_url).map(str::to_owned));
    let consent_text = StoredValue::new(membership.consent_text);
    let site_lang = site_lang_if_foreign();

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
                submit();
            }>
                {draft_restored.then(|| view! { <p class="notice" role="status">{t(Text::DraftRestored)}</p> })}
                <Show when=move || show_summary.get() && !all_errors().is_empty()>
                    <div class="error-summary" role="alert">
                        <h2 class="error-summary__title">{t(Text::CheckTheseFields)}</h2>
                        <ul>
                            {move || FIELD_ORDER
                                .into_iter()
                                .filter_map(|field| error_for(field).map(|message| view! {
                                    <li><a href=format!("#join-{field}")>{message}</a></li>
                                }))
                                .collect_view()}
                        </ul>
                    </div>
                </Show>
                {text_field(fields::NAME, Text::FieldName, "text", "name", |d| &d.name, |d, v| d.name = v)}
                {text_field(fields::EMAIL, Text::FieldEmail, "email", "email", |d| &d.email, |d, v| d.email = v)}
                {text_field(fields::ORGANISATION, Text::FieldOrganisation, "text", "organization", |d| &d.organisation, |d, v| d.organisation = v)}
                <div class="field">
                    <label for="join-message">{t(Text::FieldMessage)}</label>
                    <textarea
                        id="join-message"
                        name="message"
                        rows="5"
                        aria-invalid=move || error_for(fields::MESSAGE).map(|_| "true")
                        aria-describedby=move || match error_for(fields::MESSAGE) {
                            Some(_) => "join-message-count join-message-error",
                            None => "join-message-count",
                        }
                        prop:value=move || draft.with(|draft| draft.message.clone())
                        on:input=move |event| {
                            draft.update(|draft| draft.message = event_target_value(&event));
                            server_errors.update(|errors| drop(errors.remove(fields::MESSAGE)));
                        }
                        on:blur=move |_| touched.update(|touched| {
                            touched.insert(fields::MESSAGE);
                        })
                    ></textarea>
                    <p id="join-message-count" class="field__hint">
                        {move || characters_used(draft.with(|draft| draft.message.chars().count()), MESSAGE_MAX_CHARS)}
                    </p>
                    <FieldError field=fields::MESSAGE/>
                </div>
                <div class="field field--checkbox">
                    <input
                        id="join-consent"
                        name="consent"
                        type="checkbox"
                        aria-invalid=move || error_for(fields::CONSENT).map(|_| "true")
                        aria-describedby=move || error_for(fields::CONSENT).map(|_| "join-consent-error")
                        prop:checked=move || draft.with(|draft| draft.consent)
                        on:change=move |event| {
                            let checked = event_target_checked(&event);
                            draft.update(|draft| draft.consent = checked);
                            touched.update(|touched| {
                            touched.insert(fields::CONSENT);
                        });
                            server_errors.update(|errors| drop(errors.remove(fields::CONSENT)));
                        }
                    />
                    <label for="join-consent" lang=site_lang.clone()>{consent_text.get_value()}</label>
                    {privacy.get_value().map(|href| view! { <p class="field__hint"><a href=href>{t(Text::PrivacyPolicy)}</a></p> })}
                    <FieldError field=fields::CONSENT/>
                </div>
                <div class="join-form__trap" aria-hidden="true">
                    <label for="join-hp">{t(Text::HoneypotLabel)}</label>
                    <input
                        id="join-hp"
                        name="gz_hp_7c"
                        type="text"
                        tabindex="-1"
                        autocomplete="off"
                        prop:value=move || honeypot.get()
                        on:input=move |event| honeypot.set(event_target_value(&event))
                    />
                </div>
                <div class="join-form__status" aria-live="polite">
                    {move || match status.get() {
                        Status::Offline => Some(view! { <p class="notice">{t(Text::OfflineWillRetry)}</p> }.into_any()),
                        Status::Waiting(seconds) => Some(view! { <p class="notice">{wait_before_retry(seconds)}</p> }.into_any()),
                        Status::Failed(error) => Some(view! {
                            <div class="error-panel">
                                <h2 class="error-panel__title">{t(Text::ApplicationNotSent)}</h2>
                                <p>{describe_fetch_error(&error)}</p>
                                <button type="button" class="button" on:click=move |_| submit()>{t(Text::Retry)}</button>
                            </div>
                        }.into_any()),
                        _ => None,
                    }}
                </div>
                <button
                    type="submit"
                    class="button"
                    disabled=move || matches!(status.get(), Status::Sending | Status::Waiting(_))
                    aria-busy=move || (status.get() == Status::Sending).then_some("true")
                >
                    {move || if status.get() == Status::Sending { t(Text::Sending) } else { t(Text::SendApplication) }}
                </button>
            </form>
        </Show>
        </div>
    }
}

/// The lookup from a field to its error message, shared with [`FieldError`]s.
#[derive(Clone, Copy)]
struct ErrorLookup(Callback<&'static str, Option<&'static str>>);

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

fn focus_field(root: NodeRef<html::Div>, field: Option<&str>) {
    if let Some(field) = field {
        focus_id(root, &format!("join-{field}"));
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
