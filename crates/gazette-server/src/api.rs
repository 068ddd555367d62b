//! The `/api/v1` endpoints. Every error they send is an [`ApiError`] body.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, ConnectInfo, Path, Query, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{any, get, post},
    Router,
};
use gazette_api::{
    error_codes, validation::validate_application, ApiError, FieldErrors, MemberApplication,
    API_PREFIX,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::{
    content::{Content, Cursor, JsonBody},
    db::{Database, SubmitOutcome},
    rate_limit::ClientLimiter,
};

/// The largest `POST /members` body accepted, in bytes.
pub const MEMBER_BODY_LIMIT: usize = 16 * 1024;
/// The page size when `limit` is absent.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// The largest `limit` accepted.
pub const MAX_PAGE_SIZE: usize = 50;
/// `Cache-Control` of every successful GET.
const API_CACHE_CONTROL: &str = "public, max-age=60";

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The loaded content folder.
    pub content: Arc<Content>,
    /// Membership storage.
    pub database: Database,
}

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

/// The API's routes, with CORS for the allowed origins and the member limiter.
pub fn router(state: AppState, limiter: ClientLimiter, allow_origins: &[String]) -> Router {
    let members = post(submit_member)
        .route_layer(middleware::from_fn_with_state(limiter, limit_per_client))
        .layer(axum::extract::DefaultBodyLimit::max(MEMBER_BODY_LIMIT));
    let router = Router::new()
        .route(&format!("{API_PREFIX}/site"), get(site))
        .route(&format!("{API_PREFIX}/posts"), get(posts))
        .route(&format!("{API_PREFIX}/posts/{{slug}}"), get(post_by_slug))
        .route(&format!("{API_PREFIX}/members"), members)
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    match cors(allow_origins) {
        Some(cors) => router.layer(cors),
        None => router,
    }
}

fn cors(allow_origins: &[String]) -> Option<CorsLayer> {
    let origins: Vec<HeaderValue> = allow_origins
        .iter()
        .filter_map(
            |origin| match HeaderValue::from_str(origin.trim_end_matches('/')) {
                Ok(value) => Some(value),
                Err(_) => {
                    tracing::warn!(
                        origin,
                        "ignoring an --allow-origin that is not a header value"
                    );
                    None
                }
            },
        )
        .collect();
    (!origins.is_empty()).then(|| {
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::CONTENT_TYPE,
                header::IF_NONE_MATCH,
                header::HeaderName::from_static("idempotency-key"),
            ])
            .expose_headers([header::RETRY_AFTER, header::ETAG])
            .max_age(Duration::from_secs(600))
    })
}

/// The answer for any unknown path under `/api`.
pub async fn not_found() -> Problem {
    Problem::not_found("No such resource.")
}

async fn method_not_allowed() -> Problem {
    Problem::method_not_allowed()
}

/// Sends a cached JSON body, or `304` when the client's `If-None-Match` matches.
fn conditional_json(request_headers: &HeaderMap, body: &JsonBody) -> Response {
    let matches = request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == body.etag);
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, "application/json")],
            body.bytes.clone(),
        )
            .into_response()
    };
    let headers = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&body.etag) {
        headers.insert(header::ETAG, etag);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(API_CACHE_CONTROL),
    );
    response
}

async fn site(State(state): State<AppState>, headers: HeaderMap) -> Response {
    conditional_json(&headers, state.content.site())
}

#[derive(Deserialize)]
struct PostsQuery {
    limit: Option<String>,
    cursor: Option<String>,
}

async fn posts(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<PostsQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let Query(query) = query.map_err(|_| {
        Problem::bad_request(error_codes::BAD_REQUEST, "The query string is malformed.")
    })?;
    let limit = match query.limit.as_deref() {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|limit| (1..=MAX_PAGE_SIZE).contains(limit))
            .ok_or_else(|| {
                Problem::bad_request(
                    error_codes::INVALID_LIMIT,
                    format!("limit must be a whole number from 1 to {MAX_PAGE_SIZE}."),
                )
            })?,
    };
    let cursor = match query.cursor.as_deref() {
        None | Some("") => None,
        Some(text) => Some(Cursor::decode(text).ok_or_else(|| {
            Problem::bad_request(
                error_codes::INVALID_CURSOR,
                "cursor was not issued by this server; start again without it.",
            )
        })?),
    };
    let page = state.content.page(limit, cursor.as_ref());
    Ok(conditional_json(&headers, &JsonBody::of(&page)))
}

async fn post_by_slug(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, Problem> {
    match state.content.article(&slug) {
        Some(body) => Ok(conditional_json(&headers, body)),
        None => Err(Problem::not_found("There is no post with that slug.")),
    }
}

async fn limit_per_client(
    State(limiter): State<ClientLimiter>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let client = limiter.client_address(peer.ip(), request.headers());
    match limiter.check(client) {
        Ok(()) => next.run(request).await,
        Err(wait) => Problem::rate_limited(
            "Too many applications from this address; try again later.",
            wait,
        )
        .into_response(),
    }
}

/// Reads the optional `Idempotency-Key`: 1 to 255 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .filter(|key| (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()))
        .map(|key| Some(key.to_owned()))
        .ok_or_else(|| {
            Problem::bad_request(
                error_codes::BAD_REQUEST,
                "Idempotency-Key must be 1 to 255 visible ASCII characters.",
            )
        })
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

async fn submit_member(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    if !is_json(&headers) {
        return Err(Problem::unsupported_media_type(
            "Send the application as application/json.",
        ));
    }
    let key = idempotency_key(&headers)?;
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::payload_too_large(format!(
                "The body may be at most {MEMBER_BODY_LIMIT} bytes."
            ))
        } else {
            Problem::bad_request(error_codes::BAD_REQUEST, "The body could not be read.")
        }
    })?;
    let application: MemberApplication = serde_json::from_slice(&body).map_err(|error| {
        Problem::bad_request(
            error_codes::BAD_REQUEST,
            format!("The body is not a valid application: {error}"),
        )
    })?;
    if let Err(fields) = validate_application(&application) {
        return Err(Problem::validation(fields));
    }
    let canonical = serde_json::to_vec(&application).unwrap_or_default();
    let request_hash = format!("{:x}", Sha256::digest(&canonical));
    let outcome = state
        .database
        .submit(key, request_hash, application)
        .await
        .map_err(|error| {
            tracing::error!(%error, "storing an application failed");
            Problem::internal("The application could not be stored; please retry.")
        })?;
    match outcome {
        SubmitOutcome::Respond(stored) => Ok((
            StatusCode::from_u16(stored.status).unwrap_or(StatusCode::CREATED),
            [(header::CONTENT_TYPE, "application/json")],
            stored.body,
        )
            .into_response()),
        // The IETF Idempotency-Key draft: 422 for a key reused with another
        // payload. Its 409 (a request with the key still in flight) never
        // arises here: writes are serialised, so a concurrent duplicate waits
        // for the first and gets its answer.
        SubmitOutcome::KeyReusedWithOtherBody => Err(Problem::idempotency_conflict()),
    }
}
