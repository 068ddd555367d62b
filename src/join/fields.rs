//! The join form's fields, each a component over the [`FormState`] in
//! context: the label, the control, and the error paragraph its
//! `aria-describedby` points at.
//!
//! Long only by its components, one per kind of field, each short.

use gazette_api::markup::{class, id};
use gazette_api::{
    validation::{validate_application, Field, FieldCode},
    FieldErrors,
};
use leptos::prelude::*;

use crate::{
    i18n::{characters_used, field_error, t, Text},
    join::draft::{Draft, FieldSet},
    urls::fragment_href_here,
};

/// What every field reads and writes: the draft, the fields the visitor has
/// left (whose rule errors show from then on), and the errors the server
/// reported (shown until the field is edited).
#[derive(Clone, Copy)]
pub struct FormState {
    pub draft: RwSignal<Draft>,
    pub touched: RwSignal<FieldSet>,
    pub server_errors: RwSignal<FieldErrors>,
    rule_errors: Memo<FieldErrors>,
}

impl FormState {
    pub fn new(draft: Draft) -> FormState {
        let draft = RwSignal::new(draft);
        FormState {
            draft,
            touched: RwSignal::new(FieldSet::default()),
            server_errors: RwSignal::new(FieldErrors::new()),
            rule_errors: Memo::new(move |_| {
                validate_application(&draft.get().application(""))
                    .err()
                    .unwrap_or_default()
            }),
        }
    }

    /// The message under `field`: its rule's, once the visitor has left it,
    /// else the server's.
    pub fn error(self, field: Field) -> Option<String> {
        let first = |errors: &FieldErrors| {
            errors
                .get(field.name())
                .and_then(|codes| codes.first())
                .map(|code| FieldCode::from_code(code))
        };
        let rule = self
            .touched
            .with(|touched| touched.contains(field))
            .then(|| self.rule_errors.with(first))
            .flatten();
        rule.or_else(|| self.server_errors.with(first))
            .map(|code| field_error(field, code))
    }

    /// Whether any field has an error, shown or not yet.
    pub fn has_errors(self) -> bool {
        !self.rule_errors.with(FieldErrors::is_empty)
            || !self.server_errors.with(FieldErrors::is_empty)
    }

    /// The visitor changed `field`: the server's verdict on it no longer holds.
    pub fn edited(self, field: Field) {
        self.server_errors
            .update(|errors| errors.remove(field.name()));
    }

    /// The visitor left `field`: its rule's error shows from now on.
    pub fn left(self, field: Field) {
        self.touched
            .update(|touched| *touched = touched.with(field));
    }

    /// Back to an empty form, after the application was received.
    pub fn clear(self) {
        self.draft.set(Draft::default());
        self.touched.set(FieldSet::default());
        self.server_errors.set(FieldErrors::new());
    }
}

pub use gazette_api::markup::id::{field as field_id, field_error as error_id};

/// How a text field is typed: which keyboard a phone shows, and what the
/// browser may fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Text { autocomplete: &'static str },
    Email,
}

/// A one-line text field of the draft.
#[component]
pub fn TextField(field: Field, label: Text, kind: TextKind) -> impl IntoView {
    let state = expect_context::<FormState>();
    let email = kind == TextKind::Email;
    let autocomplete = match kind {
        TextKind::Text { autocomplete } => autocomplete,
        TextKind::Email => "email",
    };
    let required = field.required();
    view! {
        <div class=class::FIELD>
            <label for=field_id(field)>{t(label)}</label>
            <input
                id=field_id(field)
                name=field.name()
                type=if email { "email" } else { "text" }
                inputmode=email.then_some("email")
                spellcheck=email.then_some("false")
                autocomplete=autocomplete
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || state.error(field).map(|_| "true")
                aria-describedby=move || state.error(field).map(|_| error_id(field))
                prop:value=move || state.draft.with(|draft| draft.text(field).to_owned())
                on:input=move |event| {
                    state.draft.update(|draft| draft.set_text(field, event_target_value(&event)));
                    state.edited(field);
                }
                on:blur=move |_| state.left(field)
            />
            <FieldError field/>
        </div>
    }
}

/// The message: a text area with a count of the characters it may hold.
#[component]
pub fn MessageField() -> impl IntoView {
    let state = expect_context::<FormState>();
    let field = Field::Message;
    let max = field.max_chars().unwrap_or_default();
    view! {
        <div class=class::FIELD>
            <label for=field_id(field)>{t(Text::FIELD_MESSAGE)}</label>
            <textarea
                id=field_id(field)
                name=field.name()
                rows="5"
                aria-invalid=move || state.error(field).map(|_| "true")
                aria-describedby=move || match state.error(field) {
                    Some(_) => format!("{} {}", id::JOIN_MESSAGE_COUNT, error_id(field)),
                    None => id::JOIN_MESSAGE_COUNT.to_owned(),
                }
                prop:value=move || state.draft.with(|draft| draft.message.clone())
                on:input=move |event| {
                    state.draft.update(|draft| draft.message = event_target_value(&event));
                    state.edited(field);
                }
                on:blur=move |_| state.left(field)
            ></textarea>
            <p id=id::JOIN_MESSAGE_COUNT class=class::FIELD_HINT>
                {move || characters_used(state.draft.with(|draft| draft.message.chars().count()), max)}
            </p>
            <FieldError field/>
        </div>
    }
}

/// The consent box, with the site's consent text and privacy link.
#[component]
pub fn ConsentField(
    text: String,
    /// The site's language, when the UI speaks another.
    lang: Option<String>,
    /// The privacy policy, when its URL is safe to link.
    privacy: Option<String>,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let field = Field::Consent;
    view! {
        <div class=class::FIELD_CHECKBOX>
            <input
                id=field_id(field)
                name=field.name()
                type="checkbox"
                aria-invalid=move || state.error(field).map(|_| "true")
                aria-describedby=move || state.error(field).map(|_| error_id(field))
                prop:checked=move || state.draft.with(|draft| draft.consent)
                on:change=move |event| {
                    let checked = event_target_checked(&event);
                    state.draft.update(|draft| draft.consent = checked);
                    state.left(field);
                    state.edited(field);
                }
            />
            <label for=field_id(field) lang=lang>{text}</label>
            {privacy.map(|href| view! { <p class=class::FIELD_HINT><a href=href>{t(Text::PRIVACY_POLICY)}</a></p> })}
            <FieldError field/>
        </div>
    }
}

/// The paragraph that holds a field's error, always present so that a screen
/// reader's description of the field follows it.
#[component]
pub fn FieldError(field: Field) -> impl IntoView {
    let state = expect_context::<FormState>();
    view! {
        <p id=error_id(field) class=class::FIELD_ERROR>
            {move || state.error(field)}
        </p>
    }
}

/// Every error at once, each a link to its field, after a refused submission.
#[component]
pub fn ErrorSummary(#[prop(into)] show: Signal<bool>) -> impl IntoView {
    let state = expect_context::<FormState>();
    view! {
        <Show when=move || show.get() && state.has_errors()>
            <div class="error-summary" role="alert">
                <h2 class="error-summary__title">{t(Text::CHECK_THESE_FIELDS)}</h2>
                <ul>
                    {move || Field::ALL
                        .into_iter()
                        .filter_map(|field| state.error(field).map(|message| view! {
                            <li><a href=fragment_href_here(&field_id(field)) target="_self">{message}</a></li>
                        }))
                        .collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// A field that people never see and bots fill in; the server drops an
/// application that has it.
#[component]
pub fn Honeypot(value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class=class::JOIN_FORM_TRAP aria-hidden="true">
            <label for=id::JOIN_TRAP>{t(Text::HONEYPOT_LABEL)}</label>
            <input
                id=id::JOIN_TRAP
                name="gz_hp_7c"
                type="text"
                tabindex="-1"
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
        </div>
    }
}
