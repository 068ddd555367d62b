//! The `/api/v1` endpoints, a router per resource (`published`, `members`),
//! and what they share: the state, CORS, conditional GETs, and [`Problem`],
//! which makes every error an [`ApiError`] body.

mod members;
mod published;

use std::time::Duration;

use axum::{
    http::{header, HeaderMap, HeaderValue, Method},
    response::Response,
    routing::any,
    Router,
};
use tower_http::cors::{AllowOrigin, CorsLayer};

use gazette_content::{tagged::TaggedBody, Current};
use gazette_members::Membership;

use crate::http::{
    self,
    encoding::{encoded_response, KeptBodies},
    rate_limit::ClientLimiter,
    Problem,
};

/// `Cache-Control` of every successful GET.
const API_CACHE_CONTROL: &str = "public, max-age=60";

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The loaded content folder.
    pub content: Current,
    /// Membership applications and their confirmation.
    pub membership: Membership,
    /// The articles' JSON, each compressed the first time it is asked for.
    pub kept: KeptBodies,
}

/// The API's routes, with CORS for the allowed origins and the member limiter.
pub fn router(state: AppState, limiter: ClientLimiter, allow_origins: &[String]) -> Router {
    let router = Router::new()
        .merge(published::router())
        .merge(members::router(limiter))
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

/// Sends a JSON body made for this request, or `304` when the client
/// already has it (the compression layer compresses it).
fn conditional_json(request_headers: &HeaderMap, body: &TaggedBody) -> Response {
    http::conditional(request_headers, body, "application/json", API_CACHE_CONTROL)
}

/// Sends a JSON body that stays (an article's), compressed once, or `304`.
fn kept_json(kept: &KeptBodies, request_headers: &HeaderMap, body: &TaggedBody) -> Response {
    encoded_response(
        request_headers,
        &kept.of(body),
        "application/json",
        API_CACHE_CONTROL,
    )
}
