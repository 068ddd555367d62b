//! The outbox: every message the server owes (a confirmation link, the
//! owner's e-mail, a webhook call) is a row written in the same transaction
//! as the application it is about, and one worker sends the rows that are
//! due, retrying with backoff. A relay that is down loses nothing, and a
//! restart sends what was not sent. A row is marked sent after the relay or
//! the receiver accepted it, so a crash between the two could send it twice,
//! never zero times.
//!
//! Long because the queue's rows, the worker's loop and the backoff are one
//! mechanism: each step relies on what the last wrote.

use std::{sync::Arc, time::Duration};

use rusqlite::{params, Connection, OptionalExtension};
use tokio::sync::Notify;

use gazette_render::SiteUrl;

use crate::{
    db::{Database, NOW},
    mail::{self, Mailer},
    messages::{Failure, Kind},
    record::MemberRecord,
    store,
    webhook::Webhook,
};

/// After this many failed attempts a message is given up (about a day with
/// the default 30-second base: 30 s doubling to an hour, then hourly).
pub const MAX_ATTEMPTS: u32 = 30;
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// How often the worker looks even when nothing woke it: retention runs then.
const IDLE_CHECK: Duration = Duration::from_secs(60);
/// The pause after the database failed the worker.
const DATABASE_PAUSE: Duration = Duration::from_secs(5);

/// A message that is due.
#[derive(Debug)]
struct Job {
    id: i64,
    kind: Option<Kind>,
    payload: String,
    attempts: u32,
    member: MemberRecord,
}

/// Who the worker sends through, and what the messages say about the site.
pub struct Senders {
    pub mailer: Option<Mailer>,
    pub notify_email: Option<String>,
    pub webhook: Option<Webhook>,
    pub site_name: String,
    pub site_lang: String,
    pub site_url: SiteUrl,
    pub link_hours: u32,
}

impl Senders {
    async fn deliver(&self, job: &Job) -> Result<(), Failure> {
        let member = &job.member;
        match (job.kind, &self.mailer, &self.webhook) {
            (Some(Kind::Confirmation), Some(mailer), _) => {
                let token = serde_json::from_str::<serde_json::Value>(&job.payload)
                    .ok()
                    .and_then(|payload| payload["token"].as_str().map(str::to_owned))
                    .ok_or_else(|| Failure::permanent("the queued link has no token"))?;
                let link = self
                    .site_url
                    .page(&format!("{}?token={token}", gazette_api::CONFIRMATION_PAGE));
                let letter = mail::confirmation(
                    member.lang.as_deref().unwrap_or(&self.site_lang),
                    &self.site_name,
                    &member.name,
                    &link,
                    self.link_hours,
                );
                mailer.send(&member.email, &member.name, letter).await
            }
            (Some(Kind::NotifyEmail), Some(mailer), _) => {
                let to = self.notify_email.as_deref().unwrap_or_default();
                let letter = mail::notification(&self.site_lang, &self.site_name, member);
                mailer.send(to, &self.site_name, letter).await
            }
            (Some(Kind::Webhook), _, Some(webhook)) => webhook.deliver(job.id, member).await,
            _ => Err(Failure::transient(
                "nothing is configured to send this (start the server with the flag it needs)",
            )),
        }
    }
}

/// How quickly failed messages are retried.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// The wait after the first failure; it doubles after each.
    pub base: Duration,
}

impl Retry {
    /// The wait after `attempts` failed attempts.
    pub fn after(self, attempts: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
        self.base.saturating_mul(factor).min(MAX_BACKOFF)
    }
}

/// Sends what is due, forever: woken by `wake` when a message is queued, and
/// at least every minute, when it also erases applications left unconfirmed
/// longer than `pending_days`.
pub async fn run(
    database: Database,
    senders: Arc<Senders>,
    wake: Arc<Notify>,
    retry: Retry,
    pending_days: u32,
) {
    loop {
        let forgotten = database
            .run(move |connection| store::forget_unconfirmed(connection, pending_days))
            .await;
        match forgotten {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "erased applications left unconfirmed"),
            Err(error) => tracing::error!(%error, "erasing unconfirmed applications failed"),
        }
        if let Err(error) = send_due(&database, &senders, retry).await {
            tracing::error!(%error, "the outbox could not be read");
            // A database that fails (a full disk) is not asked again at once.
            tokio::time::sleep(DATABASE_PAUSE).await;
        }
        let wait = database
            .run(next_due_in)
            .await
            .ok()
            .flatten()
            .unwrap_or(IDLE_CHECK)
            .min(IDLE_CHECK);
        tokio::select! {
            _ = wake.notified() => {},
            _ = tokio::time::sleep(wait) => {},
        }
    }
}

async fn send_due(
    database: &Database,
    senders: &Senders,
    retry: Retry,
) -> Result<(), crate::db::DbError> {
    while let Some(job) = database.run(take_due).await? {
        let result = senders.deliver(&job).await;
        let (id, attempts, kind) = (job.id, job.attempts + 1, job.kind);
        if let Err(failure) = &result {
            tracing::warn!(id, ?kind, attempts, error = %failure.message, "a message was not sent");
        }
        database
            .run(move |connection| record(connection, id, attempts, result, retry))
            .await?;
    }
    Ok(())
}

/// The earliest due message, with its member.
fn take_due(connection: &mut Connection) -> rusqlite::Result<Option<Job>> {
    connection
        .query_row(
            &format!(
                "SELECT o.id, o.kind, o.payload, o.attempts, {}
                 FROM outbox o JOIN members m ON m.id = o.member_id
                 WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= {NOW}
                 ORDER BY o.next_attempt_at LIMIT 1",
                MemberRecord::COLUMNS_OF_M
            ),
            [],
            |row| {
                Ok(Job {
                    id: row.get(0)?,
                    kind: Kind::parse(&row.get::<_, String>(1)?),
                    payload: row.get(2)?,
                    attempts: row.get(3)?,
                    member: MemberRecord::from_row(row, 4)?,
                })
            },
        )
        .optional()
}

/// Notes an attempt: sent (and the token forgotten), or due again later, or
/// given up.
fn record(
    connection: &mut Connection,
    id: i64,
    attempts: u32,
    result: Result<(), Failure>,
    retry: Retry,
) -> rusqlite::Result<()> {
    match result {
        Ok(()) => connection.execute(
            &format!(
                "UPDATE outbox SET sent_at = {NOW}, attempts = ?2, payload = '', last_error = NULL
                 WHERE id = ?1"
            ),
            params![id, attempts],
        ),
        Err(failure) if failure.permanent || attempts >= MAX_ATTEMPTS => {
            tracing::error!(id, attempts, error = %failure.message, "a message was given up");
            connection.execute(
                &format!(
                    "UPDATE outbox SET failed_at = {NOW}, attempts = ?2, payload = '', last_error = ?3
                     WHERE id = ?1"
                ),
                params![id, attempts, failure.message],
            )
        }
        Err(failure) => connection.execute(
            "UPDATE outbox SET attempts = ?2, last_error = ?3,
                next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?4)
             WHERE id = ?1",
            params![
                id,
                attempts,
                failure.message,
                format!("+{:.3} seconds", retry.after(attempts).as_secs_f64())
            ],
        ),
    }?;
    Ok(())
}

/// How long until the next message is due, if any is waiting.
fn next_due_in(connection: &mut Connection) -> rusqlite::Result<Option<Duration>> {
    let seconds: Option<f64> = connection.query_row(
        "SELECT (julianday(MIN(next_attempt_at)) - julianday('now')) * 86400.0
         FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
        [],
        |row| row.get(0),
    )?;
    Ok(seconds.map(|seconds| Duration::from_secs_f64(seconds.max(0.0))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_from_the_base_up_to_an_hour() {
        let retry = Retry {
            base: Duration::from_secs(30),
        };
        let waits: Vec<u64> = (1..=9).map(|n| retry.after(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retry.after(MAX_ATTEMPTS + 100), MAX_BACKOFF);
    }
}
