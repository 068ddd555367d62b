//! Everything that can go wrong with a request, as one typed enum.

use gazette_api::{error_codes, ApiError, FieldErrors};

/// Why a request to the API failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    /// The request never got an answer: offline, DNS, CORS, connection reset.
    #[error("network error: {0}")]
    Network(String),
    /// No answer came within the time limit.
    #[error("the request timed out")]
    Timeout,
    /// The resource does not exist (404).
    #[error("not found")]
    NotFound,
    /// The resource existed and is gone for good (410), such as a
    /// confirmation link followed after it expired.
    #[error("gone")]
    Gone,
    /// The server answered with another error status.
    #[error("HTTP {status}: {message}")]
    Http {
        status: u16,
        /// The server's explanation, when it gave one.
        message: String,
    },
    /// The answer could not be decoded as the expected type.
    #[error("undecodable response: {0}")]
    Decode(String),
    /// The server rejected some fields (422).
    #[error("validation failed: {message}")]
    Validation {
        /// The server's summary.
        message: String,
        /// Error codes per field.
        fields: FieldErrors,
    },
    /// The request conflicts with an earlier one: its idempotency key was sent
    /// before with another body (409, or 422 `idempotency_conflict`). Sending
    /// it again with a new key can succeed.
    #[error("conflict: {message}")]
    Conflict {
        /// The server's explanation.
        message: String,
    },
    /// Too many requests (429); try again after the given seconds.
    #[error("rate limited")]
    RateLimited {
        /// From the `Retry-After` header, when it held a number of seconds.
        retry_after_secs: Option<u32>,
    },
}

impl FetchError {
    /// The error for a non-success status, from the body and `Retry-After`.
    pub fn from_status(status: u16, body: &str, retry_after: Option<&str>) -> FetchError {
        let api_error: Option<ApiError> = crate::json::from_str(body).ok();
        let message = api_error
            .as_ref()
            .map(|error| error.message.clone())
            .unwrap_or_default();
        let code = api_error.as_ref().map(|error| error.code.as_str());
        match status {
            404 => FetchError::NotFound,
            410 => FetchError::Gone,
            409 => FetchError::Conflict { message },
            422 if code == Some(error_codes::IDEMPOTENCY_CONFLICT) => {
                FetchError::Conflict { message }
            }
            422 => FetchError::Validation {
                message,
                fields: api_error.map(|error| error.fields).unwrap_or_default(),
            },
            429 => FetchError::RateLimited {
                retry_after_secs: retry_after.and_then(|value| value.trim().parse().ok()),
            },
            _ => FetchError::Http { status, message },
        }
    }

    /// Whether trying the same request again may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            FetchError::Network(_)
            | FetchError::Timeout
            | FetchError::RateLimited { .. }
            | FetchError::Conflict { .. } => true,
            FetchError::Http { status, .. } => *status >= 500 || *status == 408,
            FetchError::NotFound
            | FetchError::Gone
            | FetchError::Decode(_)
            | FetchError::Validation { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_meaning() {
        assert_eq!(FetchError::from_status(404, "", None), FetchError::NotFound);
        assert_eq!(FetchError::from_status(410, "", None), FetchError::Gone);
        assert_eq!(
            FetchError::from_status(429, "", Some(" 42 ")),
            FetchError::RateLimited {
                retry_after_secs: Some(42)
            }
        );
        assert_eq!(
            FetchError::from_status(429, "", Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            FetchError::RateLimited {
                retry_after_secs: None
            }
        );
        let body =
            r#"{"code":"validation_failed","message":"m","fields":{"email":["invalid_email"]}}"#;
        match FetchError::from_status(422, body, None) {
            FetchError::Validation { fields, .. } => assert_eq!(fields["email"], ["invalid_email"]),
            other => panic!("{other:?}"),
        }
        let conflict = r#"{"code":"idempotency_conflict","message":"m"}"#;
        for status in [409, 422] {
            assert_eq!(
                FetchError::from_status(status, conflict, None),
                FetchError::Conflict {
                    message: "m".into()
                }
            );
        }
        assert_eq!(
            FetchError::from_status(503, "<html>oops</html>", None),
            FetchError::Http {
                status: 503,
                message: String::new()
            }
        );
    }

    #[test]
    fn retryable_errors() {
        assert!(FetchError::Timeout.is_retryable());
        assert!(FetchError::from_status(500, "", None).is_retryable());
        assert!(!FetchError::from_status(400, "", None).is_retryable());
        assert!(!FetchError::NotFound.is_retryable());
    }
}
