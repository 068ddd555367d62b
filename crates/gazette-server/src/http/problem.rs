//! [`Problem`]: every error the server sends, as a status and an [`ApiError`]
//! body.
//!
//! Long only by its named constructors, one per kind of answer.

use std::time::Duration;

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use gazette_api::{error_codes, ApiError, FieldErrors};

/// An error response: a status, an [`ApiError`] body, and for 429 the wait.
/// Built only through its named constructors, one per kind of answer, so that
/// a status always goes with its code.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    error: ApiError,
    retry_after: Option<Duration>,
}

impl Problem {
    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Problem {
        Problem {
            status,
            error: ApiError::new(code, message),
            retry_after: None,
        }
    }

    /// 400, with the code that names what is wrong (`invalid_limit`, …).
    pub fn bad_request(code: &str, message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, error_codes::NOT_FOUND, message)
    }

    /// 405 `method_not_allowed`.
    pub fn method_not_allowed() -> Problem {
        Problem::new(
            StatusCode::METHOD_NOT_ALLOWED,
            error_codes::METHOD_NOT_ALLOWED,
            "This method is not allowed here.",
        )
    }

    /// 413 `payload_too_large`.
    pub fn payload_too_large(message: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            error_codes::PAYLOAD_TOO_LARGE,
            message,
        )
    }

    /// 415 `unsupported_media_type`.
    pub fn unsupported_media_type(message: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            error_codes::UNSUPPORTED_MEDIA_TYPE,
            message,
        )
    }

    /// 422 `validation_failed`, with the codes per field.
    pub fn validation(fields: FieldErrors) -> Problem {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            error_codes::VALIDATION_FAILED,
            "Some fields need attention.",
        );
        problem.error.fields = fields;
        problem
    }

    /// 422 `idempotency_conflict`: the key was used with another body.
    pub fn idempotency_conflict() -> Problem {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            error_codes::IDEMPOTENCY_CONFLICT,
            "This Idempotency-Key was used for a different application; send it with a new key.",
        )
    }

    /// 404 `confirmation_unknown`: a token this server did not issue, or of
    /// an application since erased.
    pub fn confirmation_unknown() -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            error_codes::CONFIRMATION_UNKNOWN,
            "This confirmation link is not known: it may be mistyped, or the application was erased.",
        )
    }

    /// 410 `confirmation_expired`: the link was followed too late.
    pub fn confirmation_expired() -> Problem {
        Problem::new(
            StatusCode::GONE,
            error_codes::CONFIRMATION_EXPIRED,
            "This confirmation link has expired; apply again to get a new one.",
        )
    }

    /// 429 `rate_limited`, with `Retry-After`.
    pub fn rate_limited(message: impl Into<String>, wait: Duration) -> Problem {
        let mut problem = Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            error_codes::RATE_LIMITED,
            message,
        );
        problem.retry_after = Some(wait);
        problem
    }

    /// 500 `internal`.
    pub fn internal(message: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            error_codes::INTERNAL,
            message,
        )
    }

    /// 503 `timeout`.
    pub fn timeout() -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            error_codes::TIMEOUT,
            "The request took too long; please retry.",
        )
    }

    /// The problem for a bare status, such as a router's rejection; the status
    /// is kept, the code is the one that fits it best.
    pub fn for_status(status: StatusCode) -> Problem {
        let mut problem = match status {
            StatusCode::NOT_FOUND => Problem::not_found("No such resource."),
            StatusCode::METHOD_NOT_ALLOWED => Problem::method_not_allowed(),
            StatusCode::PAYLOAD_TOO_LARGE => {
                Problem::payload_too_large("The request is larger than this endpoint accepts.")
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                Problem::unsupported_media_type("This content type is not accepted here.")
            }
            StatusCode::TOO_MANY_REQUESTS => Problem::new(
                status,
                error_codes::RATE_LIMITED,
                "Too many requests; please wait.",
            ),
            status if status.is_server_error() => {
                Problem::internal("The server failed; please retry.")
            }
            _ => Problem::bad_request(error_codes::BAD_REQUEST, "The request is not valid."),
        };
        problem.status = status;
        problem
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.error)).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(wait) = self.retry_after {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}
