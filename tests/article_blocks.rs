//! Component tests of the article body, in headless Chromium: one per block
//! type, hostile content, unknown blocks, and images without dimensions.
#![cfg(target_arch = "wasm32")]

use gazette::components::{article_body::ArticleBody, post_card::PostCard};
use gazette_api::{Author, Block, Image, ImageVariant, PostSummary, Span};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;

use support::{mount, until_present};

wasm_bindgen_test_configure!(run_in_browser);

fn body(blocks: Vec<Block>) -> web_sys::HtmlElement {
    mount(move || view! { <ArticleBody blocks/> })
}

fn all(host: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn one(host: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", host.inner_html()))
}

fn attr(element: &web_sys::Element, name: &str) -> Option<String> {
    element.get_attribute(name)
}

const HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

/// A link as it comes from the network: through the contract's decoder,
/// which alone makes an `Href`.
fn link(text: &str, href: &str) -> Span {
    serde_json::from_value(serde_json::json!({"text": text, "href": href})).unwrap()
}

fn address<T: std::str::FromStr>(text: String) -> T
where
    T::Err: std::fmt::Debug,
{
    text.parse().unwrap()
}

fn image(src: &str, sized: bool) -> Image {
    Image {
        src: Some(address(format!("/images/{src}-960.webp"))),
        alt: format!("alt of {src}"),
        width: sized.then_some(1440),
        height: sized.then_some(960),
        caption: Some(format!("Підпис {src}")),
        caption_lang: Some("uk".into()),
        credit: Some("Укроборонпром".into()),
        variants: vec![
            ImageVariant {
                src: address(format!("/images/{src}-480.webp")),
                width: 480,
            },
            ImageVariant {
                src: address(format!("/images/{src}-960.webp")),
                width: 960,
            },
        ],
    }
}

#[wasm_bindgen_test]
fn paragraph_spans_carry_emphasis_and_safe_links() {
    let host = body(vec![Block::Paragraph {
        text: vec![
            Span::plain("Plain "),
            Span {
                text: "bold".into(),
                bold: true,
                ..Span::default()
            },
            Span {
                text: "italic".into(),
                italic: true,
                ..Span::default()
            },
            link("out", "https://example.org/a"),
            link("in", "/posts"),
            link("evil", "javascript:alert(1)"),
            link("data", "data:text/html,<script>x</script>"),
            // A browser drops the tab, leaving `//evil.example`.
            link("tab", "/\t/evil.example"),
        ],
    }]);
    let paragraph = one(&host, "p");
    assert_eq!(
        paragraph.text_content().unwrap(),
        "Plain bolditalicoutinevildatatab"
    );
    assert_eq!(one(&host, "strong").text_content().unwrap(), "bold");
    assert_eq!(one(&host, "em").text_content().unwrap(), "italic");
    let links = all(&host, "a");
    assert_eq!(links.len(), 2, "only the http and site links become links");
    assert_eq!(attr(&links[0], "href").unwrap(), "https://example.org/a");
    assert_eq!(attr(&links[0], "rel").unwrap(), "noopener noreferrer");
    assert_eq!(attr(&links[0], "target"), None);
    assert_eq!(attr(&links[1], "href").unwrap(), "/posts");
}

#[wasm_bindgen_test]
fn a_url_shown_as_text_may_break_at_its_punctuation() {
    let url = "https://example.org/2024/05/a-very-long-path?x=1";
    let host = body(vec![Block::Paragraph {
        text: vec![
            Span::plain("Read <b>www.example.org</b> or "),
            link(url, url),
        ],
    }]);
    let link = one(&host, "a");
    assert_eq!(link.text_content().unwrap(), url, "the text is unchanged");
    assert_eq!(all(&link, "wbr").len(), 10);
    assert_eq!(attr(&link, "href").unwrap(), url);
    // A word that only starts like a tag is still text, and gets no breaks.
    let paragraph = one(&host, "p");
    assert!(paragraph
        .text_content()
        .unwrap()
        .starts_with("Read <b>www.example.org</b> or "));
    assert_eq!(all(&paragraph, "b").len(), 0);
    assert_eq!(all(&paragraph, "wbr").len(), 10);
}

#[wasm_bindgen_test]
fn headings_keep_their_levels_and_bad_levels_are_clamped() {
    let heading = |level| Block::Heading {
        level,
        text: vec![Span::plain(format!("h{level}"))],
    };
    let host = body(vec![
        heading(2),
        heading(3),
        heading(4),
        heading(1),
        heading(9),
    ]);
    assert_eq!(all(&host, "h2").len(), 2);
    assert_eq!(all(&host, "h3").len(), 1);
    assert_eq!(all(&host, "h4").len(), 2);
    assert!(all(&host, "h1").is_empty(), "the title is the only h1");
}

#[wasm_bindgen_test]
fn lists_are_ordered_or_not() {
    let items = vec![vec![Span::plain("one")], vec![Span::plain("two")]];
    let host = body(vec![
        Block::List {
            ordered: false,
            items: items.clone(),
        },
        Block::List {
            ordered: true,
            items,
        },
    ]);
    assert_eq!(all(&host, "ul > li").len(), 2);
    assert_eq!(all(&host, "ol > li").len(), 2);
    assert_eq!(one(&host, "ol > li").text_content().unwrap(), "one");
}

#[wasm_bindgen_test]
fn quotes_have_their_attribution() {
    let host = body(vec![Block::Quote {
        text: vec![Span::plain("Words.")],
        attribution: Some("Tomáš Kopečný".into()),
    }]);
    assert_eq!(one(&host, "blockquote").text_content().unwrap(), "Words.");
    assert_eq!(
        one(&host, ".quote figcaption").text_content().unwrap(),
        "Tomáš Kopečný"
    );
}

#[wasm_bindgen_test]
fn figures_have_responsive_images_captions_in_their_language_and_credits() {
    let host = body(vec![
        Block::Figure {
            image: image("first", true),
        },
        Block::Figure {
            image: image("second", true),
        },
    ]);
    let images = all(&host, "figure img");
    assert_eq!(images.len(), 2);
    let first = &images[0];
    assert_eq!(attr(first, "alt").unwrap(), "alt of first");
    assert_eq!(attr(first, "width").unwrap(), "1440");
    assert_eq!(attr(first, "height").unwrap(), "960");
    assert_eq!(
        attr(first, "srcset").unwrap(),
        "/images/first-480.webp 480w, /images/first-960.webp 960w"
    );
    assert!(attr(first, "sizes").is_some());
    assert_eq!(attr(first, "decoding").unwrap(), "async");
    assert_eq!(attr(first, "loading").unwrap(), "eager");
    assert_eq!(attr(first, "fetchpriority").unwrap(), "high");
    assert_eq!(attr(&images[1], "loading").unwrap(), "lazy");
    assert_eq!(attr(&images[1], "fetchpriority"), None);

    let caption = one(&host, "figcaption");
    let text = one(&host, "figcaption .figure__text");
    assert_eq!(attr(&text, "lang").unwrap(), "uk");
    assert_eq!(text.text_content().unwrap(), "Підпис first");
    assert!(caption
        .text_content()
        .unwrap()
        .contains("Photo: Укроборонпром"));
    // The frame's box is reserved from width and height, through the CSSOM.
    let frame: web_sys::HtmlElement = one(&host, ".image-frame").unchecked_into();
    assert_eq!(
        frame.style().get_property_value("aspect-ratio").unwrap(),
        "1440 / 960"
    );
}

#[wasm_bindgen_test]
fn a_figure_without_dimensions_gets_a_reserved_box() {
    // The reserved box comes from the real stylesheet.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/article.css")));
    document().head().unwrap().append_child(&style).unwrap();
    let host = body(vec![Block::Figure {
        image: image("unsized", false),
    }]);
    let frame = one(&host, ".image-frame");
    assert!(frame.class_list().contains("image-frame--unknown-size"));
    let rect = frame.get_bounding_client_rect();
    assert!(
        rect.height() > 50.0 && (rect.width() / rect.height() - 1.5).abs() < 0.01,
        "a 3:2 box is reserved before the image loads: {}×{}",
        rect.width(),
        rect.height()
    );
    let img = one(&host, "img");
    assert_eq!(attr(&img, "width"), None);
}

#[wasm_bindgen_test]
async fn a_broken_image_shows_its_alt_text() {
    let mut broken = image("broken", true);
    broken.src = Some(address("/no/such/image.webp".into()));
    broken.variants.clear();
    let host = body(vec![Block::Figure { image: broken }]);
    let placeholder = until_present(&host, ".image-placeholder").await;
    assert_eq!(attr(&placeholder, "role").unwrap(), "img");
    assert_eq!(attr(&placeholder, "aria-label").unwrap(), "alt of broken");
    assert!(host.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
fn an_image_is_lazy_before_it_has_an_address() {
    // A script-made image requests its file as soon as `src` is set: a
    // `loading="lazy"` set after it is too late, and a long gallery loaded
    // every picture at once (200 requests before any scroll). The DOM keeps
    // attributes in the order they were set.
    let host = body(vec![Block::Gallery {
        images: vec![image("a", true), image("b", true)],
        caption: None,
    }]);
    for (index, img) in all(&host, "img").into_iter().enumerate() {
        let names: Vec<String> = (0..img.attributes().length())
            .filter_map(|index| img.attributes().item(index))
            .map(|attribute| attribute.name())
            .collect();
        let at = |name: &str| names.iter().position(|n| n == name).unwrap();
        assert!(at("loading") < at("srcset"), "{names:?}");
        assert!(
            at("sizes") < at("srcset") && at("srcset") < at("src"),
            "{names:?}"
        );
        // The article's first picture loads at once; the others when near.
        let expected = if index == 0 { "eager" } else { "lazy" };
        assert_eq!(attr(&img, "loading").as_deref(), Some(expected));
    }
}

#[wasm_bindgen_test]
fn galleries_list_their_images_with_captions() {
    let host = body(vec![Block::Gallery {
        images: vec![image("a", true), image("b", true), image("c", false)],
        caption: Some("The evening".into()),
    }]);
    assert_eq!(all(&host, ".gallery__grid > li").len(), 3);
    assert_eq!(all(&host, ".gallery__item figcaption").len(), 3);
    assert_eq!(
        one(&host, ".gallery__caption").text_content().unwrap(),
        "The evening"
    );
}

#[wasm_bindgen_test]
fn dividers_and_unknown_blocks() {
    let host = body(vec![
        Block::Paragraph {
            text: vec![Span::plain("before")],
        },
        Block::Unknown,
        Block::Divider,
        Block::Paragraph {
            text: vec![Span::plain("after")],
        },
    ]);
    assert_eq!(all(&host, "hr").len(), 1);
    assert_eq!(all(&host, "p").len(), 2);
    assert_eq!(
        host.children().length(),
        3,
        "the unknown block left nothing behind"
    );
}

#[wasm_bindgen_test]
fn hostile_text_is_rendered_as_text() {
    let hostile_image: Image = serde_json::from_value(serde_json::json!({
        "src": "javascript:alert(3)",
        "alt": HOSTILE, "caption": HOSTILE, "credit": HOSTILE,
        "variants": [{"src": "JavaScript:alert(5)", "width": 480}],
    }))
    .unwrap();
    let host = body(vec![
        Block::Paragraph {
            text: vec![link(HOSTILE, " javascript:alert(4)")],
        },
        Block::Heading {
            level: 2,
            text: vec![Span::plain(HOSTILE)],
        },
        Block::Quote {
            text: vec![Span::plain(HOSTILE)],
            attribution: Some(HOSTILE.into()),
        },
        Block::Figure {
            image: hostile_image,
        },
    ]);
    assert!(host.query_selector("script").unwrap().is_none());
    assert!(
        host.query_selector("img").unwrap().is_none(),
        "javascript: is not an image source"
    );
    assert!(host.query_selector("a").unwrap().is_none());
    assert!(host.query_selector("[onerror]").unwrap().is_none());
    assert!(host
        .text_content()
        .unwrap()
        .contains("<script>alert(1)</script>"));
}

#[wasm_bindgen_test]
fn post_titles_are_text_and_carry_lang_when_foreign() {
    let post = PostSummary {
        slug: "izrael-v-ceske-republice".into(),
        title: format!("Izrael v České republice {HOSTILE}"),
        excerpt: String::new(),
        author: Author {
            name: "Hans Weber".into(),
            url: None,
        },
        lang: "cs".into(),
        published_at: "2024-05-22T10:00:00Z".into(),
        cover: None,
        reading_minutes: None,
    };
    let english = PostSummary {
        lang: "en".into(),
        slug: "english".into(),
        ..post.clone()
    };
    let host = mount(move || {
        view! {
            <ul>
                <PostCard post/>
                <PostCard post=english/>
            </ul>
        }
    });
    let titles = all(&host, ".post-card__title");
    assert_eq!(attr(&titles[0], "lang").unwrap(), "cs");
    assert_eq!(attr(&titles[1], "lang"), None);
    assert!(host.query_selector("script").unwrap().is_none());
    let link = one(&host, ".post-card__title a");
    assert_eq!(
        attr(&link, "href").unwrap(),
        "/posts/izrael-v-ceske-republice"
    );
    let time = one(&host, "time");
    assert_eq!(attr(&time, "datetime").unwrap(), "2024-05-22T10:00:00Z");
    assert!(time.text_content().unwrap().contains("2024"));
}
