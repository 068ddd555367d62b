//! A gallery block: a responsive grid of captioned thumbnails.

use gazette_api::markup::class;
use gazette_api::{
    images::{full_src, GALLERY_SIZES},
    Image,
};
use leptos::prelude::*;

use crate::{
    components::{
        figure::image_caption,
        responsive_image::{Loading, ResponsiveImage},
    },
    lightbox::dialog::ZoomButton,
};

/// The gallery: a list of figures, then the gallery's own caption.
#[component]
pub fn Gallery(
    images: Vec<Image>,
    /// The caption of the whole gallery.
    caption: Option<String>,
    /// How the first image loads; the rest are lazy.
    first_loading: Loading,
    /// The first image's place in the article's sequence, for the lightbox.
    first_slide: usize,
) -> impl IntoView {
    let items = images
        .into_iter()
        .enumerate()
        .map(|(index, image)| {
            let loading = if index == 0 {
                first_loading
            } else {
                Loading::Lazy
            };
            let figcaption = image_caption(&image);
            let alt = image.alt.clone();
            let href = full_src(&image).map(str::to_owned);
            view! {
                <li>
                    <figure class=class::GALLERY_ITEM>
                        <ZoomButton slide=first_slide + index alt href>
                            <ResponsiveImage image sizes=GALLERY_SIZES loading/>
                        </ZoomButton>
                        {figcaption}
                    </figure>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class=class::GALLERY>
            <ul class=class::GALLERY_GRID>{items}</ul>
            {caption.map(|text| view! { <figcaption class=class::GALLERY_CAPTION>{text}</figcaption> })}
        </figure>
    }
}
