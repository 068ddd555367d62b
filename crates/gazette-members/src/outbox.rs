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

use tokio::sync::Notify;

use gazette_render::SiteUrl;

use crate::{
    backend::MemberStore,
    db::DbError,
    mail::{self, Mailer},
    messages::{Attempt, Failure, Job, Kind},
    webhook::Webhook,
};

/// After this many failed attempts a message is given up (about a day with
/// the default 30-second base: 30 s doubling to an hour, then hourly).
pub const MAX_ATTEMPTS: u32 = 30;
/// How often the worker looks even when nothing woke it: retention runs then.
const IDLE_CHECK: Duration = Duration::from_secs(60);
/// The pause after the database failed the worker.
const DATABASE_PAUSE: Duration = Duration::from_secs(5);

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

/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

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
    store: Arc<dyn MemberStore>,
    senders: Arc<Senders>,
    wake: Arc<Notify>,
    retry: Retry,
    pending_days: u32,
) {
    loop {
        let forgotten = store.forget_unconfirmed(pending_days).await;
        match forgotten {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "erased applications left unconfirmed"),
            Err(error) => tracing::error!(%error, "erasing unconfirmed applications failed"),
        }
        if let Err(error) = send_due(store.as_ref(), &senders, retry).await {
            tracing::error!(%error, "the outbox could not be read");
            // A database that fails (a full disk) is not asked again at once.
            tokio::time::sleep(DATABASE_PAUSE).await;
        }
        let wait = store
            .next_due_in()
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

async fn send_due(store: &dyn MemberStore, senders: &Senders, retry: Retry) -> Result<(), DbError> {
    while let Some(job) = store.take_due().await? {
        let result = senders.deliver(&job).await;
        let (id, attempts, kind) = (job.id, job.attempts + 1, job.kind);
        if let Err(failure) = &result {
            tracing::warn!(id, ?kind, attempts, error = %failure.message, "a message was not sent");
        }
        let outcome = attempt(result, attempts, retry);
        if let Attempt::GivenUp(error) = &outcome {
            tracing::error!(id, attempts, %error, "a message was given up");
        }
        store.record(id, attempts, outcome).await?;
    }
    Ok(())
}

/// What the `attempts`th attempt's result means: sent, to be retried after
/// the backoff, or given up (a permanent failure, or too many attempts).
fn attempt(result: Result<(), Failure>, attempts: u32, retry: Retry) -> Attempt {
    match result {
        Ok(()) => Attempt::Sent,
        Err(failure) if failure.permanent || attempts >= MAX_ATTEMPTS => {
            Attempt::GivenUp(failure.message)
        }
        Err(failure) => Attempt::Retry {
            error: failure.message,
            after: retry.after(attempts),
        },
    }
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

    #[test]
    fn a_failure_is_retried_until_it_is_permanent_or_too_often() {
        let retry = Retry {
            base: Duration::from_secs(30),
        };
        assert_eq!(attempt(Ok(()), 1, retry), Attempt::Sent);
        assert_eq!(
            attempt(Err(Failure::transient("down")), 2, retry),
            Attempt::Retry {
                error: "down".to_owned(),
                after: Duration::from_secs(60)
            }
        );
        assert_eq!(
            attempt(Err(Failure::permanent("no such address")), 1, retry),
            Attempt::GivenUp("no such address".to_owned())
        );
        assert_eq!(
            attempt(Err(Failure::transient("down")), MAX_ATTEMPTS, retry),
            Attempt::GivenUp("down".to_owned())
        );
    }
}
