//! The owner's commands on the same binary and database, safe while the
//! server runs (SQLite in WAL mode, one short transaction each):
//! `members list`, `members export --format csv|json`, `members erase EMAIL`.
//!
//! Long because each command, the CSV rules and the record they share are
//! here together.

use std::io::Write;

use gazette_api::validation::normalise_email;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::{
    db::{Database, DbError},
    record::{MemberRecord, Status},
    store,
};

impl MemberRecord {
    /// The CSV header and row, in the same order.
    const CSV_HEADER: [&'static str; 12] = [
        "id",
        "status",
        "name",
        "email",
        "organisation",
        "message",
        "lang",
        "created_at",
        "confirmed_at",
        "consent_at",
        "consent_text",
        "consent_sha256",
    ];

    fn csv_cells(&self) -> [&str; 12] {
        fn optional(value: &Option<String>) -> &str {
            value.as_deref().unwrap_or("")
        }
        [
            &self.id,
            &self.status,
            &self.name,
            &self.email,
            optional(&self.organisation),
            optional(&self.message),
            optional(&self.lang),
            &self.created_at,
            optional(&self.confirmed_at),
            &self.consent_at,
            optional(&self.consent_text),
            optional(&self.consent_sha256),
        ]
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

/// An export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// UTF-8 with a byte-order mark and CRLF lines, as Excel and LibreOffice
    /// open it; cells that a spreadsheet would run as a formula are quoted
    /// with a leading `'`.
    Csv,
    /// One JSON array of objects.
    Json,
}

/// `gazette-server members …`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum MembersCommand {
    /// Lists the applications, oldest first.
    List(Filter),
    /// Writes the applications, with the consent evidence, to standard output.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        #[command(flatten)]
        filter: Filter,
    },
    /// Erases a person: their application, confirmation links, queued
    /// messages and idempotency records, and says what it removed.
    Erase {
        /// The address they applied with (compared trimmed and lowercased).
        email: String,
    },
}

/// Runs a command against the database; what it prints goes to `out`.
pub fn run(
    database: &Database,
    command: &MembersCommand,
    out: &mut dyn Write,
) -> Result<(), OwnerError> {
    match command {
        MembersCommand::List(filter) => {
            let members = database.run_blocking(|c| select(c, filter))?;
            for member in &members {
                writeln!(
                    out,
                    "{}  {:<9}  {} <{}>{}",
                    member.created_at,
                    member.status,
                    member.name,
                    member.email,
                    member
                        .organisation
                        .as_deref()
                        .map(|o| format!("  ({o})"))
                        .unwrap_or_default()
                )?;
            }
            writeln!(out, "{} application(s)", members.len())?;
            Ok(())
        }
        MembersCommand::Export { format, filter } => {
            let members = database.run_blocking(|c| select(c, filter))?;
            let text = match format {
                Format::Csv => to_csv(&members),
                Format::Json => serde_json::to_string_pretty(&members)? + "\n",
            };
            out.write_all(text.as_bytes())?;
            Ok(())
        }
        MembersCommand::Erase { email } => {
            let erased = database.run_blocking(|c| erase(c, email))?;
            match erased {
                None => writeln!(out, "No application from {email}: nothing to erase."),
                Some(erased) => writeln!(
                    out,
                    "Erased {email}: {} application, {} confirmation link(s), {} queued or sent \
                     message record(s), {} idempotency record(s). Copies already delivered to \
                     the notification address or the webhook are not reachable from here.",
                    erased.applications,
                    erased.confirmation_links,
                    erased.messages,
                    erased.idempotency_records
                ),
            }?;
            Ok(())
        }
    }
}

/// Why an owner's command failed.
#[derive(Debug, thiserror::Error)]
pub enum OwnerError {
    /// The database could not be read or written.
    #[error(transparent)]
    Database(#[from] DbError),
    /// The output could not be written.
    #[error("cannot write: {0}")]
    Output(#[from] std::io::Error),
    /// The export could not be made.
    #[error("cannot export: {0}")]
    Export(#[from] serde_json::Error),
}

/// A `--since` that is no date.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a date such as 2026-11-01")]
pub struct NotADate(String);

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
fn erase(connection: &mut Connection, email: &str) -> rusqlite::Result<Option<store::Erased>> {
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

/// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends.
pub fn to_csv(members: &[MemberRecord]) -> String {
    let mut text = String::from("\u{feff}");
    let mut line = |cells: &[&str]| {
        let cells: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    };
    line(&MemberRecord::CSV_HEADER);
    for member in members {
        line(&member.csv_cells());
    }
    text
}

/// One cell: a leading `'` on what a spreadsheet would read as a formula
/// (OWASP's rule: `=`, `+`, `-`, `@`, tab, carriage return), then quoted
/// when it holds a comma, a quote or a line break.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_a_spreadsheet_would_run_is_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+420 123"), "'+420 123");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Jana Nováková"), "Jana Nováková");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn since_takes_a_date_or_a_time() {
        assert!(parse_since("2026-11-01").is_ok());
        assert!(parse_since("2026-11-01T12:00:00.000Z").is_ok());
        assert!(parse_since("yesterday").is_err());
        assert!(parse_since("2026-11-01' OR 1=1").is_err());
    }
}
