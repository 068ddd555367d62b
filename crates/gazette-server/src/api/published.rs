//! `GET /site`, `GET /posts` (the root's, an edition's, one tag's or author's), `GET /posts/{slug}`,
//! and the tags and authors: what is published, from bodies serialised once
//! at start-up where they do not depend on the query, with `ETag`s.

use axum::{
    extract::{Path, Query, State},
    http::HeaderMap,
    response::IntoResponse,
    response::Response,
    routing::get,
    Router,
};
use gazette_api::{error_codes, languages::primary, API_PREFIX};
use serde::Deserialize;

use gazette_content::{tagged::TaggedBody, Cursor, Filter};

use crate::{
    api::{conditional_json, kept_json, AppState},
    http::Problem,
};

/// The page size when `limit` is absent.
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// The largest `limit` accepted.
pub const MAX_PAGE_SIZE: usize = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(&format!("{API_PREFIX}/site"), get(site))
        .route(&format!("{API_PREFIX}/posts"), get(posts))
        .route(&format!("{API_PREFIX}/posts/{{slug}}"), get(post_by_slug))
        .route(&format!("{API_PREFIX}/tags"), get(tags))
        .route(&format!("{API_PREFIX}/tags/{{slug}}"), get(tag))
        .route(&format!("{API_PREFIX}/authors"), get(authors))
        .route(&format!("{API_PREFIX}/authors/{{slug}}"), get(author))
}

async fn site(State(state): State<AppState>, headers: HeaderMap) -> Response {
    kept_json(&state.kept, &headers, state.content.get().site())
}

#[derive(Deserialize)]
struct PostsQuery {
    limit: Option<String>,
    cursor: Option<String>,
    tag: Option<String>,
    author: Option<String>,
    lang: Option<String>,
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
    let content = state.content.get();
    // The site's own language is the root's list; another, its edition's.
    let site_lang = primary(&content.site_value().lang);
    let edition = query.lang.as_deref().filter(|lang| *lang != site_lang);
    let filter = match (query.tag.as_deref(), query.author.as_deref(), edition) {
        (None, None, None) => Filter::All,
        (None, None, Some(lang)) => Filter::Edition(lang),
        (Some(tag), None, None) => Filter::Tag(tag),
        (None, Some(author), None) => Filter::Author(author),
        _ => {
            return Err(Problem::bad_request(
                error_codes::BAD_REQUEST,
                "Give one of tag, author and lang.",
            ))
        }
    };
    let page = content
        .page(filter, limit, cursor.as_ref())
        .ok_or_else(|| no_such(filter))?;
    Ok(conditional_json(&headers, &TaggedBody::json(&page)))
}

async fn post_by_slug(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, Problem> {
    let content = state.content.get();
    if let Some(body) = content.article(&slug) {
        return Ok(kept_json(&state.kept, &headers, body));
    }
    match content.redirect(&slug) {
        // Relative, so that it holds under any base path.
        Some(now) => Ok((
            axum::http::StatusCode::MOVED_PERMANENTLY,
            [(axum::http::header::LOCATION, now.to_owned())],
        )
            .into_response()),
        None => Err(Problem::not_found("There is no post with that slug.")),
    }
}

/// The answer for a tag or an author there is none of.
fn no_such(filter: Filter) -> Problem {
    match filter {
        Filter::Author(_) => Problem::not_found("There is no author with that slug."),
        Filter::Edition(_) => Problem::not_found("The site has no edition in that language."),
        _ => Problem::not_found("There is no tag with that slug."),
    }
}

async fn tags(State(state): State<AppState>, headers: HeaderMap) -> Response {
    conditional_json(&headers, &TaggedBody::json(&state.content.get().tags()))
}

async fn tag(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, Problem> {
    let content = state.content.get();
    let tag = content
        .tag(&slug)
        .ok_or_else(|| no_such(Filter::Tag(&slug)))?;
    Ok(conditional_json(&headers, &TaggedBody::json(tag)))
}

async fn authors(State(state): State<AppState>, headers: HeaderMap) -> Response {
    conditional_json(&headers, &TaggedBody::json(&state.content.get().authors()))
}

async fn author(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, Problem> {
    let content = state.content.get();
    let author = content
        .author(&slug)
        .ok_or_else(|| no_such(Filter::Author(&slug)))?;
    Ok(conditional_json(&headers, &TaggedBody::json(author)))
}
