//! The join page (`JoinPage`: `MembershipForm` with the page's heading, then
//! `JoinForm`) as the app renders it before anyone has typed: every field
//! empty, no error shown, nothing sent.
//!
//! The form is sent by the app. A reader without JavaScript is told so in a
//! `<noscript>`, and the stylesheet hides from them the form they could not
//! send (`@media (scripting: none)`).

use gazette_api::markup::{class, id};
use gazette_api::validation::Field;
use gazette_i18n::{characters_used_in, form_needs_javascript_in, Text};

use super::{site_page, Frame, Html};

/// `/join`.
pub fn join_page(frame: &Frame) -> String {
    site_page(frame, |html| {
        let membership = &frame.site.membership;
        html.open("section", &[("class", Some(class::JOIN))]);
        html.open("div", &[("lang", frame.site_lang())]);
        html.element("p", &[("class", Some(class::EYEBROW))], &membership.title);
        html.element("h1", &[], &membership.heading);
        html.element("p", &[("class", Some(class::JOIN_PITCH))], &membership.text);
        html.close("div");
        html.open("div", &[("class", Some(class::JOIN_FORM_ROOT))]);
        html.open("noscript", &[]);
        html.element(
            "p",
            &[("class", Some(class::NOTICE))],
            form_needs_javascript_in(frame.ui),
        );
        html.close("noscript");
        join_form(html, frame);
        html.close("div");
        html.close("section");
    })
}

/// `JoinForm` while the visitor edits it.
fn join_form(html: &mut Html, frame: &Frame) {
    html.open(
        "form",
        &[
            ("class", Some(class::JOIN_FORM)),
            ("method", Some("post")),
            ("novalidate", Some("")),
        ],
    );
    text_field(html, frame, Field::Name, Text::FIELD_NAME, Some("name"));
    text_field(html, frame, Field::Email, Text::FIELD_EMAIL, None);
    text_field(
        html,
        frame,
        Field::Organisation,
        Text::FIELD_ORGANISATION,
        Some("organization"),
    );
    message_field(html, frame);
    consent_field(html, frame);
    honeypot(html, frame);
    html.element(
        "div",
        &[
            ("class", Some(class::JOIN_FORM_STATUS)),
            ("aria-live", Some("polite")),
        ],
        "",
    );
    html.element(
        "button",
        &[("type", Some("submit")), ("class", Some(class::BUTTON))],
        frame.words(Text::SEND_APPLICATION),
    );
    html.close("form");
}

/// `FieldError` with nothing to say yet.
fn field_error(html: &mut Html, field: Field) {
    let id = id::field_error(field);
    html.element(
        "p",
        &[("id", Some(&id)), ("class", Some(class::FIELD_ERROR))],
        "",
    );
}

/// `TextField`: an e-mail field when `autocomplete` is `None`.
fn text_field(
    html: &mut Html,
    frame: &Frame,
    field: Field,
    label: Text,
    autocomplete: Option<&str>,
) {
    let id = id::field(field);
    let email = autocomplete.is_none();
    let required = field.required();
    html.open("div", &[("class", Some(class::FIELD))]);
    html.element("label", &[("for", Some(&id))], frame.words(label));
    html.open(
        "input",
        &[
            ("id", Some(&id)),
            ("name", Some(field.name())),
            ("type", Some(if email { "email" } else { "text" })),
            ("inputmode", email.then_some("email")),
            ("spellcheck", email.then_some("false")),
            ("autocomplete", Some(autocomplete.unwrap_or("email"))),
            ("required", required.then_some("")),
            ("aria-required", required.then_some("true")),
        ],
    );
    field_error(html, field);
    html.close("div");
}

/// `MessageField`: the text area and its count.
fn message_field(html: &mut Html, frame: &Frame) {
    let field = Field::Message;
    let id = id::field(field);
    html.open("div", &[("class", Some(class::FIELD))]);
    html.element(
        "label",
        &[("for", Some(&id))],
        frame.words(Text::FIELD_MESSAGE),
    );
    html.element(
        "textarea",
        &[
            ("id", Some(&id)),
            ("name", Some(field.name())),
            ("rows", Some("5")),
            ("aria-describedby", Some(id::JOIN_MESSAGE_COUNT)),
        ],
        "",
    );
    html.element(
        "p",
        &[
            ("id", Some(id::JOIN_MESSAGE_COUNT)),
            ("class", Some(class::FIELD_HINT)),
        ],
        &characters_used_in(frame.ui, 0, field.max_chars().unwrap_or_default()),
    );
    field_error(html, field);
    html.close("div");
}

/// `ConsentField`: the box, the site's consent text, the privacy link.
fn consent_field(html: &mut Html, frame: &Frame) {
    let field = Field::Consent;
    let id = id::field(field);
    let membership = &frame.site.membership;
    html.open("div", &[("class", Some(class::FIELD_CHECKBOX))]);
    html.open(
        "input",
        &[
            ("id", Some(&id)),
            ("name", Some(field.name())),
            ("type", Some("checkbox")),
        ],
    );
    html.element(
        "label",
        &[("for", Some(&id)), ("lang", frame.site_lang())],
        &membership.consent_text,
    );
    if let Some(href) = membership.privacy_url.as_deref() {
        html.open("p", &[("class", Some(class::FIELD_HINT))]);
        html.element(
            "a",
            &[("href", Some(href))],
            frame.words(Text::PRIVACY_POLICY),
        );
        html.close("p");
    }
    field_error(html, field);
    html.close("div");
}

/// `Honeypot`: the field people never see.
fn honeypot(html: &mut Html, frame: &Frame) {
    html.open(
        "div",
        &[
            ("class", Some(class::JOIN_FORM_TRAP)),
            ("aria-hidden", Some("true")),
        ],
    );
    html.element(
        "label",
        &[("for", Some(id::JOIN_TRAP))],
        frame.words(Text::HONEYPOT_LABEL),
    );
    html.open(
        "input",
        &[
            ("id", Some(id::JOIN_TRAP)),
            ("name", Some("gz_hp_7c")),
            ("type", Some("text")),
            ("tabindex", Some("-1")),
            ("autocomplete", Some("off")),
        ],
    );
    html.close("div");
}
