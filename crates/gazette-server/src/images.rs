//! `GET /images/{file}`: the pictures' variants, which `pictures.rs` makes,
//! and the build's own images.

use std::path::Path;

use axum::{
    extract::{Path as UrlPath, Request},
    http::{header, HeaderValue},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use gazette_content::{pictures::FOLDER, Current};

use crate::http::{self, cache_rule, Problem, IMMUTABLE};

/// `GET /images/{file}`: the variants of the content being served, cached
/// for a year (their names change with the picture); any other file under
/// `/images/` is the build's own (`dist/images/`, from `public/`).
pub fn router(content: Current, dist: Option<&Path>) -> Router {
    let dist = std::sync::Arc::new(dist.map(Path::to_owned));
    let serve = move |UrlPath(file): UrlPath<String>, request: Request| {
        let (content, dist) = (content.clone(), dist.clone());
        async move {
            let content = content.get();
            let pictures = content.pictures();
            let plain_name = !file.starts_with('.') && !file.contains(['/', '\\', '\0']);
            let (path, rule) = match dist.as_ref() {
                _ if !plain_name => return Problem::not_found("No such picture.").into_response(),
                _ if pictures.files().any(|name| name == file) => {
                    (pictures.cache().join(&file), IMMUTABLE)
                }
                Some(dist) => (
                    dist.join(FOLDER).join(&file),
                    cache_rule(request.uri().path()),
                ),
                None => return Problem::not_found("No such picture.").into_response(),
            };
            let mut response: Response = match ServeFile::new(path).oneshot(request).await {
                Ok(response) => response.map(axum::body::Body::new),
                Err(never) => match never {},
            };
            if response.status().is_success() {
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static(rule));
            } else if response.status() == axum::http::StatusCode::NOT_FOUND {
                return Problem::not_found("No such picture.").into_response();
            }
            response
        }
    };
    Router::new()
        .route(&format!("/{FOLDER}/{{file}}"), get(serve))
        .layer(middleware::from_fn(http::file_validators))
        // A name longer than the file system allows made its error a 500.
        .layer(middleware::from_fn(crate::assets::refuse_hostile_paths))
}
