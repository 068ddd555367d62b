//! Storing, confirming and erasing applications on PostgreSQL: `store.rs`'s
//! rules, each one transaction, made safe across instances by the database.
//! SQLite serialises every write; here two instances write at once, so a
//! transaction first takes an advisory lock on what it must own: the
//! `Idempotency-Key` (a replay on another instance waits, then reads the
//! first answer) and then the normalised address (two keys for one new
//! address cannot both insert it). Locks are always taken in that order, and
//! released at commit or rollback, also when an instance dies.
//!
//! Long because storing and confirming are each one transaction whose steps
//! rely on each other, as in `store.rs`.

use deadpool_postgres::{Object as Client, Transaction};
use gazette_api::{validation::normalise_email, MemberApplication};
use sha2::{Digest, Sha256};

use super::Cached;

use crate::{
    db::DbError,
    messages::Kind,
    record::Status,
    store::{
        new_token, non_empty, token_hash, ConfirmOutcome, Erased, Policy, StoredResponse,
        SubmitOutcome, KEY_HOURS, RESEND_MINUTES,
    },
};

/// Takes the transaction's advisory lock on `what` (a key or an address).
async fn lock(transaction: &Transaction<'_>, what: &str) -> Result<(), DbError> {
    transaction
        .exec(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[&what],
        )
        .await?;
    Ok(())
}

/// Stores an application exactly once (the rules of `store::submit`).
pub async fn submit(
    client: &mut Client,
    policy: &Policy,
    key: Option<&str>,
    request_hash: &str,
    application: &MemberApplication,
) -> Result<SubmitOutcome, DbError> {
    let transaction = client.transaction().await?;
    if let Some(key) = key {
        lock(&transaction, &format!("idempotency-key:{key}")).await?;
        transaction
            .exec(
                "DELETE FROM idempotency_keys
                 WHERE key = $1 AND created_at < now() - make_interval(hours => $2)",
                &[&key, &KEY_HOURS],
            )
            .await?;
        let earlier = transaction
            .maybe(
                "SELECT request_hash, status, body FROM idempotency_keys WHERE key = $1",
                &[&key],
            )
            .await?;
        if let Some(row) = earlier {
            let hash: String = row.get(0);
            let response = StoredResponse {
                status: row.get::<_, i32>(1) as u16,
                body: row.get(2),
            };
            return Ok(SubmitOutcome::replay(&hash, request_hash, response));
        }
    }

    let receipt = policy.receipt();
    let member_id = if application.honeypot.is_empty() {
        Some(store_member(&transaction, policy, &receipt.id, application).await?)
    } else {
        None
    };
    let response = StoredResponse::created(&receipt);
    if let Some(key) = key {
        transaction
            .exec(
                "INSERT INTO idempotency_keys (key, request_hash, status, body, created_at, member_id)
                 VALUES ($1, $2, $3, $4, now(), $5)",
                &[
                    &key,
                    &request_hash,
                    &i32::from(response.status),
                    &response.body,
                    &member_id,
                ],
            )
            .await?;
    }
    transaction.commit().await?;
    Ok(SubmitOutcome::Respond(response))
}

/// Inserts the applicant, or finds them (the rules of `store::store_member`).
async fn store_member(
    transaction: &Transaction<'_>,
    policy: &Policy,
    new_id: &str,
    application: &MemberApplication,
) -> Result<String, DbError> {
    let email = normalise_email(&application.email);
    lock(transaction, &format!("member:{email}")).await?;
    let existing = transaction
        .maybe(
            "SELECT id, status FROM members WHERE email_normalised = $1",
            &[&email],
        )
        .await?
        .map(|row| (row.get::<_, String>(0), row.get::<_, String>(1)));
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
            transaction
                .exec(
                    "INSERT INTO members (email, name, organisation, message, lang,
                        consent_text, consent_sha256, id, email_normalised, status,
                        consent_at, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), now())",
                    &[
                        &address,
                        &name,
                        &organisation,
                        &message,
                        &lang,
                        &policy.consent_text,
                        &consent_sha256,
                        &new_id,
                        &email,
                        &status.as_str(),
                    ],
                )
                .await?;
            if policy.confirm {
                send_link(transaction, policy, new_id).await?;
            } else {
                notify(transaction, policy, new_id).await?;
            }
            Ok(new_id.to_owned())
        }
        Some((id, status)) if policy.confirm && status == Status::Pending.as_str() => {
            transaction
                .exec(
                    "UPDATE members SET email = $1, name = $2, organisation = $3, message = $4,
                        lang = $5, consent_text = $6, consent_sha256 = $7, consent_at = now()
                     WHERE id = $8",
                    &[
                        &address,
                        &name,
                        &organisation,
                        &message,
                        &lang,
                        &policy.consent_text,
                        &consent_sha256,
                        &id,
                    ],
                )
                .await?;
            let recent: bool = transaction
                .one(
                    "SELECT EXISTS (SELECT 1 FROM confirmations WHERE member_id = $1
                        AND created_at > now() - make_interval(mins => $2))",
                    &[&id, &RESEND_MINUTES],
                )
                .await?
                .get(0);
            if !recent {
                send_link(transaction, policy, &id).await?;
            }
            Ok(id)
        }
        Some((id, _)) => Ok(id),
    }
}

/// Makes a token for the member and queues the e-mail that carries it.
async fn send_link(
    transaction: &Transaction<'_>,
    policy: &Policy,
    member_id: &str,
) -> Result<(), DbError> {
    let token = new_token().map_err(|error| DbError::Randomness(error.to_string()))?;
    transaction
        .exec(
            "INSERT INTO confirmations (token_sha256, member_id, created_at, expires_at)
             VALUES ($1, $2, now(), now() + make_interval(hours => $3))",
            &[&token_hash(&token), &member_id, &(policy.link_hours as i32)],
        )
        .await?;
    let payload = serde_json::json!({ "token": token }).to_string();
    enqueue(transaction, Kind::Confirmation, member_id, &payload).await
}

/// Queues the owner's notifications for a member who now counts.
async fn notify(
    transaction: &Transaction<'_>,
    policy: &Policy,
    member_id: &str,
) -> Result<(), DbError> {
    for kind in &policy.notify {
        enqueue(transaction, *kind, member_id, "{}").await?;
    }
    Ok(())
}

/// Queues a message about `member_id`, due now.
async fn enqueue(
    transaction: &Transaction<'_>,
    kind: Kind,
    member_id: &str,
    payload: &str,
) -> Result<(), DbError> {
    transaction
        .exec(
            "INSERT INTO outbox (member_id, kind, payload, next_attempt_at, created_at)
             VALUES ($1, $2, $3, now(), now())",
            &[&member_id, &kind.as_str(), &payload],
        )
        .await?;
    Ok(())
}

/// Confirms the application whose link carried `token`, once: the member's
/// row is locked, so a link followed on two instances at once confirms (and
/// notifies) once.
pub async fn confirm(
    client: &mut Client,
    policy: &Policy,
    token: &str,
) -> Result<ConfirmOutcome, DbError> {
    let transaction = client.transaction().await?;
    let found = transaction
        .maybe(
            "SELECT c.member_id, m.status, c.expires_at < now()
             FROM confirmations c JOIN members m ON m.id = c.member_id
             WHERE c.token_sha256 = $1
             FOR UPDATE OF m",
            &[&token_hash(token)],
        )
        .await?
        .map(|row| {
            (
                row.get::<_, String>(0),
                row.get::<_, String>(1),
                row.get::<_, bool>(2),
            )
        });
    let outcome = match found {
        None => ConfirmOutcome::Unknown,
        Some((_, status, _)) if status != Status::Pending.as_str() => {
            ConfirmOutcome::AlreadyConfirmed
        }
        Some((_, _, true)) => ConfirmOutcome::Expired,
        Some((member_id, _, false)) => {
            transaction
                .exec(
                    "UPDATE members SET status = $1, confirmed_at = now() WHERE id = $2",
                    &[&Status::Confirmed.as_str(), &member_id],
                )
                .await?;
            transaction
                .exec(
                    "UPDATE confirmations SET used_at = now() WHERE token_sha256 = $1",
                    &[&token_hash(token)],
                )
                .await?;
            notify(&transaction, policy, &member_id).await?;
            ConfirmOutcome::Confirmed
        }
    };
    transaction.commit().await?;
    Ok(outcome)
}

/// Deletes every row that names or points at the member.
async fn erase_member(transaction: &Transaction<'_>, member_id: &str) -> Result<Erased, DbError> {
    let count = |sql: &'static str| async move {
        transaction
            .exec(sql, &[&member_id])
            .await
            .map(|rows| rows as usize)
    };
    Ok(Erased {
        idempotency_records: count(
            "DELETE FROM idempotency_keys WHERE member_id = $1
               OR (member_id IS NULL AND strpos(body, $1) > 0)",
        )
        .await?,
        confirmation_links: count("DELETE FROM confirmations WHERE member_id = $1").await?,
        messages: count("DELETE FROM outbox WHERE member_id = $1").await?,
        applications: count("DELETE FROM members WHERE id = $1").await?,
    })
}

/// Erases the person with this address, then vacuums the tables so that the
/// space their rows took is reused (docs/deploy.md says what that does and
/// does not overwrite).
pub async fn erase(client: &mut Client, email: &str) -> Result<Option<Erased>, DbError> {
    let email = normalise_email(email);
    let transaction = client.transaction().await?;
    lock(&transaction, &format!("member:{email}")).await?;
    let id: Option<String> = transaction
        .maybe(
            "SELECT id FROM members WHERE email_normalised = $1",
            &[&email],
        )
        .await?
        .map(|row| row.get(0));
    let erased = match id {
        Some(id) => Some(erase_member(&transaction, &id).await?),
        None => None,
    };
    transaction.commit().await?;
    if erased.is_some() {
        client
            .batch_execute("VACUUM members, idempotency_keys, confirmations, outbox")
            .await?;
    }
    Ok(erased)
}

/// Erases the applications left pending for longer than `days`, and the
/// idempotency records older than their lifetime: how many applications went.
pub async fn forget_unconfirmed(client: &mut Client, days: u32) -> Result<usize, DbError> {
    let transaction = client.transaction().await?;
    let ids: Vec<String> = transaction
        .all(
            "SELECT id FROM members WHERE status = $1
               AND created_at < now() - make_interval(days => $2)
             FOR UPDATE SKIP LOCKED",
            &[
                &Status::Pending.as_str(),
                &(days.min(i32::MAX as u32) as i32),
            ],
        )
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    for id in &ids {
        erase_member(&transaction, id).await?;
    }
    transaction
        .exec(
            "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)",
            &[&KEY_HOURS],
        )
        .await?;
    transaction.commit().await?;
    Ok(ids.len())
}
