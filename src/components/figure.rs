//! A figure block: one image with its caption and credit.

use gazette_api::markup::class;
use gazette_api::{
    images::{full_src, ARTICLE_IMAGE_SIZES},
    Image,
};
use leptos::prelude::*;

use crate::{
    components::responsive_image::{Loading, ResponsiveImage},
    i18n::{t, Text},
    lang::ui_lang,
    lightbox::dialog::ZoomButton,
};

/// `<figure>` with the image and a `<figcaption>` holding the caption (in its
/// own language) and the credit after "Photo:".
#[component]
pub fn Figure(
    image: Image,
    /// Eager for the article's first image, lazy otherwise.
    loading: Loading,
    /// Its place in the article's sequence of images, for the lightbox.
    slide: usize,
) -> impl IntoView {
    let caption = image_caption(&image);
    let alt = image.alt.clone();
    let href = full_src(&image).map(str::to_owned);
    view! {
        <figure class=class::FIGURE>
            <ZoomButton slide alt href>
                <ResponsiveImage image sizes=ARTICLE_IMAGE_SIZES loading/>
            </ZoomButton>
            {caption}
        </figure>
    }
}

/// The `<figcaption>` of an image, or nothing when it has no caption or credit.
pub fn image_caption(image: &Image) -> Option<impl IntoView> {
    let lang = image.caption_lang.clone();
    let caption = image.caption.clone().filter(|text| !text.trim().is_empty());
    let credit = image.credit.clone().filter(|text| !text.trim().is_empty());
    (caption.is_some() || credit.is_some()).then(|| {
        view! {
            <figcaption class=class::FIGURE_CAPTION>
                {caption.map(|text| view! { <span class=class::FIGURE_TEXT lang=lang.clone()>{text}</span> })}
                {credit.map(|text| view! {
                    <span class=class::FIGURE_CREDIT>
                        <span lang=ui_lang().code()>{t(Text::PHOTO_CREDIT)}</span>
                        " "
                        <span lang=lang.clone()>{text}</span>
                    </span>
                })}
            </figcaption>
        }
    })
}
