//! Membership, the owner's side: applications stored once ([`store`]),
//! confirmed by a link sent by e-mail when the server has a relay ([`mail`]),
//! notifications to the owner by e-mail or signed webhook ([`webhook`]), all
//! sent from an outbox that survives a relay being down and a restart
//! ([`outbox`]), and the owner's commands: list, export, erase ([`owner`]).
//! All of them reach the database through one interface, [`MemberStore`]
//! ([`backend`]), which the SQLite file ([`db`], [`sqlite`]) and PostgreSQL
//! ([`postgres`]) implement; `--db` says which ([`location`]), and
//! `members migrate` moves a SQLite file's rows to PostgreSQL ([`transfer`]).
//!
//! It may depend on the contract and on `gazette-render` for the site's
//! address (the links in e-mails); not on HTTP serving, the content folder
//! or the importers. The API calls [`Membership`], and nothing else of it.
//!
//! Long because of [`MailArgs`]: every membership flag with its help text,
//! and [`configure`], which checks that they fit together.

pub mod backend;
pub mod db;
pub mod location;
pub mod mail;
pub mod messages;
pub mod outbox;
pub mod owner;
pub mod postgres;
pub mod record;
pub mod sqlite;
pub mod store;
pub mod transfer;
pub mod webhook;

pub use backend::MemberStore;

use std::sync::Arc;

use gazette_api::MemberApplication;
use tokio::sync::Notify;

use crate::db::DbError;
use messages::Kind;
use store::{ConfirmOutcome, Policy, SubmitOutcome};

/// The membership service the API calls: the store, the policy, and a bell
/// that wakes the outbox worker when a message is queued.
#[derive(Clone)]
pub struct Membership {
    store: Arc<dyn MemberStore>,
    policy: Arc<Policy>,
    wake: Arc<Notify>,
}

impl Membership {
    pub fn new(store: Arc<dyn MemberStore>, policy: Policy) -> Membership {
        Membership {
            store,
            policy: Arc::new(policy),
            wake: Arc::new(Notify::new()),
        }
    }

    /// The bell the outbox worker waits on.
    pub fn wake(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Stores an application exactly once (see [`store::submit`]).
    pub async fn submit(
        &self,
        key: Option<String>,
        request_hash: String,
        application: MemberApplication,
    ) -> Result<SubmitOutcome, DbError> {
        let outcome = self
            .store
            .submit(self.policy.clone(), key, request_hash, application)
            .await?;
        self.wake.notify_one();
        Ok(outcome)
    }

    /// Follows a confirmation link (see [`store::confirm`]).
    pub async fn confirm(&self, token: String) -> Result<ConfirmOutcome, DbError> {
        let outcome = self.store.confirm(self.policy.clone(), token).await?;
        self.wake.notify_one();
        Ok(outcome)
    }
}

/// The membership flags, as [`crate::Args`] holds them.
#[derive(Debug, Clone, clap::Args)]
pub struct MailArgs {
    /// The SMTP relay that sends confirmation links and notices:
    /// `smtp://user:pass@host:587` (STARTTLS required), `smtps://user:pass@host:465`
    /// (implicit TLS), or `smtp://host:25?tls=none` for a local relay without
    /// TLS. With it, an application counts once its link is followed;
    /// without it, applications are stored unconfirmed, as `received`.
    #[arg(long, env = "GAZETTE_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of the server's e-mails: `Prague Forum <news@example.org>`.
    #[arg(long, env = "GAZETTE_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// The owner's address, told of every application that counts (needs --smtp-url).
    #[arg(long, env = "GAZETTE_NOTIFY_EMAIL")]
    pub notify_email: Option<String>,
    /// A URL that gets a signed JSON POST for every application that counts.
    #[arg(long, env = "GAZETTE_NOTIFY_WEBHOOK")]
    pub notify_webhook: Option<String>,
    /// The secret the webhook's HMAC-SHA256 signature is made with (16 characters or more).
    #[arg(long, env = "GAZETTE_NOTIFY_WEBHOOK_SECRET", hide_env_values = true)]
    pub notify_webhook_secret: Option<String>,
    /// Hours a confirmation link works.
    #[arg(long, env = "GAZETTE_CONFIRM_HOURS", default_value_t = 72,
          value_parser = clap::value_parser!(u32).range(1..=720))]
    pub confirm_hours: u32,
    /// Days after which an application never confirmed is erased.
    #[arg(long, env = "GAZETTE_PENDING_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub pending_days: u32,
    /// Milliseconds before the first retry of a message; it doubles after
    /// each failure, up to an hour (tests make it short).
    #[arg(long, env = "GAZETTE_RETRY_BASE_MS", default_value_t = 30_000, hide = true,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub retry_base_ms: u64,
}

/// Why the membership flags cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A flag given without another that it needs.
    #[error("{0} needs {1}")]
    Needs(&'static str, &'static str),
    /// `--mail-from` is not an address.
    #[error("--mail-from {from:?} is not an address: {error}")]
    MailFrom {
        from: String,
        error: lettre::address::AddressError,
    },
    /// `--smtp-url` is not a relay lettre can use.
    #[error("--smtp-url is not usable: {0}")]
    SmtpUrl(#[from] lettre::transport::smtp::Error),
    /// `--notify-webhook` is not an http(s) URL.
    #[error("--notify-webhook {0:?} is not an http(s) URL")]
    WebhookUrl(String),
    /// The webhook's secret is too short to sign with.
    #[error("--notify-webhook-secret must be at least {0} characters")]
    ShortSecret(usize),
    /// No HTTP client could be made for the webhook.
    #[error("no HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

/// The service and the outbox worker's senders, from the flags and the site.
pub fn configure(
    args: &MailArgs,
    site: &gazette_api::Site,
    store: Arc<dyn MemberStore>,
    site_url: gazette_render::SiteUrl,
) -> Result<(Membership, outbox::Senders), ConfigError> {
    let mailer = match (&args.smtp_url, &args.mail_from) {
        (Some(url), Some(from)) => Some(mail::Mailer::new(url, from)?),
        (Some(_), None) => return Err(ConfigError::Needs("--smtp-url", "--mail-from")),
        (None, _) => None,
    };
    if args.notify_email.is_some() && mailer.is_none() {
        return Err(ConfigError::Needs(
            "--notify-email",
            "--smtp-url and --mail-from",
        ));
    }
    let webhook = match (&args.notify_webhook, &args.notify_webhook_secret) {
        (Some(url), Some(secret)) => Some(webhook::Webhook::new(url, secret)?),
        (Some(_), None) => {
            return Err(ConfigError::Needs(
                "--notify-webhook",
                "--notify-webhook-secret",
            ))
        }
        (None, _) => None,
    };
    let notify = [
        args.notify_email.is_some().then_some(Kind::NotifyEmail),
        webhook.is_some().then_some(Kind::Webhook),
    ]
    .into_iter()
    .flatten()
    .collect();
    let policy = Policy {
        confirm: mailer.is_some(),
        notify,
        consent_text: site.membership.consent_text.clone(),
        link_hours: args.confirm_hours,
        site_lang: site.lang.clone(),
    };
    let senders = outbox::Senders {
        mailer,
        notify_email: args.notify_email.clone(),
        webhook,
        site_name: site.name.clone(),
        site_lang: policy.lang_of(&MemberApplication::default()),
        site_url,
        link_hours: args.confirm_hours,
    };
    Ok((Membership::new(store, policy), senders))
}

/// Starts the outbox worker for `membership`.
pub fn start_worker(
    membership: &Membership,
    senders: outbox::Senders,
    args: &MailArgs,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(outbox::run(
        membership.store.clone(),
        Arc::new(senders),
        membership.wake(),
        outbox::Retry {
            base: std::time::Duration::from_millis(args.retry_base_ms),
        },
        args.pending_days,
    ))
}
