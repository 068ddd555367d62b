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
/// Which applications a command covers.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Filter {
    /// Only applications made on or after this date (`2026-11-01`) or time.
    #[arg(long, value_parser = parse_since)]
    pub since: Option<String>,
    /// Only applications in this state.
    #[arg(long, value_enum)]
    pub status: Option<Status>,
}

/// `2026-11-01` or `2026-11-01T12:00:00Z`: compared as text with the stored
/// times, which have the same shape.
fn parse_since(text: &str) -> Result<String, NotADate> {
    let bytes = text.as_bytes();
    let date_ok = bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(at, byte)| match at {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    let rest_ok = text[10.min(text.len())..]
        .chars()
        .all(|c| c.is_ascii_digit() || "T:.Z".contains(c));
    if date_ok && rest_ok {
        Ok(text.to_owned())
    } else {
        Err(NotADate(text.to_owned()))
    }
}

/// A `--since` that is no date.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a date such as 2026-11-01")]
pub struct NotADate(String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_date_or_a_time() {
        assert!(parse_since("2026-11-01").is_ok());
        assert!(parse_since("2026-11-01T12:00:00.000Z").is_ok());
        assert!(parse_since("yesterday").is_err());
        assert!(parse_since("2026-11-01' OR 1=1").is_err());
    }
}
