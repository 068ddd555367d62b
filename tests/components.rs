//! Component tests, run in headless Chromium by wasm-bindgen-test
//! (`make test-wasm`). Each test mounts a component into a fresh element and
//! reads the real DOM.
#![cfg(target_arch = "wasm32")]

use gazette::components::error_panel::ErrorPanel;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;

use support::mount;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn error_panel_is_an_alert_whose_retry_button_works() {
    let retries = RwSignal::new(0);
    let host = mount(move || {
        view! {
            <ErrorPanel
                title="Something failed"
                message="<img src=x onerror=alert(1)>"
                on_retry=Callback::new(move |()| retries.update(|n| *n += 1))
            />
        }
    });
    let panel = host.query_selector("[role=alert]").unwrap().unwrap();
    assert!(panel.text_content().unwrap().contains("Something failed"));
    // Text from anywhere is text, never markup.
    assert!(host.query_selector("img").unwrap().is_none());
    let button: web_sys::HtmlElement = host
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Retry");
    button.click();
    button.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn error_panel_without_retry_has_no_button() {
    let host = mount(|| view! { <ErrorPanel title="Gone" message="Not coming back."/> });
    assert!(host.query_selector("button").unwrap().is_none());
}
