//! JSON through the browser (`src/json.rs`: `JSON.parse` read by our
//! `from_js`, `JSON.stringify` fed by serde-wasm-bindgen), in headless
//! Chromium, against serde_json over the same types: the contract's rules
//! hold (unknown fields ignored, unknown block types kept as `Unknown`),
//! hostile and malformed values are errors, never panics (nor stack
//! overflows), the errors name what they found, and what the form keeps
//! round-trips.
#![cfg(target_arch = "wasm32")]

use gazette::{
    config::Config,
    join::draft::{Draft, SubmissionKey},
    json,
};
use gazette_api::{Article, Block, PostPage, Site};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = r#"{
  "slug": "a", "title": "T </script>", "excerpt": "E", "author": {"name": "A", "x": [1, {"y": null}]},
  "lang": "uk", "published_at": "2024-05-22T09:00:00Z", "reading_minutes": 3, "future": {"deep": [[[[]]]]},
  "cover": {"src": "/images/a.webp", "alt": "", "width": 1440, "height": 960,
            "variants": [{"src": "/images/a-480.webp", "width": 480}]},
  "tags": ["Київ"],
  "body": [
    {"type": "paragraph", "text": [{"text": "Hi ", "bold": true}, {"text": "there", "href": "https://x.org"}]},
    {"type": "video", "src": "/v.mp4", "nested": {"a": 1}},
    {"type": "heading", "level": 2, "text": [{"text": "H"}]},
    {"type": "list", "items": [[{"text": "one"}]]},
    {"type": "quote", "text": [{"text": "Q"}], "attribution": null},
    {"type": "figure", "image": {"src": "/images/b.webp", "alt": "B", "caption": "Підпис", "caption_lang": "uk"}},
    {"type": "gallery", "images": [], "caption": "G"},
    {"type": "divider"}
  ]
}"#;

#[wasm_bindgen_test]
fn an_article_decodes_as_serde_json_decodes_it() {
    let browser: Article = json::from_str(ARTICLE).unwrap();
    let native: Article = serde_json::from_str(ARTICLE).unwrap();
    assert_eq!(browser, native);
    assert_eq!(browser.body[1], Block::Unknown);
    assert_eq!(browser.summary.cover.unwrap().variants.len(), 1);
}

#[wasm_bindgen_test]
fn refused_addresses_decode_as_none_in_the_browser_too() {
    let hostile = r#"{
      "slug": "a", "title": "T", "author": {"name": "A", "url": "javascript:alert(1)"},
      "published_at": "2024-05-22T09:00:00Z",
      "cover": {"src": " JavaScript:alert(2)", "variants": [
        {"src": "data:image/svg+xml,<svg onload=alert(3)>", "width": 480},
        {"src": "/images/a-960.webp", "width": 960}]},
      "body": [
        {"type": "paragraph", "text": [{"text": "x", "href": "/\\evil.example"}]},
        {"type": "embed", "url": "vbscript:msgbox(1)"}
      ]
    }"#;
    let browser: Article = json::from_str(hostile).unwrap();
    let native: Article = serde_json::from_str(hostile).unwrap();
    assert_eq!(browser, native);
    assert_eq!(browser.summary.author.url, None);
    let cover = browser.summary.cover.unwrap();
    assert_eq!(cover.src, None);
    assert_eq!(cover.variants.len(), 1, "the refused variant is left out");
    match &browser.body[..] {
        [Block::Paragraph { text }, Block::Embed { url, .. }] => {
            assert_eq!((&text[0].href, url), (&None, &None));
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn malformed_and_hostile_values_are_errors_not_panics() {
    for text in [
        "",
        "not json",
        "{",
        "null",
        "[]",
        r#"{"slug": 3}"#,
        r#"{"items": "no"}"#,
        r#"{"slug":"a","title":"T","excerpt":"","author":{"name":"A"},"lang":"en","published_at":"x","body":[{"type":"heading","level":300,"text":[]}]}"#,
        r#"{"slug":"a","title":"T","excerpt":"","author":{"name":"A"},"lang":"en","published_at":"x","body":[{"type":"heading","level":-1,"text":[]}]}"#,
        r#"{"slug":"a","title":"T","excerpt":"","author":{"name":"A"},"lang":"en","published_at":"x","reading_minutes":1e300,"body":[]}"#,
        r#"{"slug":"a","title":"T","excerpt":"","author":{"name":"A"},"lang":"en","published_at":"x","body":[{"text":[]}]}"#,
    ] {
        let error = json::from_str::<Article>(text).expect_err(text);
        assert!(!error.to_string().is_empty(), "{text}");
        assert!(serde_json::from_str::<Article>(text).is_err(), "{text}");
    }
    assert!(json::from_str::<PostPage>(r#"{"items": [], "next_cursor": 7}"#).is_err());
    assert!(json::from_str::<Site>("{}").is_err());
}

#[wasm_bindgen_test]
fn a_lone_surrogate_is_not_a_panic() {
    let text = r#"{"items":[{"slug":"a","title":"\ud800","excerpt":"","author":{"name":"A"},"lang":"en","published_at":"x"}]}"#;
    if let Ok(page) = json::from_str::<PostPage>(text) {
        assert!(!page.items[0].title.is_empty());
    }
}

#[wasm_bindgen_test]
fn what_the_form_keeps_round_trips() {
    let draft = Draft {
        name: "Jana \"J\" Nováková".into(),
        email: "jana@example.cz".into(),
        message: "</script>\u{2028}".into(),
        consent: true,
        ..Draft::default()
    };
    assert_eq!(Draft::from_json(&draft.to_json()), Some(draft.clone()));
    assert_eq!(draft.to_json(), serde_json::to_string(&draft).unwrap());
    let key = SubmissionKey::for_application(None, &draft.application(""), || "k1".into());
    let kept = key.to_json();
    let again = SubmissionKey::for_application(Some(&kept), &draft.application(""), || "k2".into());
    assert_eq!(again.key, "k1");
}

#[wasm_bindgen_test]
fn a_config_syntax_error_says_so() {
    let error = Config::parse("{ recent_posts: 3 }").unwrap_err();
    assert!(error.to_string().contains("JSON"), "{error}");
    assert_eq!(
        Config::parse(r#"{"recent_posts": 4, "x": {}}"#)
            .unwrap()
            .recent_posts,
        4
    );
}

/// An article whose `extra` is written into an unknown block.
fn article_with_block_field(extra: &str) -> String {
    format!(
        r#"{{"slug":"a","title":"T","excerpt":"","author":{{"name":"A"}},"lang":"en","published_at":"x","body":[{{"type":"video","extra":{extra}}}]}}"#
    )
}

#[wasm_bindgen_test]
fn values_nested_too_deep_are_an_error_not_a_stack_overflow() {
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // What a decoder reads whole stops at the depth limit, with an error.
    assert!(json::from_str::<serde_json::Value>(&deep(100)).is_ok());
    let error = json::from_str::<serde_json::Value>(&deep(100_000)).unwrap_err();
    assert!(error.to_string().contains("nest"), "{error}");
    assert!(serde_json::from_str::<serde_json::Value>(&deep(1000)).is_err());
    // A block of a type this version does not know is skipped unread,
    // however deep its fields.
    let unknown = json::from_str::<Article>(&article_with_block_field(&deep(100_000))).unwrap();
    assert_eq!(unknown.body, [Block::Unknown]);
    let native = serde_json::from_str::<Article>(&article_with_block_field(&deep(1000)));
    assert_eq!(native.unwrap().body, [Block::Unknown]);
    // A field no type reads is skipped, however deep.
    let unread = ARTICLE.replacen(
        "\"future\": {",
        &format!("\"far\": {}, \"future\": {{", deep(100_000)),
        1,
    );
    assert!(json::from_str::<Article>(&unread).is_ok());
}

#[wasm_bindgen_test]
fn a_wrong_type_is_named_with_the_value_found() {
    let error = json::from_str::<PostPage>(r#"{"items": [], "next_cursor": 7.5}"#).unwrap_err();
    assert!(
        error.to_string().contains("floating point `7.5`"),
        "{error}"
    );
    let error = json::from_str::<PostPage>(r#"{"items": "none"}"#).unwrap_err();
    assert!(error.to_string().contains(r#"string "none""#), "{error}");
    let error = json::from_str::<Site>(r#"{"name": true}"#).unwrap_err();
    assert!(error.to_string().contains("boolean `true`"), "{error}");
}
