//! Component tests, run in headless Chromium by wasm-bindgen-test
//! (`make test-wasm`). Each test mounts a component into a fresh element and
//! reads the real DOM.
#![cfg(target_arch = "wasm32")]

use gazette::components::error_panel::ErrorPanel;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;

use support::{mount, until, until_present};

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

#[wasm_bindgen_test]
fn components_speak_the_ui_language_of_their_context() {
    let host = mount(|| {
        provide_context(gazette::lang::UiLang::Uk);
        view! { <ErrorPanel title="x" message="y" on_retry=Callback::new(|()| {})/> }
    });
    let button = host.query_selector("button").unwrap().unwrap();
    assert_eq!(button.text_content().unwrap(), "Спробувати ще раз");
}

#[wasm_bindgen_test]
fn a_widget_names_its_unusable_attribute() {
    use gazette::{
        embed::options::WidgetAttributes,
        embed::widget::{Widget, WidgetKind},
    };
    let host = mount(|| {
        let attributes = WidgetAttributes {
            api: Some("https://api.example.org/api/v1".into()),
            limit: Some("0".into()),
            ..WidgetAttributes::default()
        };
        view! { <Widget kind=WidgetKind::RECENT_POSTS attributes/> }
    });
    let alert = host
        .query_selector(".gazette-widget [role=alert]")
        .unwrap()
        .unwrap();
    assert_eq!(
        alert.text_content().unwrap(),
        "<gazette-recent-posts>: the `limit` attribute must be a whole number from 1 to 20."
    );
}

#[wasm_bindgen_test]
async fn a_widget_box_carries_its_ui_language() {
    use gazette::{
        embed::options::WidgetAttributes,
        embed::widget::{Widget, WidgetKind},
    };
    let host = mount(|| {
        let attributes = WidgetAttributes {
            // Port 9 is on Chromium's list of unsafe ports: the browser
            // refuses the request itself, so it fails whatever the machine
            // runs. The widget shows its loading state, then its error.
            api: Some("http://127.0.0.1:9/api/v1".into()),
            lang: Some("cs-CZ".into()),
            ..WidgetAttributes::default()
        };
        view! { <Widget kind=WidgetKind::JOIN_FORM attributes/> }
    });
    let widget = host.query_selector(".gazette-widget").unwrap().unwrap();
    assert_eq!(widget.get_attribute("lang").as_deref(), Some("cs"));
    // The loading state (rendered before the request can fail), then the
    // error, both in Czech.
    until(&widget, |widget| {
        widget.text_content().unwrap() == "Načítá se…"
    })
    .await;
    let alert = until_present(&widget, "[role=alert]").await;
    assert!(alert
        .text_content()
        .unwrap()
        .starts_with("Přihlášku se nepodařilo načíst"));
}

#[wasm_bindgen_test]
fn head_tags_live_as_long_as_the_view_that_added_them() {
    use gazette::head;
    let count = |selector: &str| document().query_selector_all(selector).unwrap().length();
    let owner = Owner::new();
    owner.with(|| {
        head::set_title("An article");
        head::meta("property", "og:title", "An \"article\" </head>");
        head::canonical("https://example.org/posts/a");
    });
    assert_eq!(document().title(), "An article");
    let og = document()
        .query_selector("head meta[property='og:title']")
        .unwrap()
        .unwrap();
    assert_eq!(
        og.get_attribute("content").unwrap(),
        "An \"article\" </head>"
    );
    assert_eq!(count("head link[rel=canonical]"), 1);
    owner.cleanup();
    assert_eq!(count("head meta[property='og:title']"), 0);
    assert_eq!(count("head link[rel=canonical]"), 0);
    head::set_title("");
    assert_eq!(document().title(), "Gazette");
}
