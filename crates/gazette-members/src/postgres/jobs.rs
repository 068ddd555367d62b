//! The outbox and the owner's reads on PostgreSQL. Every instance runs an
//! outbox worker; a worker takes a due message by setting its lease
//! (`claimed_until`) in one statement that skips rows another worker holds
//! (`FOR UPDATE SKIP LOCKED`), so two workers never take the same message,
//! and one that dies mid-send leaves it to the others once the lease ends.

use std::time::Duration;

use deadpool_postgres::Object as Client;
use tokio_postgres::Row;

use crate::{
    db::DbError,
    messages::{Attempt, Job, Kind},
    record::{Filter, MemberRecord, Status},
};

use super::{schema::shown, Cached};

/// The member columns [`member_of`] reads, of a `members m`, times as text.
fn member_columns() -> String {
    format!(
        "m.id, m.status, m.name, m.email, m.organisation, m.message, m.lang, {}, {}, {}, \
         m.consent_text, m.consent_sha256",
        shown("m.created_at"),
        shown("m.confirmed_at"),
        shown("m.consent_at")
    )
}

/// Reads [`member_columns`] from `first` on.
fn member_of(row: &Row, first: usize) -> MemberRecord {
    MemberRecord {
        id: row.get(first),
        status: row.get(first + 1),
        name: row.get(first + 2),
        email: row.get(first + 3),
        organisation: row.get(first + 4),
        message: row.get(first + 5),
        lang: row.get(first + 6),
        created_at: row.get(first + 7),
        confirmed_at: row.get(first + 8),
        consent_at: row.get(first + 9),
        consent_text: row.get(first + 10),
        consent_sha256: row.get(first + 11),
    }
}

/// Takes the earliest due message that no other worker holds, for `lease`.
pub async fn take_due(client: &Client, lease: Duration) -> Result<Option<Job>, DbError> {
    let row = client
        .maybe(
            &format!(
                "WITH due AS (
                    SELECT o.id FROM outbox o
                    WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now()
                      AND (o.claimed_until IS NULL OR o.claimed_until <= now())
                      AND EXISTS (SELECT 1 FROM members m WHERE m.id = o.member_id)
                    ORDER BY o.next_attempt_at LIMIT 1
                    FOR UPDATE SKIP LOCKED
                 ), taken AS (
                    UPDATE outbox o SET claimed_until = now() + make_interval(secs => $1)
                    FROM due WHERE o.id = due.id
                    RETURNING o.id, o.kind, o.payload, o.attempts, o.member_id
                 )
                 SELECT t.id, t.kind, t.payload, t.attempts, {}
                 FROM taken t JOIN members m ON m.id = t.member_id",
                member_columns()
            ),
            &[&lease.as_secs_f64()],
        )
        .await?;
    Ok(row.map(|row| Job {
        id: row.get(0),
        kind: Kind::parse(row.get(1)),
        payload: row.get(2),
        attempts: row.get::<_, i32>(3).max(0) as u32,
        member: member_of(&row, 4),
    }))
}

/// Notes an attempt and gives the lease back: sent (the token forgotten),
/// due again later, or given up.
pub async fn record(
    client: &Client,
    id: i64,
    attempts: u32,
    outcome: Attempt,
) -> Result<(), DbError> {
    let attempts = attempts.min(i32::MAX as u32) as i32;
    match outcome {
        Attempt::Sent => {
            client
                .exec(
                    "UPDATE outbox SET sent_at = now(), attempts = $2, payload = '',
                        last_error = NULL, claimed_until = NULL
                     WHERE id = $1",
                    &[&id, &attempts],
                )
                .await
        }
        Attempt::GivenUp(error) => {
            client
                .exec(
                    "UPDATE outbox SET failed_at = now(), attempts = $2, payload = '',
                        last_error = $3, claimed_until = NULL
                     WHERE id = $1",
                    &[&id, &attempts, &error],
                )
                .await
        }
        Attempt::Retry { error, after } => {
            client
                .exec(
                    "UPDATE outbox SET attempts = $2, last_error = $3, claimed_until = NULL,
                        next_attempt_at = now() + make_interval(secs => $4)
                     WHERE id = $1",
                    &[&id, &attempts, &error, &after.as_secs_f64()],
                )
                .await
        }
    }?;
    Ok(())
}

/// How long until the next message is due (a held one when its lease ends).
pub async fn next_due_in(client: &Client) -> Result<Option<Duration>, DbError> {
    let seconds: Option<f64> = client
        .one(
            "SELECT EXTRACT(EPOCH FROM
                MIN(GREATEST(next_attempt_at, COALESCE(claimed_until, next_attempt_at))) - now()
             )::float8
             FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
            &[],
        )
        .await?
        .get(0);
    Ok(seconds.map(|seconds| Duration::from_secs_f64(seconds.max(0.0))))
}

/// The applications the filter covers, oldest first.
pub async fn select(client: &Client, filter: &Filter) -> Result<Vec<MemberRecord>, DbError> {
    let rows = client
        .all(
            &format!(
                "SELECT {} FROM members m
                 WHERE ($1::text IS NULL OR m.created_at >= $1::text::timestamptz)
                   AND ($2::text IS NULL OR m.status = $2)
                 ORDER BY m.created_at, m.id",
                member_columns()
            ),
            &[&filter.since, &filter.status.map(Status::as_str)],
        )
        .await?;
    Ok(rows.iter().map(|row| member_of(row, 0)).collect())
}
