//! The embed bundle's WebAssembly half. `embed.js` (in `js/`) defines the
//! custom elements; each one, when it joins a page, calls [`mount_widget`]
//! with a container inside its shadow root and its attributes, and frees the
//! returned [`MountedWidget`] when it leaves. Only the widgets' code is
//! linked in: no router, no article view; and of the widgets, only those of
//! the crate's features (one per wasm, in the built bundle). It depends on
//! the app (`gazette`), the contract and the UI's words; nothing depends
//! on it.

use gazette::embed::{
    options::WidgetAttributes,
    widget::{Widget, WidgetKind},
};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// A widget on the page; freeing it (`free()` from JavaScript) removes it.
#[wasm_bindgen]
pub struct MountedWidget {
    _mounted: Box<dyn std::any::Any>,
}

/// Installs the panic hook once, when the module starts. A release build
/// whose panics abort at once (the Makefile's `WASM_RELEASE`) would never
/// call it, so it is left out there.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
}

/// Renders the widget `kind` (`recent-posts` or `join-form`) into `container`;
/// a kind this wasm was not built with is an error, which embed.js shows.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    kind: &str,
    container: web_sys::HtmlElement,
    api: Option<String>,
    limit: Option<String>,
    lang: Option<String>,
    site: Option<String>,
) -> Result<MountedWidget, JsError> {
    let kind = match kind {
        #[cfg(feature = "recent-posts")]
        "recent-posts" => WidgetKind::RECENT_POSTS,
        #[cfg(feature = "join-form")]
        "join-form" => WidgetKind::JOIN_FORM,
        other => return Err(JsError::new(&format!("no {other} widget in this bundle"))),
    };
    let attributes = WidgetAttributes {
        api,
        limit,
        lang,
        site,
    };
    let mounted = leptos::mount::mount_to(container, move || view! { <Widget kind attributes/> });
    Ok(MountedWidget {
        _mounted: Box::new(mounted),
    })
}
