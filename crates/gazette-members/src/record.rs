//! A member's application as the database holds it: its status, and the
//! record the owner's commands, the e-mails and the webhook read. A leaf of
//! the membership modules: it calls none of them.

use rusqlite::Row;
use serde::Serialize;

/// Where an application is in its life: the `status` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Status {
    /// Waiting for its link to be followed.
    Pending,
    /// Its link was followed.
    Confirmed,
    /// Stored by a server without a relay: the address was not checked.
    Received,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::Received => "received",
        }
    }
}

/// An application as the owner sees it, consent evidence included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRecord {
    pub id: String,
    pub status: String,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub message: Option<String>,
    pub lang: Option<String>,
    pub created_at: String,
    pub confirmed_at: Option<String>,
    /// When the consent box was ticked, the text beside it, and its SHA-256.
    pub consent_at: String,
    pub consent_text: Option<String>,
    pub consent_sha256: Option<String>,
}

impl MemberRecord {
    /// The columns [`MemberRecord::from_row`] reads, of a `members m`.
    pub const COLUMNS_OF_M: &'static str = "m.id, m.status, m.name, m.email, m.organisation, \
        m.message, m.lang, m.created_at, m.confirmed_at, m.consent_at, m.consent_text, \
        m.consent_sha256";

    /// Reads the [`COLUMNS_OF_M`](Self::COLUMNS_OF_M) from `first` on.
    pub fn from_row(row: &Row, first: usize) -> rusqlite::Result<MemberRecord> {
        Ok(MemberRecord {
            id: row.get(first)?,
            status: row.get(first + 1)?,
            name: row.get(first + 2)?,
            email: row.get(first + 3)?,
            organisation: row.get(first + 4)?,
            message: row.get(first + 5)?,
            lang: row.get(first + 6)?,
            created_at: row.get(first + 7)?,
            confirmed_at: row.get(first + 8)?,
            consent_at: row.get(first + 9)?,
            consent_text: row.get(first + 10)?,
            consent_sha256: row.get(first + 11)?,
        })
    }
}
