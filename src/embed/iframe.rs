//! `/embed/recent-posts` and `/embed/join`: the site's recent posts and join
//! form for other sites' iframes, without the site's chrome, telling their
//! parent page how tall they are.

use gazette_api::Site;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::{
    components::recent_posts::RecentPosts,
    config::Config,
    embed::Embedded,
    head,
    i18n::{t, Text},
    join::membership_form::{Heading, MembershipForm},
    urls::use_base_path,
};

/// The recent-posts widget alone; its links open the full site.
#[component]
pub fn EmbeddedRecentPosts() -> impl IntoView {
    let config = expect_context::<Config>();
    provide_context(in_iframe());
    report_height_to_parent();
    name_embed(t(Text::RECENT_POSTS));
    head::set_title(t(Text::RECENT_POSTS));
    view! {
        <RecentPosts limit=config.recent_posts whole_page=true/>
    }
}

/// The join form alone, under the membership heading.
#[component]
pub fn EmbeddedJoinForm() -> impl IntoView {
    let title = expect_context::<Site>().membership.title;
    provide_context(in_iframe());
    report_height_to_parent();
    name_embed(t(Text::NAV_JOIN));
    head::set_title(&title);
    view! {
        <MembershipForm heading=Heading::Page/>
    }
}

/// Links from an iframe open this site's pages in the top window.
fn in_iframe() -> Embedded {
    Embedded {
        site: use_base_path().0,
        target: Some("_top"),
    }
}

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
