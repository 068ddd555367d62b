//! The one module that talks to the network.
//!
//! Every request has a time limit, is aborted when the view that asked for it
//! goes away, and fails with a typed [`FetchError`]. Response bodies are
//! untrusted: they are size-checked and decoded, never executed or parsed as HTML.
//!
//! Long because every request goes through the one `get_text`/`post` pair
//! here, with its limits; nothing else fetches.

use std::pin::pin;

use futures::future::{select, Either};
use gazette_api::{
    Article, MemberAccepted, MemberApplication, MemberConfirmation, MemberConfirmed, PostPage,
    Site, SiteWithoutPicture, Term,
};
use gloo_net::http::{Request, RequestBuilder};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::{de::DeserializeOwned, Serialize};

use crate::{
    error::FetchError,
    feed::ListOf,
    urls::{article_path, encode_component, resolve_image_url},
};

/// How long a request may take before it fails with [`FetchError::Timeout`],
/// in seconds (which the timeout's message names).
pub const TIMEOUT_SECS: u32 = 10;
const TIMEOUT_MS: u32 = TIMEOUT_SECS * 1000;
/// The largest response body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The header in which the service worker (`js/sw.js`) says an answer is
/// the copy it saved, and when.
pub const SAVED_HEADER: &str = "x-gazette-saved";
/// Fired on `window` when a read of the posts came from a saved copy.
pub const SAVED_EVENT: &str = "gazette:saved";

thread_local! {
    /// When the last read of the posts that came from a saved copy was saved.
    static SAVED_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// When the last saved copy read was saved, as the worker said.
pub fn saved_copy_at() -> Option<String> {
    SAVED_AT.with(|saved| saved.borrow().clone())
}

/// Notes an answer's [`SAVED_HEADER`] and fires [`SAVED_EVENT`].
#[cfg(feature = "app")]
fn note_saved_copy(saved_at: Option<String>) {
    let Some(saved_at) = saved_at.filter(|at| at.len() <= 40) else {
        return;
    };
    SAVED_AT.with(|saved| *saved.borrow_mut() = Some(saved_at));
    if let Ok(event) = web_sys::Event::new(SAVED_EVENT) {
        let _ = web_sys::window().map(|window| window.dispatch_event(&event));
    }
}

/// What may cut a request short besides an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbortWhen {
    /// The view that asked is cleaned up (navigation), or the time limit passes.
    ViewOrTimeout,
    /// Only the time limit: for prefetches that outlive the view that started them.
    TimeoutOnly,
}

/// A client for one API base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    /// A client for `base`, such as `/api/v1` or `https://api.example.org/v1`.
    pub fn new(base: impl Into<String>) -> ApiClient {
        ApiClient { base: base.into() }
    }

    /// `GET /site`.
    pub async fn site(&self) -> Result<Site, FetchError> {
        get_json(&format!("{}/site", self.base), AbortWhen::ViewOrTimeout).await
    }

    /// `GET /site` without the site's picture, for a view that never shows it.
    pub async fn site_without_picture(&self) -> Result<Site, FetchError> {
        let url = format!("{}/site", self.base);
        let site: SiteWithoutPicture = get_json(&url, AbortWhen::ViewOrTimeout).await?;
        Ok(site.into())
    }

    /// `GET /posts`: one page of a list's summaries, newest first.
    pub async fn posts(
        &self,
        list: &ListOf,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<PostPage, FetchError> {
        let mut page: PostPage = get_json(
            &posts_url(&self.base, list, limit, cursor),
            AbortWhen::ViewOrTimeout,
        )
        .await?;
        for cover in page.items.iter_mut().filter_map(|post| post.cover.as_mut()) {
            cover.map_urls(|src| resolve_image_url(&self.base, src));
        }
        Ok(page)
    }

    /// `GET /tags/{slug}` or `GET /authors/{slug}`: the tag or author a
    /// list is of; `None` for the list of all posts.
    pub async fn term(&self, list: &ListOf) -> Result<Option<Term>, FetchError> {
        let Some(url) = term_url(&self.base, list) else {
            return Ok(None);
        };
        let mut term: Term = get_json(&url, AbortWhen::ViewOrTimeout).await?;
        if let Some(image) = term.image.as_mut() {
            image.map_urls(|src| resolve_image_url(&self.base, src));
        }
        Ok(Some(term))
    }

    /// `GET /posts/{slug}`.
    pub async fn article(&self, slug: &str, abort: AbortWhen) -> Result<Article, FetchError> {
        let mut article: Article =
            get_json(&format!("{}{}", self.base, article_path(slug)), abort).await?;
        for image in article.images_mut() {
            image.map_urls(|src| resolve_image_url(&self.base, src));
        }
        Ok(article)
    }

    /// `POST /members`, with the form's idempotency key. Retries with the same
    /// key are answered the same and stored once.
    pub async fn apply_for_membership(
        &self,
        application: &MemberApplication,
        idempotency_key: &str,
    ) -> Result<MemberAccepted, FetchError> {
        let url = format!("{}/members", self.base);
        let text = send(
            Request::post(&url).header("Idempotency-Key", idempotency_key),
            |builder| with_json(builder, application),
            AbortWhen::TimeoutOnly,
        )
        .await?;
        decode(&url, &text)
    }

    /// `POST /members/confirmations`: the token of a confirmation link.
    /// Sending it twice is harmless (the second answer is `already_confirmed`).
    pub async fn confirm_membership(&self, token: &str) -> Result<MemberConfirmed, FetchError> {
        let url = format!("{}/members/confirmations", self.base);
        let body = MemberConfirmation {
            token: token.to_owned(),
        };
        let text = send(
            Request::post(&url),
            |builder| with_json(builder, &body),
            AbortWhen::TimeoutOnly,
        )
        .await?;
        decode(&url, &text)
    }
}

/// The URL of one page of posts.
pub fn posts_url(base: &str, list: &ListOf, limit: u32, cursor: Option<&str>) -> String {
    let list = list.query();
    match cursor {
        Some(cursor) => format!(
            "{base}/posts?limit={limit}{list}&cursor={}",
            encode_component(cursor)
        ),
        None => format!("{base}/posts?limit={limit}{list}"),
    }
}

/// `GET /tags/{slug}` or `GET /authors/{slug}`; `None` for the list of all.
pub fn term_url(base: &str, list: &ListOf) -> Option<String> {
    match list {
        ListOf::All | ListOf::Edition(_) => None,
        ListOf::Tag(slug) => Some(format!("{base}/tags/{}", encode_component(slug))),
        ListOf::Author(slug) => Some(format!("{base}/authors/{}", encode_component(slug))),
    }
}

/// A request with a JSON body.
fn with_json<T: Serialize>(builder: RequestBuilder, body: &T) -> Result<Request, gloo_net::Error> {
    let text = crate::json::to_string(body)
        .map_err(|error| gloo_net::Error::GlooError(error.to_string()))?;
    builder
        .header("Content-Type", "application/json")
        .body(text)
}

/// GETs a URL and decodes its JSON body.
pub async fn get_json<T: DeserializeOwned>(url: &str, abort: AbortWhen) -> Result<T, FetchError> {
    let text = get_text(url, abort).await?;
    decode(url, &text)
}

fn decode<T: DeserializeOwned>(url: &str, text: &str) -> Result<T, FetchError> {
    crate::json::from_str(text).map_err(|error| {
        leptos::logging::error!("undecodable response from {url}: {error}");
        FetchError::Decode(error.to_string())
    })
}

/// GETs a URL and returns its body as text, with the time limit and abort rules.
pub async fn get_text(url: &str, abort: AbortWhen) -> Result<String, FetchError> {
    send(
        Request::get(url).header("Accept", "application/json"),
        RequestBuilder::build,
        abort,
    )
    .await
}

/// Sends a request built by `finish` (which adds the body), with the time
/// limit and abort rules, and returns the body of a successful answer.
async fn send(
    builder: RequestBuilder,
    finish: impl FnOnce(RequestBuilder) -> Result<Request, gloo_net::Error>,
    abort: AbortWhen,
) -> Result<String, FetchError> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|controller| controller.signal());
    let on_timeout = controller.clone();
    // Abort the request if the view that asked for it is cleaned up first,
    // as Leptos's hackernews example does.
    if abort == AbortWhen::ViewOrTimeout {
        let on_dispose = SendWrapper::new(controller);
        on_cleanup(move || {
            if let Some(controller) = on_dispose.take() {
                controller.abort();
            }
        });
    }
    let request = finish(builder.abort_signal(signal.as_ref())).map_err(network_error)?;

    let exchange = async {
        let response = request.send().await.map_err(network_error)?;
        let text = response.text().await.map_err(network_error)?;
        if text.len() > MAX_BODY_BYTES {
            return Err(FetchError::Decode(format!(
                "the response is larger than {MAX_BODY_BYTES} bytes"
            )));
        }
        if response.ok() {
            // Only the app reads offline; the widgets' bundle has no worker.
            // The posts (a list, an article) are what a page shows; the site's
            // own answer is read by every page and would date them all.
            #[cfg(feature = "app")]
            if response.url().contains("/posts") {
                note_saved_copy(response.headers().get(SAVED_HEADER));
            }
            Ok(text)
        } else {
            let retry_after = response.headers().get("retry-after");
            Err(FetchError::from_status(
                response.status(),
                &text,
                retry_after.as_deref(),
            ))
        }
    };
    let outcome = match select(pin!(exchange), pin!(TimeoutFuture::new(TIMEOUT_MS))).await {
        Either::Left((result, _)) => result,
        Either::Right(_) => {
            if let Some(controller) = on_timeout {
                controller.abort();
            }
            Err(FetchError::Timeout)
        }
    };
    outcome
}

/// A request that got no answer, with the browser's message. Not through
/// gloo-net's `Display`, whose serde_json variant (which leptos's server
/// functions turn on, and which nothing here produces) would bring
/// serde_json's error messages into the wasm.
fn network_error(error: gloo_net::Error) -> FetchError {
    FetchError::Network(match error {
        gloo_net::Error::JsError(error) => error.to_string(),
        gloo_net::Error::GlooError(message) => message,
        #[allow(unreachable_patterns)]
        _ => "the request could not be made".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_built_and_encoded() {
        assert_eq!(
            posts_url("/api/v1", &ListOf::All, 10, None),
            "/api/v1/posts?limit=10"
        );
        assert_eq!(
            posts_url("https://x.org/v1", &ListOf::All, 3, Some("a b&c=d")),
            "https://x.org/v1/posts?limit=3&cursor=a%20b%26c%3Dd"
        );
        let tag = ListOf::Tag("a&b".into());
        assert_eq!(
            posts_url("/api/v1", &tag, 10, Some("c")),
            "/api/v1/posts?limit=10&tag=a%26b&cursor=c"
        );
        assert_eq!(term_url("/api/v1", &tag).unwrap(), "/api/v1/tags/a%26b");
        let author = ListOf::Author("hans".into());
        assert_eq!(term_url("/v1", &author).unwrap(), "/v1/authors/hans");
        assert_eq!(term_url("/v1", &ListOf::All), None);
    }
}
