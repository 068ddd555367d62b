//! Image URLs for `srcset`, which image URLs may be used at all, and where
//! an API's image paths point: one rule for the app and for the server
//! (its prerendered pages, and a build made from another API).

use crate::Image;

/// `sizes` for an image in the article column.
pub const ARTICLE_IMAGE_SIZES: &str = "(min-width: 48rem) 46rem, 100vw";
/// `sizes` for a thumbnail in a list of posts.
pub const THUMBNAIL_SIZES: &str = "(min-width: 48rem) 12rem, 33vw";
/// `sizes` for a gallery thumbnail: one column on a phone, up to three wide.
pub const GALLERY_SIZES: &str = "(min-width: 48rem) 15rem, (min-width: 30rem) 50vw, 100vw";

/// Whether an image URL may be used: `http(s):` or a path, with no characters
/// that would break a `srcset` list.
pub fn is_usable_image_src(src: &str) -> bool {
    let lower = src.trim_start().to_ascii_lowercase();
    let scheme_ok = if lower.starts_with("https://") || lower.starts_with("http://") {
        true
    } else {
        // A path: no protocol-relative `//host`, no other scheme before the first `/`.
        !lower.starts_with("//") && !lower.split('/').next().unwrap_or("").contains(':')
    };
    scheme_ok
        && !src.is_empty()
        && !src
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c.is_control())
}

/// The `srcset` of an image's variants, narrowest first; `None` without usable variants.
pub fn srcset(image: &Image) -> Option<String> {
    let mut variants: Vec<_> = image
        .variants
        .iter()
        .filter(|variant| variant.width > 0 && is_usable_image_src(&variant.src))
        .collect();
    variants.sort_by_key(|variant| variant.width);
    variants.dedup_by_key(|variant| variant.width);
    (!variants.is_empty()).then(|| {
        variants
            .iter()
            .map(|variant| format!("{} {}w", variant.src, variant.width))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The largest usable variant (else the image itself, when usable): what a
/// thumbnail links to, so that without the lightbox it still opens whole.
pub fn full_src(image: &Image) -> Option<&str> {
    image
        .variants
        .iter()
        .filter(|variant| variant.width > 0 && is_usable_image_src(&variant.src))
        .max_by_key(|variant| variant.width)
        .map(|variant| variant.src.as_str())
        .or_else(|| is_usable_image_src(&image.src).then_some(image.src.as_str()))
}

/// The smallest usable variant (else the image itself, when usable), for
/// thumbnails and placeholders.
pub fn smallest_src(image: &Image) -> Option<&str> {
    image
        .variants
        .iter()
        .filter(|variant| variant.width > 0 && is_usable_image_src(&variant.src))
        .min_by_key(|variant| variant.width)
        .map(|variant| variant.src.as_str())
        .or_else(|| usable_src(image))
}

/// The image's own `src`, when the allow-list takes it: what an `<img src>`
/// may be given, in every view.
pub fn usable_src(image: &Image) -> Option<&str> {
    is_usable_image_src(&image.src).then_some(image.src.as_str())
}

/// An image path from the API is relative to the API's origin: when the API
/// is on another origin (an embed on someone else's site), it is made
/// absolute. Full URLs, and paths from an API on this site, stay as they are.
pub fn resolve_image_url(api_base: &str, src: &str) -> String {
    let Some((scheme, rest)) = api_base.split_once("://") else {
        return src.to_owned();
    };
    if !src.starts_with('/') || src.starts_with("//") {
        return src.to_owned();
    }
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{host}{src}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ImageVariant;

    #[test]
    fn image_paths_are_resolved_against_an_api_elsewhere() {
        let api = "https://news.example.org/news/api/v1";
        assert_eq!(
            resolve_image_url(api, "/news/images/a.webp"),
            "https://news.example.org/news/images/a.webp"
        );
        assert_eq!(
            resolve_image_url(api, "https://cdn.example.net/a.webp"),
            "https://cdn.example.net/a.webp"
        );
        assert_eq!(
            resolve_image_url("api/v1", "/images/a.webp"),
            "/images/a.webp"
        );
        assert_eq!(
            resolve_image_url("/api/v1", "/images/a.webp"),
            "/images/a.webp"
        );
    }

    fn image(variants: &[(&str, u32)]) -> Image {
        Image {
            src: "/a.webp".into(),
            variants: variants
                .iter()
                .map(|(src, width)| ImageVariant {
                    src: (*src).into(),
                    width: *width,
                })
                .collect(),
            ..Image::default()
        }
    }

    #[test]
    fn srcset_is_sorted_and_skips_bad_variants() {
        let image = image(&[
            ("/a-960.webp", 960),
            ("/a-480.webp", 480),
            ("javascript:alert(1)", 100),
            ("/a b.webp", 200),
            ("/a,1.webp", 300),
            ("/zero.webp", 0),
            ("/dup.webp", 480),
        ]);
        assert_eq!(
            srcset(&image).unwrap(),
            "/a-480.webp 480w, /a-960.webp 960w"
        );
        assert_eq!(smallest_src(&image), Some("/a-480.webp"));
        assert_eq!(full_src(&image), Some("/a-960.webp"));
        assert_eq!(full_src(&self::image(&[])), Some("/a.webp"));
        let refused = Image {
            src: "javascript:alert(1)".into(),
            ..Image::default()
        };
        assert_eq!(full_src(&refused), None);
        assert_eq!(srcset(&self::image(&[])), None);
    }

    #[test]
    fn no_view_gets_an_address_the_allow_list_refuses() {
        // What the lightbox, the thumbnails and the links are given, for
        // hostile sources in any case, with white space, entities, or other
        // schemes (the lightbox once set `src` as the API gave it).
        for hostile in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\tjava\nscript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "DATA:text/html,x",
            "vbscript:msgbox(1)",
            "//evil.example/a.webp",
        ] {
            let image = Image {
                src: hostile.into(),
                variants: vec![ImageVariant {
                    src: hostile.into(),
                    width: 480,
                }],
                ..Image::default()
            };
            assert_eq!(usable_src(&image), None, "{hostile:?}");
            assert_eq!(smallest_src(&image), None, "{hostile:?}");
            assert_eq!(full_src(&image), None, "{hostile:?}");
            assert_eq!(srcset(&image), None, "{hostile:?}");
        }
    }

    #[test]
    fn image_sources() {
        for good in [
            "/images/a.webp",
            "https://cdn.example/a.jpg",
            "images/a.webp",
        ] {
            assert!(is_usable_image_src(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:image/svg+xml,<svg>",
            "//evil.example/a",
            "",
            "a b",
        ] {
            assert!(!is_usable_image_src(bad), "{bad}");
        }
    }
}
