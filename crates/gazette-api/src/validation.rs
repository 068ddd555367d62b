//! The rules for a [`MemberApplication`], shared by the server and the join form
//! so that the two can never disagree.

use email_address::EmailAddress;

use crate::{FieldErrors, MemberApplication};

/// The most characters a name may have, after trimming.
pub const NAME_MAX_CHARS: usize = 100;
/// The most characters an email address may have.
pub const EMAIL_MAX_CHARS: usize = 254;
/// The most characters an organisation may have.
pub const ORGANISATION_MAX_CHARS: usize = 200;
/// The most characters a message may have.
pub const MESSAGE_MAX_CHARS: usize = 2000;

/// The per-field error codes that [`validate_application`] reports.
pub mod field_codes {
    /// The field is required and empty.
    pub const REQUIRED: &str = "required";
    /// The field is longer than its limit.
    pub const TOO_LONG: &str = "too_long";
    /// The email address is not valid.
    pub const INVALID_EMAIL: &str = "invalid_email";
    /// The consent box was not ticked.
    pub const CONSENT_REQUIRED: &str = "consent_required";
}

/// The form fields, by the names used in [`FieldErrors`].
pub mod fields {
    /// The applicant's name.
    pub const NAME: &str = "name";
    /// The applicant's email.
    pub const EMAIL: &str = "email";
    /// The applicant's organisation.
    pub const ORGANISATION: &str = "organisation";
    /// The applicant's message.
    pub const MESSAGE: &str = "message";
    /// The consent checkbox.
    pub const CONSENT: &str = "consent";
}

/// Checks an application against every rule; `Err` lists the codes per field.
///
/// The honeypot is not checked here: a filled honeypot is accepted and dropped
/// by the server, so that bots learn nothing.
pub fn validate_application(application: &MemberApplication) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut add = |field: &str, code: &str| {
        errors
            .entry(field.to_owned())
            .or_default()
            .push(code.to_owned());
    };

    let name = application.name.trim();
    if name.is_empty() {
        add(fields::NAME, field_codes::REQUIRED);
    } else if name.chars().count() > NAME_MAX_CHARS {
        add(fields::NAME, field_codes::TOO_LONG);
    }

    if let Some(code) = email_error(&application.email) {
        add(fields::EMAIL, code);
    }

    let organisation = application.organisation.as_deref().unwrap_or("");
    if organisation.trim().chars().count() > ORGANISATION_MAX_CHARS {
        add(fields::ORGANISATION, field_codes::TOO_LONG);
    }

    let message = application.message.as_deref().unwrap_or("");
    if message.chars().count() > MESSAGE_MAX_CHARS {
        add(fields::MESSAGE, field_codes::TOO_LONG);
    }

    if !application.consent {
        add(fields::CONSENT, field_codes::CONSENT_REQUIRED);
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
fn email_error(email: &str) -> Option<&'static str> {
    let email = email.trim();
    if email.is_empty() {
        return Some(field_codes::REQUIRED);
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Some(field_codes::TOO_LONG);
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(field_codes::INVALID_EMAIL);
    }
    let options = email_address::Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        ..email_address::Options::default()
    };
    match EmailAddress::parse_with_options(email, options) {
        Ok(address) if !address.domain().ends_with('.') => None,
        _ => Some(field_codes::INVALID_EMAIL),
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
            .and_then(|errors| errors.get(field).cloned())
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
        let fields: Vec<_> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["consent", "email", "name"]);
    }

    #[test]
    fn emails_normalise_for_uniqueness() {
        assert_eq!(normalise_email("  Jana@Example.CZ "), "jana@example.cz");
    }
}
