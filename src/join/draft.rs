//! The join form's logic, apart from its view: the draft that survives
//! reloads, the idempotency key of an application, which field an error
//! summary points at first, and the set of fields the visitor has left.

use gazette_api::{validation::Field, FieldErrors, MemberApplication};
use serde::{Deserialize, Serialize};

/// What a visitor has typed: saved to `sessionStorage` as they type. The
/// honeypot is never part of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub message: String,
    pub consent: bool,
}

impl Draft {
    /// What was typed into a text field (nothing for the checkbox).
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Email => &self.email,
            Field::Organisation => &self.organisation,
            Field::Message => &self.message,
            Field::Consent => "",
        }
    }

    /// Records what was typed into a text field; the checkbox is set through
    /// `consent`.
    pub fn set_text(&mut self, field: Field, text: String) {
        match field {
            Field::Name => self.name = text,
            Field::Email => self.email = text,
            Field::Organisation => self.organisation = text,
            Field::Message => self.message = text,
            Field::Consent => {}
        }
    }

    /// Whether nothing has been typed or ticked.
    pub fn is_empty(&self) -> bool {
        *self == Draft::default()
    }

    /// The application to send, with the honeypot's content.
    pub fn application(&self, honeypot: &str) -> MemberApplication {
        let optional = |text: &str| {
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_owned())
        };
        MemberApplication {
            name: self.name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            organisation: optional(&self.organisation),
            message: optional(&self.message),
            consent: self.consent,
            honeypot: honeypot.to_owned(),
            lang: None,
        }
    }

    /// Reads a saved draft; anything unreadable is no draft.
    pub fn from_json(json: &str) -> Option<Draft> {
        crate::json::from_str(json).ok()
    }

    /// The draft as saved.
    pub fn to_json(&self) -> String {
        crate::json::to_string(self).unwrap_or_default()
    }
}

/// An idempotency key and a fingerprint of the application it was sent with,
/// kept across retries and reloads. A retry of the same application reuses the
/// key, so the server stores it once even when an answer was lost; an edited
/// application gets a new key, since the server refuses one key for two
/// different bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmissionKey {
    /// The `Idempotency-Key` header's value.
    pub key: String,
    /// Hexadecimal: a JavaScript number cannot hold every `u64`.
    fingerprint: String,
}

impl SubmissionKey {
    /// The kept key when it was made for this application, else a new one
    /// from `new_key`.
    pub fn for_application(
        kept: Option<&str>,
        application: &MemberApplication,
        new_key: impl FnOnce() -> String,
    ) -> SubmissionKey {
        let fingerprint = fingerprint(application);
        kept.and_then(|json| crate::json::from_str::<SubmissionKey>(json).ok())
            .filter(|kept| kept.fingerprint == fingerprint)
            .unwrap_or_else(|| SubmissionKey {
                key: new_key(),
                fingerprint,
            })
    }

    /// The form kept in `sessionStorage`.
    pub fn to_json(&self) -> String {
        crate::json::to_string(self).unwrap_or_default()
    }
}

/// FNV-1a over the application's JSON: the same in every session, unlike
/// std's hasher. A collision would only reuse a key, which the server answers
/// with a conflict that the form recovers from.
fn fingerprint(application: &MemberApplication) -> String {
    let hash = crate::json::to_string(application)
        .unwrap_or_default()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash: u64, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016x}")
}

/// A set of the form's fields (those the visitor has left), one bit each: a
/// `BTreeSet` would bring its tree's code into the join form's wasm.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldSet(u8);

impl FieldSet {
    /// Every field of the form.
    pub fn all() -> FieldSet {
        Field::ALL
            .into_iter()
            .fold(FieldSet::default(), FieldSet::with)
    }

    /// Whether `field` is in the set.
    pub fn contains(self, field: Field) -> bool {
        self.0 & FieldSet::bit(field) != 0
    }

    /// The set with `field` in it.
    pub fn with(self, field: Field) -> FieldSet {
        FieldSet(self.0 | FieldSet::bit(field))
    }

    fn bit(field: Field) -> u8 {
        1 << field as u8
    }
}

/// The first field, in form order, that has an error.
pub fn first_invalid(errors: &FieldErrors) -> Option<Field> {
    Field::ALL.into_iter().find(|field| {
        errors
            .get(field.name())
            .is_some_and(|codes| !codes.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_reused_for_the_same_application_and_replaced_for_an_edited_one() {
        let draft = Draft {
            name: "Jana".into(),
            email: "jana@example.cz".into(),
            consent: true,
            ..Draft::default()
        };
        let first = SubmissionKey::for_application(None, &draft.application(""), || "k1".into());
        assert_eq!(first.key, "k1");
        let kept = first.to_json();
        let retry =
            SubmissionKey::for_application(Some(&kept), &draft.application(""), || "k2".into());
        assert_eq!(retry.key, "k1", "a retry reuses the key");
        let edited = Draft {
            message: "Hello".into(),
            ..draft.clone()
        };
        let after_edit =
            SubmissionKey::for_application(Some(&kept), &edited.application(""), || "k3".into());
        assert_eq!(after_edit.key, "k3", "an edited application gets a new key");
        // A key kept by an older version (a bare string), or garbage, is replaced.
        for kept in ["k1", "{", ""] {
            let key =
                SubmissionKey::for_application(Some(kept), &draft.application(""), || "k4".into());
            assert_eq!(key.key, "k4");
        }
    }

    #[test]
    fn text_fields_are_read_and_written_by_name() {
        let mut draft = Draft::default();
        for field in Field::ALL {
            draft.set_text(field, format!("{}!", field.name()));
        }
        assert_eq!(draft.name, "name!");
        assert_eq!(draft.email, "email!");
        assert_eq!(draft.organisation, "organisation!");
        assert_eq!(draft.message, "message!");
        assert!(!draft.consent);
        assert_eq!(draft.text(Field::Message), "message!");
        assert_eq!(draft.text(Field::Consent), "");
    }

    #[test]
    fn drafts_round_trip_and_tolerate_garbage() {
        let draft = Draft {
            name: "Jana".into(),
            consent: true,
            ..Draft::default()
        };
        assert_eq!(Draft::from_json(&draft.to_json()), Some(draft));
        assert_eq!(Draft::from_json("{\"name\": 3}"), None);
        assert_eq!(Draft::from_json("not json"), None);
        assert_eq!(Draft::from_json("{}"), Some(Draft::default()));
        assert!(Draft::default().is_empty());
    }

    #[test]
    fn applications_trim_and_drop_empty_optionals() {
        let draft = Draft {
            name: "  Jana ".into(),
            email: " jana@example.cz ".into(),
            organisation: "   ".into(),
            message: " Hello ".into(),
            consent: true,
        };
        let application = draft.application("");
        assert_eq!(application.name, "Jana");
        assert_eq!(application.email, "jana@example.cz");
        assert_eq!(application.organisation, None);
        assert_eq!(application.message.as_deref(), Some("Hello"));
        assert!(!draft.to_json().contains("honeypot"));
    }

    #[test]
    fn the_first_invalid_field_follows_form_order() {
        let mut errors = FieldErrors::new();
        errors.add("consent", "consent_required");
        errors.add("email", "invalid_email");
        assert_eq!(first_invalid(&errors), Some(Field::Email));
        assert_eq!(first_invalid(&FieldErrors::new()), None);
    }

    #[test]
    fn a_field_set_holds_each_field_apart() {
        let left = FieldSet::default().with(Field::Email).with(Field::Email);
        assert!(left.contains(Field::Email));
        assert!(!left.contains(Field::Name));
        assert_eq!(
            left.with(Field::Consent),
            FieldSet::default().with(Field::Consent).with(Field::Email)
        );
        assert!(Field::ALL
            .into_iter()
            .all(|field| FieldSet::all().contains(field)));
    }
}
