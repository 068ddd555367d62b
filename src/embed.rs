//! Iframe embeds (`/embed/recent-posts`, `/embed/join`): pages without the
//! site's chrome that tell their parent page how tall they are.

use leptos::prelude::*;

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The `type` of the message that carries the height.
pub const HEIGHT_MESSAGE: &str = "gazette:height";

/// The label of an embed's `<main>` landmark, which the embedded page names:
/// several embeds on one host page must be told apart.
#[derive(Debug, Clone, Copy)]
pub struct EmbedLabel(pub RwSignal<Option<&'static str>>);

/// Names the landmark of the embed layout this page is in.
pub fn name_embed(label: &'static str) {
    if let Some(EmbedLabel(name)) = use_context() {
        name.set(Some(label));
    }
}

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
