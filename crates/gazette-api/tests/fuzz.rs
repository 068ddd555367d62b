//! Property tests of every parser and validator that reads outside input:
//! none panics, whatever it is given, and each keeps its promise. `make test`
//! runs proptest's default 256 cases a property; `make fuzz` runs many more
//! (PROPTEST_CASES in the Makefile).

use gazette_api::{
    content::{check_article, is_language_tag, is_rfc3339_utc, is_valid_slug, url_break_pieces},
    validation::validate_application,
    Article, Href, ImageUrl, MemberApplication,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Text shaped like `pattern`, with one character anywhere replaced by any
/// character at all (multi-byte ones included: those broke a byte slice).
fn near(pattern: &'static str) -> impl Strategy<Value = String> {
    (pattern, any::<prop::sample::Index>(), any::<char>()).prop_map(|(text, at, c)| {
        let mut chars: Vec<char> = text.chars().collect();
        if !chars.is_empty() {
            let at = at.index(chars.len());
            chars[at] = c;
        }
        chars.into_iter().collect()
    })
}

fn timestamps() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        near(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z"),
    ]
}

fn hrefs() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        near(r"(https?|mailto|javascript|data|HTTP)?:?/{0,3}[a-z.\\]{0,12}(/[a-z%0-9]{0,6}){0,3}"),
        near(r"/[\t\r\n ]?/evil\.example"),
    ]
}

fn emails() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        near(r"[A-Za-z .]{0,8}<?[a-z.+]{1,10}@(\[[0-9.]{7,15}\]|[a-z]{1,8}\.[a-z]{2,4})>?"),
    ]
}

/// Any JSON value, nested a little.
fn json_values() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// An article that uses every block type, as a content file or the API sends it.
fn article() -> Value {
    let image = json!({"src": "/images/a-960.webp", "alt": "A", "width": 1440, "height": 960,
        "caption": "Підпис", "caption_lang": "uk", "credit": "C",
        "variants": [{"src": "/images/a-480.webp", "width": 480}]});
    json!({
        "slug": "a-post", "title": "A post", "excerpt": "E", "author": {"name": "N"},
        "lang": "en", "published_at": "2024-05-22T09:00:00Z",
        "updated_at": "2024-05-23T09:00:00Z", "tags": ["t"], "cover": image,
        "body": [
            {"type": "paragraph", "text": [{"text": "p", "bold": true, "href": "/posts/x"}]},
            {"type": "heading", "level": 2, "text": [{"text": "h"}]},
            {"type": "list", "ordered": true, "items": [[{"text": "i"}]]},
            {"type": "quote", "text": [{"text": "q"}], "attribution": "A"},
            {"type": "figure", "image": image},
            {"type": "gallery", "images": [image, image], "caption": "g"},
            {"type": "divider"}
        ]
    })
}

/// Where in [`article`] a hostile value may be put.
const ARTICLE_PLACES: &[&str] = &[
    "/slug",
    "/title",
    "/excerpt",
    "/author/name",
    "/author",
    "/lang",
    "/published_at",
    "/updated_at",
    "/tags",
    "/cover",
    "/cover/src",
    "/cover/width",
    "/cover/variants",
    "/body",
    "/body/0/text/0/href",
    "/body/0/text/0/text",
    "/body/1/level",
    "/body/2/items",
    "/body/3/attribution",
    "/body/4/image/height",
    "/body/4/image/caption_lang",
    "/body/5/images",
    "/body/5/images/0/variants/0/width",
    "/body/6/type",
];

proptest! {
    #[test]
    fn timestamps_are_checked_without_panicking(text in timestamps()) {
        if is_rfc3339_utc(&text) {
            prop_assert!(text.is_ascii() && text.len() >= 20 && text.ends_with('Z'), "{text:?}");
        }
    }

    #[test]
    fn slugs_and_language_tags_are_checked_without_panicking(text in any::<String>()) {
        if is_valid_slug(&text) {
            prop_assert!(text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
        if is_language_tag(&text) {
            prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        }
    }

    #[test]
    fn a_safe_href_is_safe(text in hrefs()) {
        if let Some(href) = Href::parse(&text) {
            prop_assert!(!href.chars().any(char::is_control), "{href:?}");
            let lower = href.to_ascii_lowercase();
            let site_path = href.starts_with('/') && !href.starts_with("//") && !href.contains('\\');
            let scheme_ok = ["http:", "https:", "mailto:"].iter().any(|s| lower.starts_with(s));
            prop_assert!(site_path || scheme_ok, "{href:?}");
            prop_assert_eq!(Href::parse(&href), Some(href.clone()));
        }
    }

    #[test]
    fn an_image_address_is_safe(text in hrefs()) {
        if let Some(src) = ImageUrl::parse(&text) {
            let lower = src.to_ascii_lowercase();
            let path = !src.starts_with("//") && !src.split('/').next().unwrap_or("").contains(':');
            let web = lower.starts_with("http://") || lower.starts_with("https://");
            prop_assert!(path || web, "{src:?}");
            prop_assert!(!src.chars().any(|c| c.is_whitespace() || c.is_control() || c == ','), "{src:?}");
            prop_assert_eq!(ImageUrl::parse(&src), Some(src.clone()));
        }
    }

    #[test]
    fn an_accepted_email_is_a_bare_mailbox(email in emails()) {
        let application = MemberApplication {
            name: "Jana".into(),
            email: email.clone(),
            consent: true,
            ..MemberApplication::default()
        };
        if validate_application(&application).is_ok() {
            let email = email.trim();
            prop_assert!(!email.chars().any(|c| c.is_whitespace() || c.is_control()), "{email:?}");
            prop_assert!(!email.contains(['<', '>', '[', ']']), "{email:?}");
            prop_assert_eq!(email.matches('@').count(), 1, "{:?}", email);
        }
    }

    #[test]
    fn url_pieces_join_back_into_the_text(
        text in prop_oneof![
            any::<String>(),
            near(r"(see )?(https?://|www\.)[a-zа-я.]{1,12}(/[a-z~_%?#=&-]{0,6}){0,4}"),
        ],
    ) {
        let pieces = url_break_pieces(&text);
        prop_assert_eq!(pieces.concat(), text.clone());
        prop_assert!(text.is_empty() || pieces.iter().all(|piece| !piece.is_empty()));
    }

    #[test]
    fn request_bodies_are_read_and_checked_without_panicking(
        bytes in prop::collection::vec(any::<u8>(), 0..200),
        fields in prop::collection::btree_map(
            prop::sample::select(vec!["name", "email", "organisation", "message", "consent", "honeypot"]),
            json_values(),
            0..6,
        ),
    ) {
        if let Ok(application) = serde_json::from_slice::<MemberApplication>(&bytes) {
            let _ = validate_application(&application);
        }
        let object = Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
        if let Ok(application) = serde_json::from_value::<MemberApplication>(object) {
            let _ = validate_application(&application);
        }
    }

    #[test]
    fn content_files_are_checked_without_panicking(
        place in prop::sample::select(ARTICLE_PLACES),
        value in prop_oneof![
            json_values(),
            timestamps().prop_map(Value::from),
            hrefs().prop_map(Value::from),
        ],
    ) {
        let mut file = article();
        if let Some(slot) = file.pointer_mut(place) {
            *slot = value;
        }
        if let Ok(article) = serde_json::from_value::<Article>(file) {
            let _ = check_article(&article);
        }
    }
}

#[test]
fn the_article_used_by_the_properties_is_valid() {
    let article: Article = serde_json::from_value(article()).unwrap();
    assert_eq!(check_article(&article), Ok(()));
}
