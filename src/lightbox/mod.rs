//! The lightbox: every image of an article in one sequence, in a native
//! modal `<dialog>` (`dialog`) that the URL drives (`viewer`), one slide at a
//! time (`slide`), zoomed and swiped by `gesture`'s rules. This module holds
//! the sequence's logic, apart from the view: which slide is next, and the
//! `photo` URL parameter that names the open slide.

use gazette_api::{
    images::{srcset, usable_src},
    Block, Image,
};

pub mod dialog;
pub mod gesture;
pub mod slide;
pub mod viewer;

/// Every image of an article's body, in reading order: the lightbox's slides.
pub fn article_images(body: &[Block]) -> Vec<Image> {
    body.iter()
        .flat_map(|block| match block {
            Block::Figure { image } => std::slice::from_ref(image),
            Block::Gallery { images, .. } => images.as_slice(),
            _ => &[],
        })
        .cloned()
        .collect()
}

/// Starts loading an image's full version as a slide's `<img>` asks for it
/// (the same `srcset`, `sizes="100vw"`), so that the slide finds it in the
/// browser's cache or on its way; the element is kept while the image is
/// wanted. None for an address the allow-list refuses.
pub fn preload_full(image: &Image) -> Option<web_sys::HtmlImageElement> {
    let element = web_sys::HtmlImageElement::new().ok()?;
    element.set_sizes(SLIDE_SIZES);
    if let Some(set) = srcset(image) {
        element.set_srcset(&set);
    }
    element.set_src(usable_src(image)?);
    Some(element)
}

/// A slide's image fills the viewport's width at most.
pub const SLIDE_SIZES: &str = "100vw";

/// The next slide after `index` in a sequence of `len`, stopping at the end.
pub fn next(index: usize, len: usize) -> usize {
    if len == 0 {
        0
    } else {
        (index + 1).min(len - 1)
    }
}

/// The slide before `index`, stopping at the start.
pub fn previous(index: usize) -> usize {
    index.saturating_sub(1)
}

/// The last slide of a sequence of `len`.
pub fn last(len: usize) -> usize {
    len.saturating_sub(1)
}

/// The 0-based slide named by the `photo` parameter (1-based in the URL).
/// Out of range opens the nearest end; anything that is not a number, or a
/// sequence without images, opens nothing.
pub fn slide_from_param(param: Option<&str>, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let text = param?.trim();
    if text.is_empty() || text.len() > 12 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    let number: i64 = text.parse().ok()?;
    Some((number.clamp(1, len as i64) - 1) as usize)
}

/// The `photo` parameter's value for a 0-based slide.
pub fn param_for_slide(index: usize) -> String {
    (index + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_arithmetic_stops_at_the_ends() {
        assert_eq!(next(0, 7), 1);
        assert_eq!(next(6, 7), 6);
        assert_eq!(next(0, 1), 0);
        assert_eq!(next(0, 0), 0);
        assert_eq!(previous(0), 0);
        assert_eq!(previous(3), 2);
        assert_eq!(last(7), 6);
        assert_eq!(last(0), 0);
    }

    #[test]
    fn the_photo_parameter_is_parsed_defensively() {
        assert_eq!(slide_from_param(Some("4"), 7), Some(3));
        assert_eq!(slide_from_param(Some("1"), 7), Some(0));
        assert_eq!(slide_from_param(Some("99"), 7), Some(6));
        assert_eq!(slide_from_param(Some("0"), 7), Some(0));
        assert_eq!(slide_from_param(Some("-5"), 7), Some(0));
        assert_eq!(slide_from_param(Some("99999999999999999999"), 7), None);
        for hostile in ["", " ", "abc", "4abc", "<script>", "1e3", "0x10", "--1"] {
            assert_eq!(slide_from_param(Some(hostile), 7), None, "{hostile}");
        }
        assert_eq!(slide_from_param(None, 7), None);
        assert_eq!(slide_from_param(Some("1"), 0), None);
        assert_eq!(param_for_slide(2), "3");
    }

    #[test]
    fn slides_follow_reading_order() {
        let image = |src: &str| Image {
            src: src.parse().ok(),
            ..Image::default()
        };
        let body = vec![
            Block::Figure { image: image("a") },
            Block::Divider,
            Block::Gallery {
                images: vec![image("b"), image("c")],
                caption: None,
            },
            Block::Figure { image: image("d") },
        ];
        let srcs: Vec<_> = article_images(&body)
            .into_iter()
            .filter_map(|image| image.src.map(String::from))
            .collect();
        assert_eq!(srcs, ["a", "b", "c", "d"]);
    }
}
