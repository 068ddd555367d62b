//! Security and transport layers applied to every response.

use std::time::Duration;

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use gazette_api::error_codes;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::api::Problem;

/// The Content-Security-Policy: no inline code but the hashed scripts, no eval
/// but WebAssembly's, images from anywhere secure.
/// `api_origins` (an API elsewhere) may be called, and serve images.
pub fn content_security_policy(
    script_hashes: Vec<String>,
    api_origins: &[String],
    frame_ancestors: &str,
) -> String {
    let mut script_src = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    script_src.extend(script_hashes);
    let api: String = api_origins
        .iter()
        .filter(|source| !source.is_empty() && !source.contains([';', ',', ' ']))
        .map(|source| format!(" {source}"))
        .collect();
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' data: https:{api}; \
         connect-src 'self'{api}; font-src 'self'; frame-ancestors {frame_ancestors}; \
         base-uri 'self'; form-action 'self'; object-src 'none'",
        script_src.join(" ")
    )
}

fn internal_error(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        error_codes::INTERNAL,
        "The server failed; please retry.",
    )
    .into_response()
}

/// Wraps a router in compression, logging, a request timeout, panic recovery
/// and the security headers.
pub fn with_headers(router: Router, csp: String) -> Router {
    let csp = HeaderValue::from_str(&csp)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    router
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(CatchPanicLayer::custom(internal_error))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_strict() {
        let csp = content_security_policy(
            vec!["'sha256-abc'".into()],
            &["https://api.example.org".into()],
            "'none'",
        );
        assert!(csp.contains("connect-src 'self' https://api.example.org;"));
        assert!(csp.contains("img-src 'self' data: https: https://api.example.org;"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
    }
}
