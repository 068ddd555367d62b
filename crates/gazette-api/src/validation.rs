//! The rules for a [`MemberApplication`], shared by the server and the join form
//! so that the two can never disagree.
//!
//! Long only by the field and code enums that name the wire strings.

use email_address::EmailAddress;
use serde::{Deserialize, Serialize};

use crate::{FieldErrors, MemberApplication};

/// The most characters a name may have, after trimming.
pub const NAME_MAX_CHARS: usize = 100;
/// The most characters an email address may have.
pub const EMAIL_MAX_CHARS: usize = 254;
/// The most characters an organisation may have.
pub const ORGANISATION_MAX_CHARS: usize = 200;
/// The most characters a message may have.
pub const MESSAGE_MAX_CHARS: usize = 2000;

/// The join form's fields, named on the wire (the keys of [`FieldErrors`]) as
/// today's strings: `name`, `email`, `organisation`, `message`, `consent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Email,
    Organisation,
    Message,
    Consent,
}

impl Field {
    /// Every field, in the order the form shows them.
    pub const ALL: [Field; 5] = [
        Field::Name,
        Field::Email,
        Field::Organisation,
        Field::Message,
        Field::Consent,
    ];

    /// The field's name in [`FieldErrors`] and in the form's element ids.
    pub const fn name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Organisation => "organisation",
            Field::Message => "message",
            Field::Consent => "consent",
        }
    }

    /// The field a [`FieldErrors`] key names; `None` for a key this version
    /// does not know (a newer server may report more).
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.name() == name)
    }

    /// Whether the application is refused without it.
    pub const fn required(self) -> bool {
        matches!(self, Field::Name | Field::Email | Field::Consent)
    }

    /// The most characters the field may hold, for the text fields.
    pub const fn max_chars(self) -> Option<usize> {
        match self {
            Field::Name => Some(NAME_MAX_CHARS),
            Field::Email => Some(EMAIL_MAX_CHARS),
            Field::Organisation => Some(ORGANISATION_MAX_CHARS),
            Field::Message => Some(MESSAGE_MAX_CHARS),
            Field::Consent => None,
        }
    }
}

/// What is wrong with a field, named on the wire (the values of
/// [`FieldErrors`]) as today's strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldCode {
    /// Required and empty.
    Required,
    /// Longer than [`Field::max_chars`].
    TooLong,
    /// Not a bare mailbox with a domain of two labels or more.
    InvalidEmail,
    /// The consent box was not ticked.
    ConsentRequired,
}

impl FieldCode {
    const ALL: [FieldCode; 4] = [
        FieldCode::Required,
        FieldCode::TooLong,
        FieldCode::InvalidEmail,
        FieldCode::ConsentRequired,
    ];

    /// The code as [`FieldErrors`] carries it.
    pub const fn code(self) -> &'static str {
        match self {
            FieldCode::Required => "required",
            FieldCode::TooLong => "too_long",
            FieldCode::InvalidEmail => "invalid_email",
            FieldCode::ConsentRequired => "consent_required",
        }
    }

    /// The code a [`FieldErrors`] value names; `None` for one this version
    /// does not know.
    pub fn from_code(code: &str) -> Option<FieldCode> {
        FieldCode::ALL
            .into_iter()
            .find(|known| known.code() == code)
    }
}

/// Checks an application against every rule; `Err` lists the codes per field.
///
/// The honeypot is not checked here: a filled honeypot is accepted and dropped
/// by the server, so that bots learn nothing.
pub fn validate_application(application: &MemberApplication) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut add = |field: Field, code: FieldCode| {
        errors.add(field.name(), code.code());
    };

    let name = application.name.trim();
    if name.is_empty() {
        add(Field::Name, FieldCode::Required);
    } else if name.chars().count() > NAME_MAX_CHARS {
        add(Field::Name, FieldCode::TooLong);
    }

    if let Some(code) = email_error(&application.email) {
        add(Field::Email, code);
    }

    let organisation = application.organisation.as_deref().unwrap_or("");
    if organisation.trim().chars().count() > ORGANISATION_MAX_CHARS {
        add(Field::Organisation, FieldCode::TooLong);
    }

    let message = application.message.as_deref().unwrap_or("");
    if message.chars().count() > MESSAGE_MAX_CHARS {
        add(Field::Message, FieldCode::TooLong);
    }

    if !application.consent {
        add(Field::Consent, FieldCode::ConsentRequired);
    }

    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The error code for an email address, or `None` when it is acceptable.
///
/// Syntax is checked by the `email_address` crate, with a bare mailbox only:
/// no display text (`Jana <j@x.cz>` would let one mailbox enrol under many
/// names, and `x\r\nBcc: y <j@x.cz>` smuggle a header into a message), no domain
/// literal (`a@[127.0.0.1]`), and a domain of at least two labels
/// (`someone@localhost` is valid syntax but never a member's reachable
/// address). White space and control characters inside are refused too.
fn email_error(email: &str) -> Option<FieldCode> {
    let email = email.trim();
    if email.is_empty() {
        return Some(FieldCode::Required);
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Some(FieldCode::TooLong);
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(FieldCode::InvalidEmail);
    }
    let options = email_address::Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        ..email_address::Options::default()
    };
    match EmailAddress::parse_with_options(email, options) {
        Ok(address) if !address.domain().ends_with('.') => None,
        _ => Some(FieldCode::InvalidEmail),
    }
}

/// The form of an email address used to recognise the same member twice:
/// trimmed and lowercased.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> MemberApplication {
        MemberApplication {
            name: "Jana Nováková".into(),
            email: "jana@example.cz".into(),
            consent: true,
            ..MemberApplication::default()
        }
    }

    fn codes(application: &MemberApplication, field: &str) -> Vec<String> {
        validate_application(application)
            .err()
            .and_then(|errors| errors.get(field).map(<[String]>::to_vec))
            .unwrap_or_default()
    }

    #[test]
    fn a_complete_application_passes() {
        assert_eq!(validate_application(&valid()), Ok(()));
    }

    #[test]
    fn name_is_trimmed_and_bounded() {
        let mut app = valid();
        app.name = "   ".into();
        assert_eq!(codes(&app, "name"), ["required"]);
        app.name = format!("  {}  ", "ž".repeat(100));
        assert_eq!(validate_application(&app), Ok(()));
        app.name = "ž".repeat(101);
        assert_eq!(codes(&app, "name"), ["too_long"]);
    }

    #[test]
    fn email_rules() {
        let mut app = valid();
        for bad in [
            "",
            "no-at-sign",
            "a@b",
            "a@localhost",
            "a@@b.cz",
            "a@b.",
            "<script>@x.cz",
            "A <v@example.org>",
            "x\r\nBcc: y <v@example.org>",
            "<v@example.org>",
            "a@[127.0.0.1]",
            "a@[IPv6:::1]",
            "a b@example.org",
            "a\u{0}@example.org",
            "a@exa\tmple.org",
        ] {
            app.email = bad.into();
            assert!(!codes(&app, "email").is_empty(), "{bad} should be rejected");
        }
        for good in ["a@b.cz", " Jana.Novakova+news@example.co.uk "] {
            app.email = good.into();
            assert_eq!(validate_application(&app), Ok(()), "{good} should pass");
        }
        app.email = format!("{}@example.com", "a".repeat(250));
        assert_eq!(codes(&app, "email"), ["too_long"]);
    }

    #[test]
    fn consent_and_message() {
        let mut app = valid();
        app.consent = false;
        app.message = Some("x".repeat(2001));
        let errors = validate_application(&app).unwrap_err();
        assert_eq!(errors["consent"], ["consent_required"]);
        assert_eq!(errors["message"], ["too_long"]);
        app.consent = true;
        app.message = Some("ř".repeat(2000));
        assert_eq!(validate_application(&app), Ok(()));
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let errors = validate_application(&MemberApplication::default()).unwrap_err();
        let fields: Vec<_> = errors.keys().collect();
        assert_eq!(fields, ["consent", "email", "name"]);
    }

    #[test]
    fn fields_and_codes_keep_their_wire_names() {
        for field in Field::ALL {
            let json = serde_json::to_string(&field).unwrap();
            assert_eq!(json, format!("\"{}\"", field.name()));
            assert_eq!(Field::from_name(field.name()), Some(field));
        }
        assert_eq!(
            Field::ALL.map(Field::name),
            ["name", "email", "organisation", "message", "consent"]
        );
        for code in FieldCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.code()));
            assert_eq!(FieldCode::from_code(code.code()), Some(code));
        }
        assert_eq!(Field::from_name("honeypot"), None);
        assert_eq!(FieldCode::from_code("too_short"), None);
    }

    #[test]
    fn emails_normalise_for_uniqueness() {
        assert_eq!(normalise_email("  Jana@Example.CZ "), "jana@example.cz");
    }
}
