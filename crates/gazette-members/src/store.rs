//! What the membership rows mean: an application stored exactly once per
//! `Idempotency-Key`, as `pending` until its link is followed when the server
//! can send e-mail, and the messages it calls for queued in the same
//! transaction, so that a stored application never misses its e-mail.
//!
//! Long because storing and confirming are each one transaction whose steps
//! rely on each other.

use gazette_api::{member_status, validation::normalise_email, MemberAccepted, MemberApplication};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::{db::NOW, mail, messages::Kind, record::Status};

/// What the server does with an application, from its flags and the site.
#[derive(Debug, Clone)]
pub struct Policy {
    /// A relay is configured: applications wait for their link.
    pub confirm: bool,
    /// The notifications an application that counts calls for.
    pub notify: Vec<Kind>,
    /// The consent text the form shows (from the site), kept with each
    /// application as evidence with its SHA-256.
    pub consent_text: String,
    /// How long a confirmation link works.
    pub link_hours: u32,
    /// The site's language: the e-mails' when the applicant's is unknown.
    pub site_lang: String,
}

impl Policy {
    /// A new application's receipt: a new id, and the status it starts in
    /// (waiting for its link when the server can send one).
    pub fn receipt(&self) -> MemberAccepted {
        MemberAccepted {
            id: uuid::Uuid::new_v4().to_string(),
            status: if self.confirm {
                member_status::PENDING_CONFIRMATION
            } else {
                member_status::RECEIVED
            }
            .to_owned(),
        }
    }

    /// The language to write to the applicant in: theirs when the e-mails
    /// speak it, else the site's (or English).
    pub fn lang_of(&self, application: &MemberApplication) -> String {
        let spoken = |tag: &str| {
            let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
            mail::MAIL_LANGS
                .into_iter()
                .find(|lang| lang.eq_ignore_ascii_case(primary))
        };
        application
            .lang
            .as_deref()
            .and_then(spoken)
            .or_else(|| spoken(&self.site_lang))
            .unwrap_or("en")
            .to_owned()
    }
}

/// How many hours an `Idempotency-Key` is remembered. After them the key may
/// be used again (the IETF Idempotency-Key draft lets a server choose and
/// publish this; docs/api.md says 24 hours).
pub const KEY_HOURS: i32 = 24;

/// A second application for a pending address sends a new link only when the
/// last was made more minutes ago than this: a form cannot flood someone's
/// inbox.
pub const RESEND_MINUTES: i32 = 10;

/// A response kept for an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    pub body: String,
}

impl StoredResponse {
    /// The `201` that a new application's receipt is sent with.
    pub fn created(receipt: &MemberAccepted) -> StoredResponse {
        StoredResponse {
            status: 201,
            body: serde_json::to_string(receipt).unwrap_or_default(),
        }
    }
}

/// What storing an application came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// The response to send: new, or the one this key got before.
    Respond(StoredResponse),
    /// The key was used before with a different request body.
    KeyReusedWithOtherBody,
}

impl SubmitOutcome {
    /// A key seen before: its first answer again for the same body (the
    /// request's hash), refused for another.
    pub fn replay(
        stored_hash: &str,
        request_hash: &str,
        response: StoredResponse,
    ) -> SubmitOutcome {
        if stored_hash == request_hash {
            SubmitOutcome::Respond(response)
        } else {
            SubmitOutcome::KeyReusedWithOtherBody
        }
    }
}

/// What following a confirmation link came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmOutcome {
    Confirmed,
    AlreadyConfirmed,
    Expired,
    Unknown,
}

/// The SHA-256 of a token, in hex: only this is stored, so that the file
/// alone cannot confirm anyone.
pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// A new confirmation token: 32 random bytes, base64url.
pub fn new_token() -> Result<String, getrandom::Error> {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// Stores an application that passed validation, exactly once.
///
/// A known key with the same `request_hash` gets its first response back and
/// stores nothing. An email already on the list, or a filled honeypot, gets a
/// normal receipt and stores no new row: whether someone is a member is not
/// revealed.
pub fn submit(
    connection: &mut Connection,
    policy: &Policy,
    key: Option<&str>,
    request_hash: &str,
    application: &MemberApplication,
) -> rusqlite::Result<SubmitOutcome> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    transaction.execute(
        "DELETE FROM idempotency_keys
         WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?1)",
        [format!("-{KEY_HOURS} hours")],
    )?;
    if let Some(key) = key {
        let earlier = transaction
            .query_row(
                "SELECT request_hash, status, body FROM idempotency_keys WHERE key = ?1",
                [key],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        StoredResponse {
                            status: row.get(1)?,
                            body: row.get(2)?,
                        },
                    ))
                },
            )
            .optional()?;
        if let Some((hash, response)) = earlier {
            return Ok(SubmitOutcome::replay(&hash, request_hash, response));
        }
    }

    let receipt = policy.receipt();
    let member_id = if application.honeypot.is_empty() {
        Some(store_member(
            &transaction,
            policy,
            &receipt.id,
            application,
        )?)
    } else {
        None
    };
    let response = StoredResponse::created(&receipt);
    if let Some(key) = key {
        transaction.execute(
            &format!(
                "INSERT INTO idempotency_keys (key, request_hash, status, body, created_at, member_id)
                 VALUES (?1, ?2, ?3, ?4, {NOW}, ?5)"
            ),
            params![key, request_hash, response.status, response.body, member_id],
        )?;
    }
    transaction.commit()?;
    Ok(SubmitOutcome::Respond(response))
}

/// Inserts the applicant, or finds them: returns the member's id. A new
/// applicant gets a link (or, with no relay, the owner hears at once); a
/// pending one gets their details updated and, now and then, a new link.
fn store_member(
    transaction: &Transaction,
    policy: &Policy,
    new_id: &str,
    application: &MemberApplication,
) -> rusqlite::Result<String> {
    let email = normalise_email(&application.email);
    let existing = transaction
        .query_row(
            "SELECT id, status FROM members WHERE email_normalised = ?1",
            [&email],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
        )
        .optional()?;
    let lang = policy.lang_of(application);
    let consent_sha256 = format!("{:x}", Sha256::digest(policy.consent_text.as_bytes()));
    let (address, name) = (application.email.trim(), application.name.trim());
    let organisation = non_empty(application.organisation.as_deref());
    let message = non_empty(application.message.as_deref());
    match existing {
        None => {
            let status = if policy.confirm {
                Status::Pending
            } else {
                Status::Received
            };
            transaction.execute(
                &format!(
                    "INSERT INTO members (email, name, organisation, message, lang,
                        consent_text, consent_sha256, id, email_normalised, status,
                        consent_at, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, {NOW}, {NOW})"
                ),
                params![
                    address,
                    name,
                    organisation,
                    message,
                    lang,
                    policy.consent_text,
                    consent_sha256,
                    new_id,
                    email,
                    status.as_str()
                ],
            )?;
            if policy.confirm {
                send_link(transaction, policy, new_id)?;
            } else {
                notify(transaction, policy, new_id)?;
            }
            Ok(new_id.to_owned())
        }
        Some((id, status)) if policy.confirm && status == Status::Pending.as_str() => {
            transaction.execute(
                &format!(
                    "UPDATE members SET email = ?1, name = ?2, organisation = ?3, message = ?4,
                        lang = ?5, consent_text = ?6, consent_sha256 = ?7, consent_at = {NOW}
                     WHERE id = ?8"
                ),
                params![
                    address,
                    name,
                    organisation,
                    message,
                    lang,
                    policy.consent_text,
                    consent_sha256,
                    id
                ],
            )?;
            let recent: bool = transaction.query_row(
                "SELECT EXISTS (SELECT 1 FROM confirmations WHERE member_id = ?1
                    AND created_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?2))",
                params![id, format!("-{RESEND_MINUTES} minutes")],
                |row| row.get(0),
            )?;
            if !recent {
                send_link(transaction, policy, &id)?;
            }
            Ok(id)
        }
        Some((id, _)) => Ok(id),
    }
}

/// Makes a token for the member and queues the e-mail that carries it. The
/// outbox keeps the token only until the message is sent.
fn send_link(transaction: &Transaction, policy: &Policy, member_id: &str) -> rusqlite::Result<()> {
    let token = new_token().map_err(|error| {
        rusqlite::Error::ToSqlConversionFailure(format!("no randomness: {error}").into())
    })?;
    transaction.execute(
        &format!(
            "INSERT INTO confirmations (token_sha256, member_id, created_at, expires_at)
             VALUES (?1, ?2, {NOW}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?3))"
        ),
        params![
            token_hash(&token),
            member_id,
            format!("+{} hours", policy.link_hours)
        ],
    )?;
    let payload = serde_json::json!({ "token": token }).to_string();
    Kind::Confirmation.enqueue(transaction, member_id, &payload)
}

/// Queues the owner's notifications for a member who now counts.
fn notify(transaction: &Transaction, policy: &Policy, member_id: &str) -> rusqlite::Result<()> {
    for kind in &policy.notify {
        kind.enqueue(transaction, member_id, "{}")?;
    }
    Ok(())
}

/// Confirms the application whose link carried `token`, once.
pub fn confirm(
    connection: &mut Connection,
    policy: &Policy,
    token: &str,
) -> rusqlite::Result<ConfirmOutcome> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = transaction
        .query_row(
            &format!(
                "SELECT c.member_id, m.status, c.expires_at < {NOW}
                 FROM confirmations c JOIN members m ON m.id = c.member_id
                 WHERE c.token_sha256 = ?1"
            ),
            [token_hash(token)],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, bool>(2)?,
                ))
            },
        )
        .optional()?;
    let outcome = match found {
        None => ConfirmOutcome::Unknown,
        Some((_, status, _)) if status != Status::Pending.as_str() => {
            ConfirmOutcome::AlreadyConfirmed
        }
        Some((_, _, true)) => ConfirmOutcome::Expired,
        Some((member_id, _, false)) => {
            transaction.execute(
                &format!("UPDATE members SET status = ?1, confirmed_at = {NOW} WHERE id = ?2"),
                params![Status::Confirmed.as_str(), member_id],
            )?;
            transaction.execute(
                &format!("UPDATE confirmations SET used_at = {NOW} WHERE token_sha256 = ?1"),
                [token_hash(token)],
            )?;
            notify(&transaction, policy, &member_id)?;
            ConfirmOutcome::Confirmed
        }
    };
    transaction.commit()?;
    Ok(outcome)
}

/// Deletes every row that names or points at the member, in one transaction;
/// returns how many rows of each kind went.
pub fn erase_member(transaction: &Transaction, member_id: &str) -> rusqlite::Result<Erased> {
    let count = |sql: &str| transaction.execute(sql, [member_id]);
    Ok(Erased {
        idempotency_records: count(
            // Records from before they were linked to a member carry its id
            // in their receipt.
            "DELETE FROM idempotency_keys WHERE member_id = ?1
               OR (member_id IS NULL AND instr(body, ?1) > 0)",
        )?,
        confirmation_links: count("DELETE FROM confirmations WHERE member_id = ?1")?,
        messages: count("DELETE FROM outbox WHERE member_id = ?1")?,
        applications: count("DELETE FROM members WHERE id = ?1")?,
    })
}

/// What erasing removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    pub applications: usize,
    pub confirmation_links: usize,
    pub messages: usize,
    pub idempotency_records: usize,
}

impl Erased {
    pub fn add(&mut self, other: Erased) {
        self.applications += other.applications;
        self.confirmation_links += other.confirmation_links;
        self.messages += other.messages;
        self.idempotency_records += other.idempotency_records;
    }
}

/// Erases the applications left pending for longer than `days`: returns how
/// many went.
pub fn forget_unconfirmed(connection: &mut Connection, days: u32) -> rusqlite::Result<usize> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let ids: Vec<String> = {
        let mut statement = transaction.prepare(
            "SELECT id FROM members WHERE status = ?1
               AND created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?2)",
        )?;
        let rows = statement.query_map(
            params![Status::Pending.as_str(), format!("-{days} days")],
            |row| row.get(0),
        )?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in &ids {
        erase_member(&transaction, id)?;
    }
    transaction.commit()?;
    Ok(ids.len())
}

/// A trimmed optional field, or `None` when it is blank.
pub fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}
