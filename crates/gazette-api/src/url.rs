//! The contract's addresses as types that only the allow-lists can make
//! (parse, don't validate). A link target is an [`Href`] and a picture's
//! address an [`ImageUrl`]; neither has a constructor that skips its check,
//! and decoding the JSON goes through the same check. So every view, the
//! prerender and the feeds get only addresses that passed it, and none of
//! them can forget to ask.
//!
//! Decoding is lenient where the contract lets a value go missing: a refused
//! link decodes as no link (its text stays), a refused picture as a picture
//! that is unavailable (its alternative text stays), a refused variant is
//! left out of the `srcset`. One hostile value never costs a reader the
//! article around it.

use std::{fmt, ops::Deref, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize};

use crate::ImageVariant;

/// A link target that is safe to make into a link: an `http:`, `https:` or
/// `mailto:` URL, or a path on this site (`/posts/x`), without the white
/// space around it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Href(String);

/// A picture's address: an `http(s)` URL or a path, with nothing in it that
/// would break a `srcset` list or lead off the site (no white space, commas
/// or backslashes).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ImageUrl(String);

/// What parsing an address the allow-list refuses gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefusedAddress;

impl fmt::Display for RefusedAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("this address is not allowed here")
    }
}

impl std::error::Error for RefusedAddress {}

impl Href {
    /// The link target, when the allow-list takes it. Anything else, such as
    /// `javascript:` or `data:`, gives `None`. Control characters are refused
    /// everywhere: a browser drops tabs and line breaks from a URL, so
    /// `/\t/evil.example` would become `//evil.example`.
    pub fn parse(text: &str) -> Option<Href> {
        let href = text.trim();
        if href.chars().any(char::is_control) {
            return None;
        }
        if href.starts_with('/') && !href.starts_with("//") && !href.contains('\\') {
            return Some(Href(href.to_owned()));
        }
        let (scheme, rest) = href.split_once(':')?;
        let allowed = ["http", "https", "mailto"]
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed));
        (allowed && !rest.is_empty()).then(|| Href(href.to_owned()))
    }

    /// An `http(s)` URL only, such as an embed's original.
    pub fn parse_web(text: &str) -> Option<Href> {
        Href::parse(text).filter(Href::is_web)
    }

    /// Whether it is an `http(s)` URL (not a path, not `mailto:`).
    pub fn is_web(&self) -> bool {
        is_web(&self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ImageUrl {
    /// The address, when the allow-list takes it.
    pub fn parse(text: &str) -> Option<ImageUrl> {
        // A path: no protocol-relative `//host`, no other scheme before the first `/`.
        let first_segment = &text[..text.find('/').unwrap_or(text.len())];
        let path = !text.starts_with("//") && !first_segment.contains(':');
        // A browser reads `\` as `/`, so `/\\host` would be protocol-relative.
        let clean = !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, ',' | '\\'));
        ((is_web(text) || path) && clean && !text.is_empty()).then(|| ImageUrl(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether an address starts `http://` or `https://`, in any case.
fn is_web(address: &str) -> bool {
    let starts = |prefix: &str| {
        address
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    starts("https://") || starts("http://")
}

macro_rules! address {
    ($type:ty) => {
        impl FromStr for $type {
            type Err = RefusedAddress;
            fn from_str(text: &str) -> Result<Self, RefusedAddress> {
                <$type>::parse(text).ok_or(RefusedAddress)
            }
        }

        impl Deref for $type {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl From<$type> for String {
            fn from(address: $type) -> String {
                address.0
            }
        }

        impl AsRef<str> for $type {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $type {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $type {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

address!(Href);
address!(ImageUrl);

/// `serde(deserialize_with)` for the contract's addresses: what the
/// allow-list refuses decodes as `None`; a value of the wrong JSON type is
/// still an error.
pub(crate) mod lenient {
    use super::*;

    fn text<'de, D: Deserializer<'de>>(decoder: D) -> Result<Option<String>, D::Error> {
        Option::<String>::deserialize(decoder)
    }

    pub fn href<'de, D: Deserializer<'de>>(decoder: D) -> Result<Option<Href>, D::Error> {
        Ok(text(decoder)?.as_deref().and_then(Href::parse))
    }

    pub fn web<'de, D: Deserializer<'de>>(decoder: D) -> Result<Option<Href>, D::Error> {
        Ok(text(decoder)?.as_deref().and_then(Href::parse_web))
    }

    pub fn image<'de, D: Deserializer<'de>>(decoder: D) -> Result<Option<ImageUrl>, D::Error> {
        Ok(text(decoder)?.as_deref().and_then(ImageUrl::parse))
    }

    /// An image's variants, without those whose address is refused or whose
    /// width is 0 (a `srcset` needs both).
    pub fn variants<'de, D: Deserializer<'de>>(decoder: D) -> Result<Vec<ImageVariant>, D::Error> {
        #[derive(Deserialize)]
        struct Variant {
            src: String,
            width: u32,
        }
        let variants = Vec::<Variant>::deserialize(decoder)?;
        Ok(variants
            .into_iter()
            .filter(|variant| variant.width > 0)
            .filter_map(|Variant { src, width }| {
                Some(ImageVariant {
                    src: ImageUrl::parse(&src)?,
                    width,
                })
            })
            .collect())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Hostile addresses in any case, with white space, entities, other
    /// schemes, or protocol-relative. (`javascript&colon;x` is refused as a
    /// link; as a picture it is a harmless relative path, since every
    /// renderer escapes `&`.)
    pub const HOSTILE: [&str; 13] = [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "\tjava\nscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "DATA:text/html,x",
        "vbscript:msgbox(1)",
        "//evil.example/a.webp",
        "/\\evil.example",
        "/\t/evil.example",
        "/posts/x\u{7f}",
        "",
    ];

    #[test]
    fn hrefs_are_allow_listed_by_scheme() {
        for good in [
            "https://example.com",
            "HTTP://x.cz/a?b",
            "mailto:a@b.cz",
            "/posts/x",
        ] {
            assert_eq!(Href::parse(good).unwrap(), good);
        }
        assert_eq!(Href::parse("  /posts/x ").unwrap(), "/posts/x");
        for bad in HOSTILE.into_iter().chain([
            "http:",
            "relative/path",
            "javascript&colon;alert(1)",
            "/\r/evil.example",
            "java\nscript:alert(1)",
        ]) {
            assert_eq!(Href::parse(bad), None, "{bad:?}");
            assert_eq!(bad.parse::<Href>(), Err(RefusedAddress), "{bad:?}");
        }
        assert!(Href::parse_web("HTTPS://x.org").is_some());
        for not_web in ["/posts/x", "mailto:a@b.cz", "javascript:x"] {
            assert_eq!(Href::parse_web(not_web), None, "{not_web}");
        }
    }

    #[test]
    fn image_addresses_are_allow_listed() {
        for good in [
            "/images/a.webp",
            "https://cdn.example/a.jpg",
            "images/a.webp",
        ] {
            assert_eq!(ImageUrl::parse(good).unwrap(), good);
        }
        for bad in HOSTILE.into_iter().chain(["a b", "/a,1.webp"]) {
            assert_eq!(ImageUrl::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn decoding_refuses_what_the_allow_lists_refuse() {
        use crate::{Block, Image};
        for hostile in HOSTILE {
            let json = serde_json::json!({
                "type": "figure",
                "image": {"src": hostile, "alt": "a", "variants": [
                    {"src": hostile, "width": 480}, {"src": "/a-960.webp", "width": 960}
                ]},
            });
            let Block::Figure { image } = serde_json::from_value(json).unwrap() else {
                panic!("a figure");
            };
            assert_eq!(image.src, None, "{hostile:?}");
            assert_eq!(image.variants.len(), 1, "{hostile:?}");
            assert_eq!(image.alt, "a");
            let again: Image =
                serde_json::from_str(&serde_json::to_string(&image).unwrap()).unwrap();
            assert_eq!(again, image, "a refused address round-trips as null");
        }
        let missing = serde_json::from_value::<Image>(serde_json::json!({"alt": "a"}));
        assert!(missing.is_err(), "src is required");
        let number = serde_json::from_value::<Image>(serde_json::json!({"src": 1}));
        assert!(number.is_err(), "a number is not an address");
    }
}
