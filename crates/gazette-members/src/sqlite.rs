//! [`MemberStore`] on the SQLite file ([`Database`]): each method one
//! transaction on the one connection, in a blocking task. The SQL of the
//! outbox and of the owner's commands is here; that of storing and
//! confirming an application is `store.rs`'s.

use std::{sync::Arc, time::Duration};

use gazette_api::{validation::normalise_email, MemberApplication};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::{
    backend::{MemberStore, Pending},
    db::{Database, NOW},
    messages::{Attempt, Job, Kind},
    record::{Filter, MemberRecord, Status},
    store::{self, ConfirmOutcome, Erased, Policy, SubmitOutcome},
};

impl MemberStore for Database {
    fn submit(
        &self,
        policy: Arc<Policy>,
        key: Option<String>,
        request_hash: String,
        application: MemberApplication,
    ) -> Pending<'_, SubmitOutcome> {
        Box::pin(self.run(move |connection| {
            store::submit(
                connection,
                &policy,
                key.as_deref(),
                &request_hash,
                &application,
            )
        }))
    }

    fn confirm(&self, policy: Arc<Policy>, token: String) -> Pending<'_, ConfirmOutcome> {
        Box::pin(self.run(move |connection| store::confirm(connection, &policy, &token)))
    }

    fn forget_unconfirmed(&self, days: u32) -> Pending<'_, usize> {
        Box::pin(self.run(move |connection| store::forget_unconfirmed(connection, days)))
    }

    fn take_due(&self) -> Pending<'_, Option<Job>> {
        Box::pin(self.run(take_due))
    }

    fn record(&self, id: i64, attempts: u32, outcome: Attempt) -> Pending<'_, ()> {
        Box::pin(self.run(move |connection| record(connection, id, attempts, outcome)))
    }

    fn next_due_in(&self) -> Pending<'_, Option<Duration>> {
        Box::pin(self.run(next_due_in))
    }

    fn select(&self, filter: Filter) -> Pending<'_, Vec<MemberRecord>> {
        Box::pin(self.run(move |connection| select(connection, &filter)))
    }

    fn erase(&self, email: String) -> Pending<'_, Option<Erased>> {
        Box::pin(self.run(move |connection| erase(connection, &email)))
    }
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
    outcome: Attempt,
) -> rusqlite::Result<()> {
    match outcome {
        Attempt::Sent => connection.execute(
            &format!(
                "UPDATE outbox SET sent_at = {NOW}, attempts = ?2, payload = '', last_error = NULL
                 WHERE id = ?1"
            ),
            params![id, attempts],
        ),
        Attempt::GivenUp(error) => connection.execute(
            &format!(
                "UPDATE outbox SET failed_at = {NOW}, attempts = ?2, payload = '', last_error = ?3
                 WHERE id = ?1"
            ),
            params![id, attempts, error],
        ),
        Attempt::Retry { error, after } => connection.execute(
            "UPDATE outbox SET attempts = ?2, last_error = ?3,
                next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?4)
             WHERE id = ?1",
            params![
                id,
                attempts,
                error,
                format!("+{:.3} seconds", after.as_secs_f64())
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

fn select(connection: &mut Connection, filter: &Filter) -> rusqlite::Result<Vec<MemberRecord>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {} FROM members m
         WHERE (?1 IS NULL OR m.created_at >= ?1) AND (?2 IS NULL OR m.status = ?2)
         ORDER BY m.created_at, m.id",
        MemberRecord::COLUMNS_OF_M
    ))?;
    let rows = statement.query_map(
        rusqlite::params![filter.since, filter.status.map(Status::as_str)],
        |row| MemberRecord::from_row(row, 0),
    )?;
    rows.collect()
}

/// Erases the person with this address, then checkpoints the write-ahead log
/// into the file and empties it: with `secure_delete`, no copy of their rows
/// is left in either.
fn erase(connection: &mut Connection, email: &str) -> rusqlite::Result<Option<Erased>> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let id: Option<String> = transaction
        .query_row(
            "SELECT id FROM members WHERE email_normalised = ?1",
            [normalise_email(email)],
            |row| row.get(0),
        )
        .optional()?;
    let erased = match id {
        Some(id) => Some(store::erase_member(&transaction, &id)?),
        None => None,
    };
    transaction.commit()?;
    connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(erased)
}
