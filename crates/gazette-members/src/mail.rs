//! E-mail through the owner's SMTP relay (`--smtp-url`), and the letters the
//! server writes: the applicant's confirmation link in their language, and
//! the owner's notice of a new member.
//!
//! Long because the letters are here in English, Czech and Ukrainian, side
//! by side, so that none can be missing.

use std::time::Duration;

use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use crate::{messages::Failure, record::MemberRecord, ConfigError};

/// The languages the e-mails are written in.
pub const MAIL_LANGS: [&str; 3] = ["en", "cs", "uk"];

/// How long one conversation with the relay may take.
const RELAY_TIMEOUT: Duration = Duration::from_secs(20);

/// A subject and a plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

/// A relay and the sender's address.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `smtp://user:pass@host:587` (STARTTLS required), `smtps://…:465`
    /// (implicit TLS), or `smtp://host:25?tls=none` for a relay on the same
    /// machine or network that takes no TLS; `from` as `Name <address>`.
    pub fn new(url: &str, from: &str) -> Result<Mailer, ConfigError> {
        let from: Mailbox = from.parse().map_err(|error| ConfigError::MailFrom {
            from: from.to_owned(),
            error,
        })?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&lettre_url(url))?
            .timeout(Some(RELAY_TIMEOUT))
            .build();
        Ok(Mailer { transport, from })
    }

    /// Sends one letter to `address`, naming the recipient `name`.
    pub async fn send(&self, address: &str, name: &str, letter: Letter) -> Result<(), Failure> {
        let address = address.parse().map_err(|error| {
            Failure::permanent(format!("not an address the relay takes: {error}"))
        })?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(Some(name.to_owned()), address))
            .subject(letter.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(letter.body)
            .map_err(|error| {
                Failure::permanent(format!("the message could not be built: {error}"))
            })?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(Failure::permanent(error.to_string())),
            Err(error) => Err(Failure::transient(error.to_string())),
        }
    }
}

/// The URL as lettre reads it: plain `smtp://` means STARTTLS required here
/// (lettre's own default would send the password in the clear), and
/// `tls=none` asks for no TLS at all.
fn lettre_url(url: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let others: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("tls="))
        .collect();
    let tls = query.split('&').find_map(|pair| pair.strip_prefix("tls="));
    let tls = match (base.starts_with("smtp://"), tls) {
        (true, None) => Some("required"),
        (_, Some("none")) => None,
        (_, tls) => tls,
    };
    let pairs: Vec<String> = others
        .into_iter()
        .map(str::to_owned)
        .chain(tls.map(|tls| format!("tls={tls}")))
        .collect();
    if pairs.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", pairs.join("&"))
    }
}

/// The applicant's letter: the link that confirms their application.
pub fn confirmation(lang: &str, site: &str, name: &str, link: &str, hours: u32) -> Letter {
    let (subject, body) = match lang {
        "cs" => (
            format!("Potvrďte svou přihlášku: {site}"),
            format!(
                "Dobrý den, {name},\n\nděkujeme za přihlášku do {site}. Abyste potvrdili, \
                 že tato adresa patří vám, otevřete do {hours} hodin tento odkaz:\n\n{link}\n\n\
                 Pokud jste se nepřihlásili, tuto zprávu ignorujte: nepotvrzená přihláška \
                 bude smazána.\n\n{site}\n"
            ),
        ),
        "uk" => (
            format!("Підтвердьте свою заявку: {site}"),
            format!(
                "Вітаємо, {name}!\n\nДякуємо за заявку на вступ до {site}. Щоб підтвердити, \
                 що ця адреса належить вам, відкрийте це посилання протягом {hours} годин:\n\n\
                 {link}\n\nЯкщо ви не подавали заявку, не зважайте на цей лист: \
                 непідтверджену заявку буде видалено.\n\n{site}\n"
            ),
        ),
        _ => (
            format!("Confirm your application: {site}"),
            format!(
                "Hello {name},\n\nthank you for applying to join {site}. To confirm that this \
                 address is yours, open this link within {hours} hours:\n\n{link}\n\n\
                 If you did not apply, ignore this message: an application that is not \
                 confirmed is deleted.\n\n{site}\n"
            ),
        ),
    };
    Letter { subject, body }
}

/// The owner's letter: who applied, with everything they wrote.
pub fn notification(lang: &str, site: &str, member: &MemberRecord) -> Letter {
    let labels = match lang {
        "cs" => [
            "Nový člen",
            "Jméno",
            "E-mail",
            "Organizace",
            "Zpráva",
            "Přihláška",
            "Potvrzeno",
        ],
        "uk" => [
            "Новий член",
            "Ім’я",
            "E-mail",
            "Організація",
            "Повідомлення",
            "Заявка",
            "Підтверджено",
        ],
        _ => [
            "New member",
            "Name",
            "Email",
            "Organisation",
            "Message",
            "Applied",
            "Confirmed",
        ],
    };
    let [title, name, email, organisation, message, applied, confirmed] = labels;
    let mut body = format!(
        "{title} ({site})\n\n{name}: {}\n{email}: {}\n",
        member.name, member.email
    );
    let optional = [
        (organisation, member.organisation.as_deref()),
        (applied, Some(member.created_at.as_str())),
        (confirmed, member.confirmed_at.as_deref()),
        (message, member.message.as_deref()),
    ];
    for (label, value) in optional {
        if let Some(value) = value {
            body.push_str(&format!("{label}: {value}\n"));
        }
    }
    Letter {
        subject: format!("{title}: {}", member.name),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_smtp_requires_starttls_unless_told_otherwise() {
        assert_eq!(
            lettre_url("smtp://u:p@relay.example.org:587"),
            "smtp://u:p@relay.example.org:587?tls=required"
        );
        assert_eq!(
            lettre_url("smtp://127.0.0.1:2525?tls=none"),
            "smtp://127.0.0.1:2525"
        );
        assert_eq!(
            lettre_url("smtp://relay:25?tls=opportunistic"),
            "smtp://relay:25?tls=opportunistic"
        );
        assert_eq!(lettre_url("smtps://u:p@relay:465"), "smtps://u:p@relay:465");
    }

    #[test]
    fn the_link_is_in_every_language_with_its_lifetime() {
        for lang in MAIL_LANGS {
            let letter = confirmation(
                lang,
                "Prague Forum",
                "Jana",
                "https://x.org/join/confirm?token=t",
                72,
            );
            assert!(
                letter.body.contains("https://x.org/join/confirm?token=t"),
                "{lang}"
            );
            assert!(letter.body.contains("72"), "{lang}");
            assert!(letter.subject.contains("Prague Forum"), "{lang}");
        }
        assert_ne!(
            confirmation("cs", "S", "J", "l", 1).subject,
            confirmation("en", "S", "J", "l", 1).subject
        );
    }
}
