//! What the outbox's rows are about, shared by those who write them (the
//! store, in the application's own transaction) and those who send them
//! (the outbox, through mail.rs and webhook.rs): the kind of message a row
//! asks for, and why a send failed. A leaf: it calls none of them.

use rusqlite::{params, Transaction};

use crate::{db::NOW, record::MemberRecord};

/// What a row asks to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The confirmation link, to the applicant.
    Confirmation,
    /// A new member, to the owner's address.
    NotifyEmail,
    /// A new member, to the owner's webhook.
    Webhook,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Confirmation => "confirmation",
            Kind::NotifyEmail => "notify_email",
            Kind::Webhook => "webhook",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        [Kind::Confirmation, Kind::NotifyEmail, Kind::Webhook]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    /// Queues a message about `member_id`, due now.
    pub fn enqueue(
        self,
        transaction: &Transaction,
        member_id: &str,
        payload: &str,
    ) -> rusqlite::Result<()> {
        transaction.execute(
            &format!(
                "INSERT INTO outbox (member_id, kind, payload, next_attempt_at, created_at)
                 VALUES (?1, ?2, ?3, {NOW}, {NOW})"
            ),
            params![member_id, self.as_str(), payload],
        )?;
        Ok(())
    }
}

/// Why a message was not sent.
#[derive(Debug)]
pub struct Failure {
    /// Retrying cannot help (an address the relay refuses for good).
    pub permanent: bool,
    pub message: String,
}

impl Failure {
    pub fn transient(message: impl Into<String>) -> Failure {
        Failure {
            permanent: false,
            message: message.into(),
        }
    }

    pub fn permanent(message: impl Into<String>) -> Failure {
        Failure {
            permanent: true,
            message: message.into(),
        }
    }
}

/// A message that is due.
#[derive(Debug)]
pub struct Job {
    pub id: i64,
    pub kind: Option<Kind>,
    pub payload: String,
    pub attempts: u32,
    pub member: MemberRecord,
}

/// What came of an attempt to send a message, as the store records it.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt {
    /// Accepted by the relay or the receiver: the payload is forgotten.
    Sent,
    /// Not to be tried again: the payload is forgotten, the error kept.
    GivenUp(String),
    /// To be tried again after a while.
    Retry {
        error: String,
        after: std::time::Duration,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_as_itself() {
        for kind in [Kind::Confirmation, Kind::NotifyEmail, Kind::Webhook] {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("fax"), None);
    }
}
