//! Security and transport layers applied to every response.

use gazette_api::content::PLAYER_ORIGINS;
use std::time::Duration;

use axum::{
    extract::Request,
    http::{header, HeaderName, HeaderValue},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    Router,
};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::http::Problem;

/// The Content-Security-Policy: no inline code but the hashed scripts, no eval
/// but WebAssembly's, images from anywhere secure, no frames.
/// `api_origins` (an API elsewhere) may be called, and serve images; with
/// `players` (`config.json`'s `play_embeds`), the video players of
/// [`PLAYER_ORIGINS`] may be framed, and nothing else.
pub fn content_security_policy(
    script_hashes: Vec<String>,
    api_origins: &[String],
    frame_ancestors: &str,
    players: bool,
) -> String {
    let mut script_src = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    script_src.extend(script_hashes);
    let api: String = api_origins
        .iter()
        .filter(|source| !source.is_empty() && !source.contains([';', ',', ' ']))
        .map(|source| format!(" {source}"))
        .collect();
    let frame_src = if players {
        PLAYER_ORIGINS.join(" ")
    } else {
        "'none'".to_owned()
    };
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' data: https:{api}; \
         connect-src 'self'{api}; font-src 'self'; worker-src 'self'; manifest-src 'self'; \
         frame-src {frame_src}; \
         frame-ancestors {frame_ancestors}; base-uri 'self'; form-action 'self'; object-src 'none'",
        script_src.join(" ")
    )
}

/// The security headers every answer carries besides the CSP, by name and
/// value; the static hosts' `_headers` repeats them from here.
pub const FIXED_HEADERS: [(&str, &str); 2] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
];

fn internal_error(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request panicked");
    Problem::internal("The server failed; please retry.").into_response()
}

/// Wraps a router in the security headers, logging, a time limit per request,
/// panic recovery, error bodies and compression. The order matters: the
/// headers are outermost, so that a timeout or a caught panic carries them too.
pub fn with_headers(router: Router, csp: String, request_timeout: Duration) -> Router {
    let csp = HeaderValue::from_str(&csp)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let router = router
        .layer(middleware::from_fn(errors_as_problems))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(CatchPanicLayer::custom(internal_error))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            within(request_timeout, request, next)
        }))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ));
    FIXED_HEADERS
        .into_iter()
        .fold(router, |router, (name, value)| {
            router.layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            ))
        })
        .layer(TraceLayer::new_for_http())
}

/// A 503 with an `ApiError` when the request (its body included) takes longer
/// than `limit`.
async fn within(limit: Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Problem::timeout().into_response(),
    }
}

/// Every error answer has an `ApiError` body and is never cached: answers of
/// our own handlers already are `Problem`s; this catches the rest (rejections
/// of the router and of extractors, which are plain text).
async fn errors_as_problems(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"application/json"));
    if is_json {
        let mut response = response;
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    let (parts, _) = response.into_parts();
    let mut problem = Problem::for_status(status).into_response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = parts.headers.get(&name) {
            problem.headers_mut().insert(name, value.clone());
        }
    }
    problem
}

#[cfg(test)]
mod tests {
    use axum::{body::Body, http::StatusCode, routing::get};
    use gazette_api::error_codes;
    use tower::ServiceExt;

    use super::*;

    /// A router with a panicking route, one that never answers, and one that
    /// rejects its path parameter, under the production layers.
    async fn answer(path: &str) -> (StatusCode, axum::http::HeaderMap, gazette_api::ApiError) {
        let router = Router::new()
            .route("/panic", get(|| async { panic!("a bug") as &'static str }))
            .route("/hang", get(std::future::pending::<&'static str>))
            .route(
                "/number/{n}",
                get(|axum::extract::Path(n): axum::extract::Path<u8>| async move { n.to_string() }),
            );
        let app = with_headers(
            router,
            "default-src 'self'".into(),
            Duration::from_millis(50),
        );
        let request = axum::http::Request::get(path).body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, 10_000).await.unwrap();
        let error = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("{path}: not an ApiError: {bytes:?}"));
        (parts.status, parts.headers, error)
    }

    #[tokio::test]
    async fn panics_timeouts_and_rejections_are_api_errors_with_every_header() {
        for (path, status, code) in [
            (
                "/panic",
                StatusCode::INTERNAL_SERVER_ERROR,
                error_codes::INTERNAL,
            ),
            (
                "/hang",
                StatusCode::SERVICE_UNAVAILABLE,
                error_codes::TIMEOUT,
            ),
            (
                "/number/x",
                StatusCode::BAD_REQUEST,
                error_codes::BAD_REQUEST,
            ),
            ("/nothing", StatusCode::NOT_FOUND, error_codes::NOT_FOUND),
        ] {
            let (got, headers, error) = answer(path).await;
            assert_eq!((got, error.code.as_str()), (status, code), "{path}");
            assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{path}");
            assert_eq!(
                headers[header::CONTENT_SECURITY_POLICY],
                "default-src 'self'",
                "{path}"
            );
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
            assert!(headers.contains_key(header::REFERRER_POLICY), "{path}");
        }
    }

    #[test]
    fn the_policy_is_strict() {
        let csp = content_security_policy(
            vec!["'sha256-abc'".into()],
            &["https://api.example.org".into()],
            "'none'",
            false,
        );
        assert!(
            csp.contains("frame-src 'none';"),
            "no frames unless the site plays videos here"
        );
        let players = content_security_policy(Vec::new(), &[], "'self'", true);
        assert!(players
            .contains("frame-src https://www.youtube-nocookie.com https://player.vimeo.com;"));
        assert!(csp.contains("connect-src 'self' https://api.example.org;"));
        assert!(csp.contains("img-src 'self' data: https: https://api.example.org;"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
    }
}
