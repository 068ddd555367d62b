//! The owner's commands on the same binary and database, safe while the
//! server runs (SQLite in WAL mode or PostgreSQL, one short transaction
//! each): `members list`, `members export --format csv|json`,
//! `members erase EMAIL`, and `members migrate` from SQLite to PostgreSQL.
//!
//! Long because each command, the CSV rules and the record they share are
//! here together.

use std::{io::Write, path::PathBuf};

use crate::{
    backend::MemberStore,
    db::DbError,
    location::{self, DbArgs, DbLocation},
    postgres::PgOptions,
    record::{Filter, MemberRecord},
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
    /// Copies a SQLite file's applications, consent evidence, idempotency
    /// records, confirmation links and unsent messages into PostgreSQL;
    /// rows already there are kept, so it can run again.
    Migrate {
        /// The SQLite file.
        #[arg(long)]
        from: PathBuf,
        /// The PostgreSQL database (`postgres://user:pass@host:5432/dbname`).
        #[arg(long, value_parser = parse_postgres)]
        to: String,
    },
}

fn parse_postgres(text: &str) -> Result<String, String> {
    match DbLocation::parse(text) {
        Ok(DbLocation::Postgres(url)) => Ok(url),
        Ok(DbLocation::Sqlite(_)) => Err("give a postgres:// URL".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

/// Runs a command against the database `db` names (`members migrate` against
/// the two it names); what it prints goes to `out`.
pub async fn command(
    db: &DbArgs,
    command: &MembersCommand,
    out: &mut dyn Write,
) -> Result<(), OwnerError> {
    if let MembersCommand::Migrate { from, to } = command {
        let options = PgOptions {
            pool_size: 2,
            ca_file: db.db_ca.clone(),
            lease: location::OUTBOX_LEASE,
        };
        let moved = crate::transfer::migrate(from, to, &options).await?;
        writeln!(out, "{moved}")?;
        return Ok(());
    }
    let opened = location::open(db).await?;
    run(opened.store.as_ref(), command, out).await
}

/// Runs a command against the database; what it prints goes to `out`.
pub async fn run(
    store: &dyn MemberStore,
    command: &MembersCommand,
    out: &mut dyn Write,
) -> Result<(), OwnerError> {
    match command {
        MembersCommand::List(filter) => {
            let members = store.select(filter.clone()).await?;
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
            let members = store.select(filter.clone()).await?;
            let text = match format {
                Format::Csv => to_csv(&members),
                Format::Json => serde_json::to_string_pretty(&members)? + "\n",
            };
            out.write_all(text.as_bytes())?;
            Ok(())
        }
        MembersCommand::Erase { email } => {
            let erased = store.erase(email.clone()).await?;
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
        MembersCommand::Migrate { .. } => Err(OwnerError::TwoDatabases),
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
    /// `members migrate` was given one store; [`command`] gives it two.
    #[error("members migrate needs --from and --to, not an open store")]
    TwoDatabases,
    /// The export could not be made.
    #[error("cannot export: {0}")]
    Export(#[from] serde_json::Error),
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
}
