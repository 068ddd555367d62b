//! Shared by the component tests: mounting a view into the real document.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;

use futures::channel::oneshot;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Mounts a view into a new `<div>` in the body and returns that element.
pub fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    std::mem::forget(leptos::mount::mount_to(host.clone(), view));
    host
}

/// Waits until `ready` holds for `host`: at once when it does, else after
/// each change under `host` (a `MutationObserver`, no timers), so a test
/// waits for the condition itself, however slow the machine.
pub async fn until(host: &web_sys::Element, ready: impl Fn(&web_sys::Element) -> bool) {
    while !ready(host) {
        next_change(host).await;
    }
}

/// The element under `host` that matches `selector`, once there is one.
pub async fn until_present(host: &web_sys::Element, selector: &str) -> web_sys::Element {
    until(host, |host| {
        host.query_selector(selector).unwrap().is_some()
    })
    .await;
    host.query_selector(selector).unwrap().unwrap()
}

async fn next_change(host: &web_sys::Element) {
    let (changed, change) = oneshot::channel::<()>();
    let changed = Cell::new(Some(changed));
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(changed) = changed.take() {
            let _ = changed.send(());
        }
    });
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_attributes(true);
    options.set_character_data(true);
    observer.observe_with_options(host, &options).unwrap();
    let _ = change.await;
    observer.disconnect();
}
