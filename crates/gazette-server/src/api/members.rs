//! `POST /members`: a membership application, limited per client, stored
//! once per `Idempotency-Key`; `POST /members/confirmations`: the token of a
//! confirmation link, limited the same way.

use std::net::SocketAddr;

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, ConnectInfo, Request, State},
    http::{header, HeaderMap, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::post,
    Router,
};
use gazette_api::{
    error_codes, member_status, validation::validate_application, MemberApplication,
    MemberConfirmation, MemberConfirmed, API_PREFIX,
};
use sha2::{Digest, Sha256};

use gazette_members::store::{ConfirmOutcome, SubmitOutcome};

use crate::{
    api::AppState,
    http::{rate_limit::ClientLimiter, Problem},
};

/// The largest `POST /members` body accepted, in bytes.
pub const MEMBER_BODY_LIMIT: usize = 16 * 1024;

pub fn router(limiter: ClientLimiter) -> Router<AppState> {
    let members = post(submit_member)
        .route_layer(middleware::from_fn_with_state(
            limiter.clone(),
            limit_per_client,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(MEMBER_BODY_LIMIT));
    let confirmations = post(confirm_member)
        .route_layer(middleware::from_fn_with_state(limiter, limit_per_client))
        .layer(axum::extract::DefaultBodyLimit::max(MEMBER_BODY_LIMIT));
    Router::new()
        .route(&format!("{API_PREFIX}/members"), members)
        .route(
            &format!("{API_PREFIX}/members/confirmations"),
            confirmations,
        )
}

async fn limit_per_client(
    State(limiter): State<ClientLimiter>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let client = limiter.client_address(peer.ip(), request.headers());
    match limiter.check(client).await {
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

/// Reads a JSON body of type `T`, after checking its media type and size.
fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    what: &str,
) -> Result<T, Problem> {
    if !is_json(headers) {
        return Err(Problem::unsupported_media_type(format!(
            "Send the {what} as application/json."
        )));
    }
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::payload_too_large(format!(
                "The body may be at most {MEMBER_BODY_LIMIT} bytes."
            ))
        } else {
            Problem::bad_request(error_codes::BAD_REQUEST, "The body could not be read.")
        }
    })?;
    serde_json::from_slice(&body).map_err(|error| {
        Problem::bad_request(
            error_codes::BAD_REQUEST,
            format!("The body is not a valid {what}: {error}"),
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
    let key = idempotency_key(&headers)?;
    let application: MemberApplication = json_body(&headers, body, "application")?;
    if let Err(fields) = validate_application(&application) {
        return Err(Problem::validation(fields));
    }
    let canonical = serde_json::to_vec(&application).unwrap_or_default();
    let request_hash = format!("{:x}", Sha256::digest(&canonical));
    let outcome = state
        .membership
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

/// Follows a confirmation link: `200` confirmed or already confirmed, `404`
/// for a token never issued, `410` for one that expired.
async fn confirm_member(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let MemberConfirmation { token } = json_body(&headers, body, "confirmation")?;
    let outcome = state.membership.confirm(token).await.map_err(|error| {
        tracing::error!(%error, "confirming an application failed");
        Problem::internal("The application could not be confirmed; please retry.")
    })?;
    let status = match outcome {
        ConfirmOutcome::Confirmed => member_status::CONFIRMED,
        ConfirmOutcome::AlreadyConfirmed => member_status::ALREADY_CONFIRMED,
        ConfirmOutcome::Expired => return Err(Problem::confirmation_expired()),
        ConfirmOutcome::Unknown => return Err(Problem::confirmation_unknown()),
    };
    Ok(axum::Json(MemberConfirmed {
        status: status.to_owned(),
    })
    .into_response())
}
