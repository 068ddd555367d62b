//! An embed block as a card: the provider, the title and a picture, linking
//! to the original. No frame or script of the provider's is loaded: the
//! reader's privacy and the strict CSP first.

use gazette_api::{
    content::{embed_href, url_host},
    images::THUMBNAIL_SIZES,
    markup::class,
    Image,
};
use leptos::prelude::*;

use crate::components::responsive_image::{Loading, ResponsiveImage};

#[component]
pub fn EmbedCard(
    url: String,
    provider: Option<String>,
    title: Option<String>,
    caption: Option<String>,
    thumbnail: Option<Image>,
) -> impl IntoView {
    let href = embed_href(&url).map(str::to_owned);
    let provider = provider.unwrap_or_else(|| url_host(&url).to_owned());
    let title = title.unwrap_or_else(|| url.clone());
    view! {
        <figure class=class::EMBED_CARD>
            <a class=class::EMBED_CARD_LINK href=href>
                {thumbnail.map(|image| {
                    // Decorative: the link's title names it.
                    let image = Image { alt: String::new(), ..image };
                    view! {
                        <div class=class::EMBED_CARD_THUMB>
                            <ResponsiveImage image sizes=THUMBNAIL_SIZES loading=Loading::Lazy/>
                        </div>
                    }
                })}
                <span class=class::EMBED_CARD_PROVIDER>{provider}</span>
                <span class=class::EMBED_CARD_TITLE>{title}</span>
            </a>
            {caption.map(|caption| view! {
                <figcaption class=class::EMBED_CARD_CAPTION>{caption}</figcaption>
            })}
        </figure>
    }
}
