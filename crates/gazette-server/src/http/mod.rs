//! HTTP's own rules, written once for every handler: the cache rule of each
//! kind of file (which the static hosts' `_headers` repeat), and one
//! conditional GET, [`none_match`], that answers `304` when the client
//! already has what it asks for: a body made ahead (the API's JSON, the
//! prerendered pages, the feed, the sitemap) by its entity tag, and a file
//! (the app's, the pictures) by one made of its date and length. A leaf: it
//! knows nothing of content or pages.

pub mod encoding;
mod problem;
pub mod rate_limit;
pub mod security;

pub use problem::Problem;

use axum::{
    extract::Request,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use gazette_content::tagged::{entity_tag, TaggedBody};

/// Cache rule for files whose names carry a content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache rule for files that must be revalidated on every use.
pub const NO_CACHE: &str = "no-cache";
/// Cache rule for other static files, such as images in `public/`.
pub const SHORT_CACHE: &str = "public, max-age=3600";

/// Whether a file name carries Trunk's content hash: `name-<hex>[_bg].ext`,
/// where the hash is a 64-bit number in hex without leading zeros (so 13 to 16
/// digits but for one name in 4,096), on the kinds of file Trunk and the embed
/// build hash. A content file such as `cover-1716368400000.jpg` is not one: it
/// may be replaced under the same name.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(extension, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (13..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The `Cache-Control` of a built file, by its path.
pub fn cache_rule(path: &str) -> &'static str {
    // The search index: Pagefind's chunks are named by their hash; its
    // manifest, script and wasm keep their names and point at the chunks.
    let search_dir = format!("/{}/", gazette_search::SEARCH_DIR);
    if let Some((_, file)) = path.split_once(&search_dir) {
        return if gazette_search::is_immutable(file) {
            IMMUTABLE
        } else {
            NO_CACHE
        };
    }
    if is_hashed_asset(path) {
        IMMUTABLE
    } else if path.ends_with('/')
        || path.ends_with(".html")
        || path.ends_with(".xml")
        || path.ends_with("/robots.txt")
        || path.ends_with("/config.json")
        || path.ends_with("/embed.js")
        || path.ends_with("/search-worker.js")
        || path.ends_with(".webmanifest")
        || path.ends_with("/sw.js")
        || path.ends_with("/offline.js")
    {
        // Files whose name stays while their content changes: embed.js points
        // other sites at the current bundle, config.json is edited in place,
        // the feed and the sitemap change with every post, the search
        // worker speaks to the app of the same build, the manifest names the
        // site as it is now; the service worker (and what registers it) must
        // be looked at again on every visit, or a deploy would go unseen.
        NO_CACHE
    } else {
        SHORT_CACHE
    }
}

/// The body with its `ETag`, `Content-Type` and `Cache-Control`, or `304
/// Not Modified` with the same `ETag` and `Cache-Control` when the request's
/// `If-None-Match` names it.
pub fn conditional(
    request: &HeaderMap,
    body: &TaggedBody,
    content_type: &'static str,
    cache_control: &'static str,
) -> Response {
    let mut response = if none_match(request, &body.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body.bytes.clone()).into_response()
    };
    let headers = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&body.etag) {
        headers.insert(header::ETAG, etag);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    response
}

/// Middleware for the routers that serve files: tower-http's `ServeDir`
/// and `ServeFile` send `Last-Modified` and answer `If-Modified-Since`, but
/// give no entity tag. This gives each file answered whole a weak one, made
/// of its `Last-Modified`, length and encoding (a precompressed file is
/// another representation), and answers `If-None-Match` by the same rule as
/// every other GET: `304`, with the validators and the cache rule kept.
pub async fn file_validators(request: Request, next: Next) -> Response {
    let asked = request.headers().clone();
    let mut response = next.run(request).await;
    let headers = response.headers();
    if response.status() != StatusCode::OK {
        return response;
    }
    let (Some(modified), Some(length)) = (
        headers.get(header::LAST_MODIFIED),
        headers.get(header::CONTENT_LENGTH),
    ) else {
        return response;
    };
    let mut validators = Vec::new();
    for part in [
        Some(modified),
        Some(length),
        headers.get(header::CONTENT_ENCODING),
    ] {
        validators.extend_from_slice(part.map_or(&b""[..], HeaderValue::as_bytes));
        validators.push(b'\n');
    }
    let etag = format!("W/{}", entity_tag(&validators));
    let Ok(value) = HeaderValue::from_str(&etag) else {
        return response;
    };
    if none_match(&asked, &etag) {
        let mut fresh = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::CACHE_CONTROL, header::LAST_MODIFIED, header::VARY] {
            if let Some(kept) = response.headers().get(&name) {
                fresh.headers_mut().insert(name, kept.clone());
            }
        }
        response = fresh;
    }
    response.headers_mut().insert(header::ETAG, value);
    response
}

/// Whether `If-None-Match` names `etag` (RFC 9110, 13.1.2): the weak
/// comparison (`W/"x"` matches `"x"`), `*` for any representation, a list,
/// or the field sent several times. A list that stops parsing matches
/// nothing after that point, so a malformed field never answers `304` by
/// mistake.
pub fn none_match(request: &HeaderMap, etag: &str) -> bool {
    let ours = opaque(etag);
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|field| entity_tags(field).any(|tag| tag == "*" || Some(tag) == ours))
}

/// The quoted part of an entity tag, without `W/`.
fn opaque(tag: &str) -> Option<&str> {
    let tag = tag.strip_prefix("W/").unwrap_or(tag);
    (tag.len() >= 2 && tag.starts_with('"') && tag.ends_with('"')).then_some(tag)
}

/// The entity tags of one `If-None-Match` field, each as its quoted part
/// (`"x"`), or `*`. An entity tag may hold a comma, so the list is read tag
/// by tag, not split on commas.
fn entity_tags(field: &str) -> impl Iterator<Item = &str> {
    let mut rest = field;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        if let Some(after) = rest.strip_prefix('*') {
            rest = after;
            return Some("*");
        }
        let quoted = rest.strip_prefix("W/").unwrap_or(rest);
        let end = quoted.strip_prefix('"')?.find('"')? + 2;
        let tag = &quoted[..end];
        rest = &quoted[end..];
        Some(tag)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(fields: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for field in fields {
            headers.append(header::IF_NONE_MATCH, HeaderValue::from_str(field).unwrap());
        }
        headers
    }

    #[test]
    fn hashed_assets_are_recognised() {
        assert!(is_hashed_asset("/gazette-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/gazette-0123456789abcdef.js"));
        assert!(is_hashed_asset(
            "/gazette-embed-join-form-0123456789abcdef_bg.wasm"
        ));
        assert!(is_hashed_asset("/news/style-0123456789abcdef.css"));
        assert!(is_hashed_asset("/feed-327056ffd4ad3d3.css"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/images/photo-640.webp"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/images/cover-1716368400000.jpg"));
        assert!(!is_hashed_asset("/embed.js"));
        assert_eq!(cache_rule("/embed.js"), NO_CACHE);
        assert_eq!(cache_rule("/news/embed.js"), NO_CACHE);
        assert_eq!(cache_rule("/images/cover-1716368400000.jpg"), SHORT_CACHE);
    }

    #[test]
    fn cache_rules() {
        assert_eq!(cache_rule("/"), NO_CACHE);
        assert_eq!(cache_rule("/config.json"), NO_CACHE);
        assert_eq!(cache_rule("/news/pagefind/pagefind-entry.json"), NO_CACHE);
        assert_eq!(cache_rule("/search-worker.js"), NO_CACHE);
        assert_eq!(cache_rule("/pagefind/wasm.cs.pagefind"), NO_CACHE);
        assert_eq!(
            cache_rule("/pagefind/fragment/cs_1a2b3c4.pf_fragment"),
            IMMUTABLE
        );
        assert_eq!(cache_rule("/gazette-0123456789abcdef_bg.wasm"), IMMUTABLE);
        assert_eq!(cache_rule("/images/a-640.webp"), SHORT_CACHE);
    }

    #[test]
    fn if_none_match_compares_weakly_and_reads_lists_and_stars() {
        let etag = "\"abc\"";
        for fields in [
            &["\"abc\""][..],
            &["W/\"abc\""],
            &["*"],
            &["\"x\", \"abc\""],
            &["\"x\",W/\"abc\""],
            &["\"x\"", "\"abc\""],
            &["  \"x\" ,\t\"abc\"  "],
            &["\"a,b\", \"abc\""],
        ] {
            assert!(none_match(&asking(fields), etag), "{fields:?}");
        }
        for fields in [
            &[][..],
            &["\"abcd\""],
            &["abc"],
            &["\"ab"],
            &["\"a,b\""],
            &["\"x\" \"abc"],
            &["garbage, \"abc\""],
            &[""],
        ] {
            assert!(!none_match(&asking(fields), etag), "{fields:?}");
        }
    }

    #[test]
    fn a_weak_tag_of_ours_matches_as_its_strong_form() {
        assert!(none_match(&asking(&["\"abc\""]), "W/\"abc\""));
    }

    #[test]
    fn a_matching_request_is_answered_304_with_the_same_validators() {
        let body = TaggedBody::of(b"hello".to_vec());
        let fresh = conditional(&asking(&[&body.etag]), &body, "text/plain", "no-cache");
        assert_eq!(fresh.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(fresh.headers()[header::ETAG], body.etag.as_str());
        assert_eq!(fresh.headers()[header::CACHE_CONTROL], "no-cache");
        let stale = conditional(&asking(&["\"other\""]), &body, "text/plain", "no-cache");
        assert_eq!(stale.status(), StatusCode::OK);
        assert_eq!(stale.headers()[header::CONTENT_TYPE], "text/plain");
        assert_eq!(stale.headers()[header::ETAG], body.etag.as_str());
    }

    #[test]
    fn the_tag_is_the_bytes_hash_and_json_is_serialised() {
        assert_eq!(
            TaggedBody::of(b"x".to_vec()).etag,
            TaggedBody::of(b"x".to_vec()).etag
        );
        assert_ne!(
            TaggedBody::of(b"x".to_vec()).etag,
            TaggedBody::of(b"y".to_vec()).etag
        );
        assert_eq!(TaggedBody::json(&[1, 2]).bytes, b"[1,2]");
    }
}
