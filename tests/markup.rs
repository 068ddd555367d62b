//! The app's markup and the server's prerender, compared low in the pyramid:
//! an article with every block type, span style and image case, rendered by
//! the app's `ArticleBody` and by `gazette_render::prerender::article_body`
//! in each UI language, must give the same DOM (the same tags, attributes
//! and text). A drift fails here in seconds; `tests/e2e/prerender.spec.ts`
//! compares whole pages, served, on the demo content.
#![cfg(target_arch = "wasm32")]

use gazette::{
    components::article_body::ArticleBody, config::Config, lightbox::dialog::LightboxOpener,
};
use gazette_api::{Block, Site};
use gazette_i18n::UiLang;
use gazette_render::prerender::{article_body, Frame};
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

// Shared by the component tests; this one waits for nothing, so needs only `mount`.
#[allow(dead_code)]
mod support;

wasm_bindgen_test_configure!(run_in_browser);

/// An image in one of its cases: `size` with a width and height and
/// variants, `caption` in `lang` with a credit.
fn image(src: &str, alt: &str, size: bool, caption: Option<(&str, &str)>) -> serde_json::Value {
    let mut image = json!({ "src": src, "alt": alt });
    if size {
        image["width"] = json!(1440);
        image["height"] = json!(960);
        image["variants"] = json!([
            { "src": src.replace(".webp", "-480.webp"), "width": 480 },
            { "src": src.replace(".webp", "-960.webp"), "width": 960 }
        ]);
    }
    if let Some((text, lang)) = caption {
        image["caption"] = json!(text);
        image["caption_lang"] = json!(lang);
        image["credit"] = json!("Фото: Олена");
    }
    image
}

/// Every block type, every span style and the image cases, with captions in
/// each of the UI languages (so that each UI meets its own and others').
fn every_block() -> Vec<Block> {
    let spans = json!([
        { "text": "Plain, " },
        { "text": "bold", "bold": true },
        { "text": ", italic", "italic": true },
        { "text": ", both", "bold": true, "italic": true },
        { "text": ", a link", "href": "https://example.org/a" },
        { "text": ", an inner one", "href": "/posts/other" },
        { "text": ", mail", "href": "mailto:desk@example.org" },
        { "text": " and https://example.org/a/very/long/address?x=1&y=<2>" }
    ]);
    serde_json::from_value(json!([
        { "type": "paragraph", "text": spans },
        { "type": "heading", "level": 1, "text": [{ "text": "First" }] },
        { "type": "heading", "level": 2, "text": [{ "text": "Second" }] },
        { "type": "heading", "level": 3, "text": [{ "text": "Third" }] },
        { "type": "heading", "level": 6, "text": [{ "text": "Sixth" }] },
        { "type": "list", "ordered": true, "items": [[{ "text": "One" }], [{ "text": "Two", "bold": true }]] },
        { "type": "list", "ordered": false, "items": [[{ "text": "Dot" }], []] },
        { "type": "quote", "text": [{ "text": "A quote <b>" }], "attribution": "Someone \"quoted\"" },
        { "type": "quote", "text": [{ "text": "Unattributed." }] },
        { "type": "figure", "image": image("/images/a.webp", "A \"first\" photo", true, Some(("Київ", "uk"))) },
        { "type": "figure", "image": image("/images/b.webp", "", false, Some(("Praha", "cs"))) },
        { "type": "figure", "image": image("/images/c.webp", "No caption", true, None) },
        { "type": "gallery", "caption": "Prague", "images": [
            image("/images/d.webp", "Vltava", true, Some(("The river", "en"))),
            image("/images/e.webp", "", false, None),
            image("ftp://example.org/refused.webp", "Refused", true, None),
            image("https://cdn.example.org/f.webp", "Elsewhere", false, Some(("Jinde", "cs")))
        ] },
        { "type": "gallery", "images": [image("/images/g.webp", "Alone", true, None)] },
        { "type": "table", "caption": "Releases", "header_row": true, "header_column": true, "rows": [
            [[{ "text": "Version" }], [{ "text": "Musician" }], [{ "text": "Date" }]],
            [[{ "text": ".70" }], [{ "text": "No musician", "italic": true }], [{ "text": "2003" }]],
            [[{ "text": "1.0" }], [{ "text": "Miles", "href": "https://example.org/miles" }], []]
        ] },
        { "type": "table", "rows": [[[{ "text": "A lone cell" }]]] },
        { "type": "code", "text": "fn main() {\n    println!(\"<b>&</b>\");\n}\n", "language": "rust", "caption": "A program" },
        { "type": "code", "text": "  indented\n\ttabbed" },
        { "type": "embed", "url": "https://www.youtube.com/watch?v=jNQXAC9IVRw", "provider": "YouTube",
          "title": "The concert", "caption": "Live, 2024",
          "thumbnail": image("/images/t.webp", "A still", true, None) },
        { "type": "embed", "url": "https://example.org/a/page" },
        { "type": "embed", "url": "javascript:alert(1)", "title": "Refused" },
        { "type": "separator" },
        { "type": "divider" },
        { "type": "video", "src": "/unknown-block.mp4" },
        { "type": "paragraph", "text": [{ "text": "The end." }] }
    ]))
    .unwrap()
}

fn site() -> Site {
    serde_json::from_value(json!({
        "name": "Forum", "tagline": "T", "lang": "en",
        "membership": { "title": "M", "heading": "H", "text": "X", "call_to_action": "C",
                        "consent_text": "I agree.", "privacy_url": "/p" }
    }))
    .unwrap()
}

/// A subtree as comparable pieces, as `prerender.spec.ts` reads pages:
/// elements with their attributes sorted, text merged, comments (the app's
/// markers) left out, and the `style` the app sets through the CSSOM on
/// image frames left out (the prerender reserves the same box from the
/// `<img>`'s width and height).
fn normalise(root: &web_sys::Node) -> Vec<String> {
    fn walk(node: &web_sys::Node, out: &mut Vec<String>) {
        match node.node_type() {
            web_sys::Node::TEXT_NODE => {
                let text = node.text_content().unwrap_or_default();
                match out.last_mut() {
                    Some(last) if last.starts_with('#') => last.push_str(&text),
                    _ => out.push(format!("#{text}")),
                }
            }
            web_sys::Node::ELEMENT_NODE => {
                let element: &web_sys::Element = node.unchecked_ref();
                let tag = element.tag_name().to_lowercase();
                let frame = element.class_list().contains("image-frame");
                let attributes = element.attributes();
                let mut pairs: Vec<String> = (0..attributes.length())
                    .filter_map(|index| attributes.item(index))
                    .filter(|attribute| !(frame && attribute.name() == "style"))
                    .map(|attribute| format!("{}=\"{}\"", attribute.name(), attribute.value()))
                    .collect();
                pairs.sort();
                out.push(format!("<{tag} {}>", pairs.join(" ")));
                let children = node.child_nodes();
                for index in 0..children.length() {
                    walk(&children.item(index).unwrap(), out);
                }
                out.push(format!("</{tag}>"));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let children = root.child_nodes();
    for index in 0..children.length() {
        walk(&children.item(index).unwrap(), &mut out);
    }
    out.retain(|piece| piece != "#" && !(piece.starts_with('#') && piece.trim() == "#"));
    out
}

/// The app's view of the blocks in `ui`, as the article page mounts it:
/// with the UI's language, a lightbox to open, and videos playable in the
/// page or not.
fn app_markup(ui: UiLang, blocks: Vec<Block>, play_embeds: bool) -> Vec<String> {
    let host = support::mount(move || {
        provide_context(ui);
        provide_context(Config {
            play_embeds,
            ..Config::default()
        });
        provide_context(LightboxOpener(Callback::new(|_: usize| {})));
        view! { <ArticleBody blocks/> }
    });
    let markup = normalise(&host);
    host.remove();
    markup
}

/// The prerender's HTML for the blocks in `ui`, parsed by the browser.
fn prerendered_markup(ui: UiLang, blocks: &[Block], play_embeds: bool) -> Vec<String> {
    let site = site();
    let frame = Frame {
        site: &site,
        ui,
        base: "",
        path: "/posts/every-block",
        play_embeds,
        edition: None,
        versions: Vec::new(),
        chunk: None,
    };
    let html = article_body(&frame, blocks);
    let parsed = web_sys::DomParser::new()
        .unwrap()
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .unwrap();
    normalise(&parsed.body().unwrap())
}

#[wasm_bindgen_test]
fn every_block_type_is_the_same_markup_from_both_renderers_in_each_language() {
    let blocks = every_block();
    let cases = [
        (UiLang::En, false),
        (UiLang::Cs, false),
        (UiLang::Uk, false),
        (UiLang::En, true),
        (UiLang::Uk, true),
    ];
    for (ui, play_embeds) in cases {
        let app = app_markup(ui, blocks.clone(), play_embeds);
        let prerendered = prerendered_markup(ui, &blocks, play_embeds);
        assert!(app.len() > 100, "{app:?}");
        let play_button = app.iter().any(|piece| piece.contains("embed-card__play"));
        assert_eq!(play_button, play_embeds, "the YouTube embed's Play here");
        if app != prerendered {
            let at = app
                .iter()
                .zip(&prerendered)
                .position(|(a, b)| a != b)
                .unwrap_or(app.len().min(prerendered.len()));
            let from = at.saturating_sub(3);
            panic!(
                "the renderers differ in {ui:?} (play_embeds {play_embeds}) at piece {at}:\napp:       {:?}\nprerender: {:?}",
                &app[from..(at + 3).min(app.len())],
                &prerendered[from..(at + 3).min(prerendered.len())]
            );
        }
    }
}

#[wasm_bindgen_test]
fn a_drift_is_found() {
    // The comparison sees a class, an attribute or a word changed.
    let blocks: Vec<Block> =
        serde_json::from_value(json!([{ "type": "quote", "text": [{ "text": "Q" }] }])).unwrap();
    let app = app_markup(UiLang::En, blocks.clone(), false);
    let prerendered = prerendered_markup(UiLang::En, &blocks, false);
    assert_eq!(app, prerendered);
    let mut drifted = prerendered.clone();
    drifted[0] = drifted[0].replace("quote", "quotation");
    assert_ne!(app, drifted);
}

/// Hostile addresses in every place a block carries one: any case, white
/// space, entities, other schemes, protocol-relative.
const HOSTILE: [&str; 11] = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/\\evil.example/x",
    "/\t/evil.example/x",
];

/// Every block type with `url` in each of its addresses.
fn hostile_blocks(url: &str) -> Vec<Block> {
    let image = json!({ "src": url, "alt": "A", "width": 10, "height": 10,
                        "variants": [{ "src": url, "width": 480 }] });
    let spans = json!([{ "text": "link", "href": url }]);
    serde_json::from_value(json!([
        { "type": "paragraph", "text": spans },
        { "type": "heading", "level": 2, "text": spans },
        { "type": "list", "items": [spans] },
        { "type": "quote", "text": spans },
        { "type": "figure", "image": image },
        { "type": "gallery", "images": [image, image] },
        { "type": "table", "rows": [[spans]] },
        { "type": "embed", "url": url, "thumbnail": image }
    ]))
    .unwrap()
}

/// Whether an address, read as a browser reads it (tabs and line breaks
/// removed anywhere, spaces and controls at the ends, `\` as `/`), names a
/// scheme other than `http`, `https`, `mailto` or `tel`, or another host
/// (`//host`).
fn leaves_the_web(address: &str) -> bool {
    let address: String = address
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let address = address.trim_matches(|c: char| c <= ' ');
    if address.starts_with("//") {
        return true;
    }
    let scheme_end = address.find([':', '/', '?', '#']);
    match scheme_end {
        Some(at) if address[at..].starts_with(':') => !matches!(
            address[..at].to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto" | "tel"
        ),
        _ => false,
    }
}

/// The addresses under a node that would leave the web: every `href` and
/// `src`, and each candidate of every `srcset`.
fn unsafe_attributes(root: &web_sys::Element) -> Vec<String> {
    let all = root.query_selector_all("*").unwrap();
    let mut found = Vec::new();
    for index in 0..all.length() {
        let element: web_sys::Element = all.item(index).unwrap().unchecked_into();
        for name in ["href", "src", "srcset", "action", "poster", "data"] {
            let Some(value) = element.get_attribute(name) else {
                continue;
            };
            let addresses: Vec<&str> = if name == "srcset" {
                value
                    .split(',')
                    .filter_map(|candidate| candidate.split_whitespace().next())
                    .collect()
            } else {
                vec![value.as_str()]
            };
            if addresses.into_iter().any(leaves_the_web) {
                found.push(format!("{}[{name}={value:?}]", element.tag_name()));
            }
        }
    }
    found
}

#[wasm_bindgen_test]
fn the_check_knows_an_address_that_leaves_the_web() {
    for bad in [
        "javascript:x",
        " JavaScript:x",
        "java\tscript:x",
        "data:x",
        "//evil.example",
        "/\\evil.example",
        "vbscript:x",
    ] {
        assert!(leaves_the_web(bad), "{bad:?}");
    }
    for good in [
        "https://a.org/x",
        "/images/a.webp",
        "a.webp",
        "mailto:a@b.cz",
        "javascript&#58;x",
        "?photo=1",
    ] {
        assert!(!leaves_the_web(good), "{good:?}");
    }
}

#[wasm_bindgen_test]
fn no_hostile_address_reaches_an_attribute_in_either_renderer() {
    let site = site();
    for url in HOSTILE {
        let blocks = hostile_blocks(url);
        let app = {
            let blocks = blocks.clone();
            support::mount(move || {
                provide_context(UiLang::En);
                provide_context(Config {
                    play_embeds: true,
                    ..Config::default()
                });
                provide_context(LightboxOpener(Callback::new(|_: usize| {})));
                view! { <ArticleBody blocks/> }
            })
        };
        assert!(app.child_element_count() > 5, "{url}: the blocks render");
        assert_eq!(
            unsafe_attributes(&app),
            Vec::<String>::new(),
            "the app, {url}"
        );
        app.remove();
        let frame = Frame {
            site: &site,
            ui: UiLang::En,
            base: "",
            path: "/posts/hostile",
            play_embeds: true,
            edition: None,
            versions: Vec::new(),
            chunk: None,
        };
        let parsed = web_sys::DomParser::new()
            .unwrap()
            .parse_from_string(
                &article_body(&frame, &blocks),
                web_sys::SupportedType::TextHtml,
            )
            .unwrap();
        let body = parsed.body().unwrap();
        assert_eq!(
            unsafe_attributes(&body),
            Vec::<String>::new(),
            "the prerender, {url}"
        );
    }
}
