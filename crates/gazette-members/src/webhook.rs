//! The owner's webhook (`--notify-webhook URL`): a JSON `POST` for every
//! application that counts, signed with HMAC-SHA256 so that the receiver
//! can tell it came from this server, and retried from the outbox until the
//! receiver answers 2xx.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{messages::Failure, record::MemberRecord, ConfigError};

/// The shortest secret a webhook is signed with.
const SHORTEST_SECRET: usize = 16;

/// How long the receiver has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The header with the signature: `sha256=` and the hex HMAC of
/// `{timestamp}.{body}` under the shared secret.
pub const SIGNATURE_HEADER: &str = "x-gazette-signature";
/// The header with the Unix time the request was signed at.
pub const TIMESTAMP_HEADER: &str = "x-gazette-timestamp";
/// The header with the delivery's id: the same on every retry of one event.
pub const DELIVERY_HEADER: &str = "x-gazette-delivery";

/// A receiver and the secret shared with it.
pub struct Webhook {
    url: String,
    secret: String,
    client: reqwest::Client,
}

impl Webhook {
    pub fn new(url: &str, secret: &str) -> Result<Webhook, ConfigError> {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(ConfigError::WebhookUrl(url.to_owned()));
        }
        if secret.len() < SHORTEST_SECRET {
            return Err(ConfigError::ShortSecret(SHORTEST_SECRET));
        }
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Webhook {
            url: url.to_owned(),
            secret: secret.to_owned(),
            client,
        })
    }

    /// Posts the event about `member`; anything but a 2xx is a failure to retry.
    pub async fn deliver(&self, delivery: i64, member: &MemberRecord) -> Result<(), Failure> {
        let body = serde_json::json!({
            "event": format!("member.{}", member.status),
            "delivery": delivery,
            "member": member,
        })
        .to_string();
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs())
            .to_string();
        let response = self
            .client
            .post(&self.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(TIMESTAMP_HEADER, &timestamp)
            .header(SIGNATURE_HEADER, signature(&self.secret, &timestamp, &body))
            .header(DELIVERY_HEADER, delivery.to_string())
            .body(body)
            .send()
            .await
            .map_err(|error| Failure::transient(format!("the webhook did not answer: {error}")))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(Failure::transient(format!(
                "the webhook answered {}",
                response.status()
            )))
        }
    }
}

/// `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}`.
pub fn signature(secret: &str, timestamp: &str, body: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("sha256={hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body() {
        // As Python's hmac.new(b"Jefe", b'1700000000.{"a":1}', sha256) computes it.
        assert_eq!(
            signature("Jefe", "1700000000", r#"{"a":1}"#),
            "sha256=fa5f6481efc59da48b19c9dc10196c9953e5651f8304b3a318b6b87d70272e0a"
        );
    }

    #[test]
    fn a_short_secret_or_another_scheme_is_refused() {
        assert!(Webhook::new("https://hooks.example.org/x", "short").is_err());
        assert!(Webhook::new("ftp://hooks.example.org/x", "a-long-enough-secret").is_err());
        assert!(Webhook::new("https://hooks.example.org/x", "a-long-enough-secret").is_ok());
    }
}
