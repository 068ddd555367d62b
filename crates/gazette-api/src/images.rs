//! Image URLs for `srcset`, which image URLs may be used at all, and where
//! an API's image paths point: one rule for the app and for the server
//! (its prerendered pages, and a build made from another API).

use crate::Image;

/// `sizes` for an image in the article column.
pub const ARTICLE_IMAGE_SIZES: &str = "(min-width: 48rem) 46rem, 100vw";
/// `sizes` for a tag's or an author's picture beside its name.
pub const TERM_PICTURE_SIZES: &str = "6rem";
/// `sizes` for a thumbnail in a list of posts.
pub const THUMBNAIL_SIZES: &str = "(min-width: 48rem) 12rem, 33vw";
/// `sizes` for a gallery thumbnail: one column on a phone, up to three wide.
pub const GALLERY_SIZES: &str = "(min-width: 48rem) 15rem, (min-width: 30rem) 50vw, 100vw";

/// The `srcset` of an image's variants, narrowest first; `None` without
/// variants. Every variant's address passed the allow-list when it was made.
pub fn srcset(image: &Image) -> Option<String> {
    let mut variants: Vec<_> = image.variants.iter().collect();
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

/// The largest variant (else the image itself): what a thumbnail links to,
/// so that without the lightbox it still opens whole.
pub fn full_src(image: &Image) -> Option<&str> {
    image
        .variants
        .iter()
        .max_by_key(|variant| variant.width)
        .map(|variant| variant.src.as_str())
        .or_else(|| usable_src(image))
}

/// The smallest variant (else the image itself), for thumbnails and
/// placeholders.
pub fn smallest_src(image: &Image) -> Option<&str> {
    image
        .variants
        .iter()
        .min_by_key(|variant| variant.width)
        .map(|variant| variant.src.as_str())
        .or_else(|| usable_src(image))
}

/// The image's own `src`, when it has one the allow-list took.
pub fn usable_src(image: &Image) -> Option<&str> {
    image.src.as_deref()
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

    fn image(variants: serde_json::Value) -> Image {
        serde_json::from_value(serde_json::json!({"src": "/a.webp", "variants": variants})).unwrap()
    }

    #[test]
    fn srcset_is_sorted_and_skips_bad_variants() {
        let image = image(serde_json::json!([
            {"src": "/a-960.webp", "width": 960},
            {"src": "/a-480.webp", "width": 480},
            {"src": "javascript:alert(1)", "width": 100},
            {"src": "/a b.webp", "width": 200},
            {"src": "/a,1.webp", "width": 300},
            {"src": "/zero.webp", "width": 0},
            {"src": "/dup.webp", "width": 480},
        ]));
        assert_eq!(
            srcset(&image).unwrap(),
            "/a-480.webp 480w, /a-960.webp 960w"
        );
        assert_eq!(smallest_src(&image), Some("/a-480.webp"));
        assert_eq!(full_src(&image), Some("/a-960.webp"));
        assert_eq!(
            full_src(&self::image(serde_json::json!([]))),
            Some("/a.webp")
        );
        let refused: Image =
            serde_json::from_value(serde_json::json!({"src": "javascript:alert(1)"})).unwrap();
        assert_eq!(full_src(&refused), None);
        assert_eq!(srcset(&self::image(serde_json::json!([]))), None);
    }

    #[test]
    fn no_view_gets_an_address_the_allow_list_refuses() {
        // What the lightbox, the thumbnails and the links are given, for
        // hostile sources (the lightbox once set `src` as the API gave it).
        for hostile in crate::url::tests::HOSTILE {
            let image: Image = serde_json::from_value(serde_json::json!({
                "src": hostile, "variants": [{"src": hostile, "width": 480}]
            }))
            .unwrap();
            assert_eq!(usable_src(&image), None, "{hostile:?}");
            assert_eq!(smallest_src(&image), None, "{hostile:?}");
            assert_eq!(full_src(&image), None, "{hostile:?}");
            assert_eq!(srcset(&image), None, "{hostile:?}");
        }
    }
}
