//! The one interface membership asks of a database ([`MemberStore`]): what
//! the API, the outbox's worker and the owner's commands do with the stored
//! applications, each step one transaction. The SQLite file implements it
//! (`sqlite.rs`), and so does PostgreSQL (`postgres/`), which several server
//! instances share and which also counts their requests ([`RateCounter`]);
//! nothing above changes with the database.

use std::{future::Future, pin::Pin, sync::Arc, time::Duration};

use gazette_api::MemberApplication;

use crate::{
    db::DbError,
    messages::{Attempt, Job},
    record::{Filter, MemberRecord},
    store::{ConfirmOutcome, Erased, Policy, SubmitOutcome},
};

/// A store's answer, later.
pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T, DbError>> + Send + 'a>>;

/// What membership stores and reads. Every method is one transaction, so
/// that an application, its confirmation and the messages they call for are
/// written together or not at all.
pub trait MemberStore: Send + Sync {
    /// Stores an application exactly once per idempotency key, with the
    /// messages the policy calls for (see `store::submit`).
    fn submit(
        &self,
        policy: Arc<Policy>,
        key: Option<String>,
        request_hash: String,
        application: MemberApplication,
    ) -> Pending<'_, SubmitOutcome>;

    /// Follows a confirmation link, once (see `store::confirm`).
    fn confirm(&self, policy: Arc<Policy>, token: String) -> Pending<'_, ConfirmOutcome>;

    /// Erases the applications left unconfirmed longer than `days`; how many.
    fn forget_unconfirmed(&self, days: u32) -> Pending<'_, usize>;

    /// The earliest message that is due, with its member.
    fn take_due(&self) -> Pending<'_, Option<Job>>;

    /// Notes the `attempts`th attempt at message `id` and what came of it.
    fn record(&self, id: i64, attempts: u32, outcome: Attempt) -> Pending<'_, ()>;

    /// How long until the next message is due, if one is waiting.
    fn next_due_in(&self) -> Pending<'_, Option<Duration>>;

    /// The applications the filter covers, oldest first.
    fn select(&self, filter: Filter) -> Pending<'_, Vec<MemberRecord>>;

    /// Erases the person with this address and every row about them, leaving
    /// no copy behind; what went, or `None` when nobody applied with it.
    fn erase(&self, email: String) -> Pending<'_, Option<Erased>>;
}

/// A count of requests per client that every server instance shares.
pub trait RateCounter: Send + Sync {
    /// Counts a request from `client` against `per_minute` (a burst of that
    /// many, one more every `60 / per_minute` seconds): `Ok(Ok(()))` to go
    /// ahead, `Ok(Err(wait))` when it must wait that long.
    fn admit(&self, client: String, per_minute: u32) -> Pending<'_, Result<(), Duration>>;
}
