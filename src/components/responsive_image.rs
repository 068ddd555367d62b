//! An image that never shifts the layout and degrades to its alt text.

use gazette_api::markup::class;
use gazette_api::Image;
use leptos::prelude::*;

use gazette_api::images::srcset;

/// How urgently an image loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// The page's main image: eager, `fetchpriority="high"`.
    Priority,
    /// Everything else: `loading="lazy"`.
    Lazy,
}

/// An `<img>` in a frame whose aspect ratio is reserved before it loads: from
/// `width`/`height` when known (set through the CSSOM, which a strict CSP
/// allows), a default box otherwise. A broken image shows its alt text.
#[component]
pub fn ResponsiveImage(
    image: Image,
    /// The `sizes` attribute for its `srcset`.
    sizes: &'static str,
    /// Eager and high priority, or lazy.
    loading: Loading,
) -> impl IntoView {
    let broken = RwSignal::new(image.src.is_none());
    let ratio = match (image.width, image.height) {
        (Some(width), Some(height)) if width > 0 && height > 0 => {
            Some(format!("{width} / {height}"))
        }
        _ => None,
    };
    let frame_class = if ratio.is_some() {
        class::IMAGE_FRAME
    } else {
        class::IMAGE_FRAME_UNKNOWN_SIZE
    };
    let srcset = srcset(&image);
    let Image {
        src,
        alt,
        width,
        height,
        ..
    } = image;
    let src = src.map(String::from);
    let placeholder_alt = alt.clone();
    view! {
        <div class=frame_class style:aspect-ratio=ratio>
            <Show
                when=move || !broken.get()
                fallback=move || {
                    let alt = placeholder_alt.clone();
                    let decorative = alt.is_empty();
                    view! {
                        <div
                            class=class::IMAGE_PLACEHOLDER
                            role=(!decorative).then_some("img")
                            aria-label=(!decorative).then(|| alt.clone())
                            aria-hidden=decorative.then_some("true")
                        >
                            <span aria-hidden="true">{alt.clone()}</span>
                        </div>
                    }
                }
            >
                // `loading` before `src`: an image created by script starts
                // its request when its `src` is set, so a `loading="lazy"`
                // set after it comes too late and every picture of a long
                // gallery loads at once. `sizes` before `srcset` before `src`
                // for the same reason: the first request is the right file.
                <img
                    loading=if loading == Loading::Lazy { "lazy" } else { "eager" }
                    fetchpriority=(loading == Loading::Priority).then_some("high")
                    decoding="async"
                    width=width
                    height=height
                    alt=alt.clone()
                    sizes=srcset.is_some().then_some(sizes)
                    srcset=srcset.clone()
                    src=src.clone()
                    on:error=move |_| broken.set(true)
                />
            </Show>
        </div>
    }
}
