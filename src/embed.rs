//! Iframe embeds (`/embed/recent-posts`, `/embed/join`): pages without the
//! site's chrome that tell their parent page how tall they are.

use leptos::prelude::*;

use crate::i18n::{t, Text};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The path prefix of the embeddable pages.
pub const EMBED_PREFIX: &str = "/embed/";
/// The `type` of the message that carries the height.
pub const HEIGHT_MESSAGE: &str = "gazette:height";

/// Marks a view tree as embedded in another site: links are plain links to
/// the full site, opened in `target` when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    /// The full site's URL or path prefix, without a trailing slash.
    pub site: String,
    /// Where links open: `_top` from an iframe.
    pub target: Option<&'static str>,
}

impl Embedded {
    /// The full site's URL of a site path such as `/posts`.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.site)
    }
}

/// The landmark label of an embedded page, so that two embeds on one host
/// page are told apart; `None` for the site's own pages.
pub fn embed_label(path: &str) -> Option<&'static str> {
    match path.strip_prefix(EMBED_PREFIX)? {
        "recent-posts" => Some(t(Text::RecentPosts)),
        "join" => Some(t(Text::NavJoin)),
        _ => None,
    }
}

/// Whether a path is one of the embeddable pages.
pub fn is_embed_path(path: &str) -> bool {
    path.starts_with(EMBED_PREFIX)
}

/// Posts `{type: "gazette:height", height}` to the parent page now and
/// whenever the document's height changes, for as long as the view lives.
pub fn report_height_to_parent() {
    let post = || {
        let Some(body) = document().body() else {
            return;
        };
        let height = body.scroll_height();
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
        if let Ok(Some(parent)) = window().parent() {
            // Only a height is sent, so any parent may read it; the host's
            // snippet checks that the message comes from our origin.
            let _ = parent.post_message(&message, "*");
        }
    };
    let callback = Closure::<dyn FnMut()>::new(post);
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(body)) = (&observer, document().body()) {
        observer.observe(&body);
    }
    let keep = send_wrapper::SendWrapper::new((observer, callback));
    on_cleanup(move || {
        let (observer, _callback) = keep.take();
        if let Some(observer) = observer {
            observer.disconnect();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::is_embed_path;

    #[test]
    fn embed_paths() {
        assert!(is_embed_path("/embed/join"));
        assert!(!is_embed_path("/posts/embed"));
        assert!(!is_embed_path("/embedded"));
        assert_eq!(super::embed_label("/embed/join"), Some("Join"));
        assert_eq!(super::embed_label("/posts"), None);
    }
}
