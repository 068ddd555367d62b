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

/// A description of an article's head, as the server and the app make it.
fn article_head(title: &str) -> gazette_render::head::PageHead {
    let site: gazette_api::Site = serde_json::from_str(
        r#"{"name":"Forum","tagline":"T","lang":"en","membership":{"title":"M","heading":"H",
            "text":"X","call_to_action":"C","consent_text":"I agree.","privacy_url":"/p"}}"#,
    )
    .unwrap();
    let summary: gazette_api::PostSummary = serde_json::from_value(serde_json::json!({
        "slug": "a", "title": title, "excerpt": "E", "author": { "name": "Jana" },
        "lang": "en", "published_at": "2024-05-22T09:00:00Z"
    }))
    .unwrap();
    let url = gazette_render::SiteUrl::parse("https://example.org").unwrap();
    gazette_render::head::PageHead::article(&site, &url, &summary, None, &[])
}

/// The headlines of the document's JSON-LD blocks.
fn json_ld_headlines() -> Vec<String> {
    let blocks = document()
        .query_selector_all("head script[type='application/ld+json']")
        .unwrap();
    (0..blocks.length())
        .map(|index| {
            let text = blocks.item(index).unwrap().text_content().unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            value["headline"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_head_is_kept_at_takeover_and_replaced_whole_on_navigation() {
    use gazette::head;
    let count = |selector: &str| document().query_selector_all(selector).unwrap().length();
    let owner = Owner::new();
    owner.with(|| {
        // Without a page the server wrote, the head is written from the description.
        head::take_over(false);
        head::show(|_| article_head("An \"article\" </head>"));
    });
    assert_eq!(document().title(), "An \"article\" </head>");
    let og = document()
        .query_selector("head meta[property='og:title']")
        .unwrap()
        .unwrap();
    assert_eq!(
        og.get_attribute("content").unwrap(),
        "An \"article\" </head>"
    );
    assert_eq!(json_ld_headlines(), ["An \"article\" </head>"]);
    assert!(og.has_attribute("data-gazette-head"));

    // The next page's head replaces it whole, and stays when its view goes.
    owner.with(|| head::show(|_| article_head("Second")));
    owner.cleanup();
    assert_eq!(json_ld_headlines(), ["Second"]);
    assert_eq!(count("head meta[property='og:title']"), 1);
    assert_eq!(count("head link[rel=canonical]"), 1);
    assert_eq!(document().title(), "Second");

    // At takeover the written head is kept for the first page, then replaced.
    head::take_over(true);
    head::show(|_| article_head("Not written"));
    assert_eq!(json_ld_headlines(), ["Second"]);
    head::show(|_| article_head("Third"));
    assert_eq!(json_ld_headlines(), ["Third"]);

    // A page without a description of its own leaves none behind.
    head::clear();
    assert_eq!(count("head [data-gazette-head]:not(title)"), 0);
    head::set_title("");
    assert_eq!(document().title(), "Gazette");
}
