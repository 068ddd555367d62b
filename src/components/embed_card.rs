//! An embed block as a card: the provider, the title and a picture, linking
//! to the original. No frame or script of the provider's is loaded: the
//! reader's privacy and the strict CSP first. Where the site allows it
//! (`config.json`'s `play_embeds`), a YouTube or Vimeo video has a "Play
//! here" button, which only then loads the provider's player, sandboxed
//! (YouTube's without cookies); the CSP names those players then, and only
//! then.

use gazette_api::{
    content::{player_url, url_host},
    images::THUMBNAIL_SIZES,
    markup::class,
    Href, Image,
};
use leptos::{html, prelude::*};

use crate::{
    components::responsive_image::{Loading, ResponsiveImage},
    config::Config,
    i18n::{t, Text},
};

#[component]
pub fn EmbedCard(
    url: Option<Href>,
    provider: Option<String>,
    title: Option<String>,
    caption: Option<String>,
    thumbnail: Option<Image>,
) -> impl IntoView {
    let url = url.map(String::from);
    let href = url.clone();
    let url = url.unwrap_or_default();
    let player = use_context::<Config>()
        .filter(|config| config.play_embeds)
        .and_then(|_| player_url(&url));
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
                <span class=class::EMBED_CARD_TITLE>{title.clone()}</span>
            </a>
            {player.map(|player| view! { <PlayHere player title/> })}
            {caption.map(|caption| view! {
                <figcaption class=class::EMBED_CARD_CAPTION>{caption}</figcaption>
            })}
        </figure>
    }
}

/// The "Play here" button, and once pressed the player in its place, which
/// takes the focus the button had.
#[component]
fn PlayHere(player: String, title: String) -> impl IntoView {
    let playing = RwSignal::new(false);
    let frame = NodeRef::<html::Iframe>::new();
    Effect::new(move |_| {
        if let Some(frame) = frame.get() {
            let _ = frame.focus();
        }
    });
    move || {
        if playing.get() {
            view! {
                <div class=class::EMBED_CARD_PLAYER>
                    <iframe
                        node_ref=frame
                        src=player.clone()
                        title=title.clone()
                        sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
                        allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
                        allowfullscreen=true
                        referrerpolicy="strict-origin-when-cross-origin"
                    ></iframe>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class=class::EMBED_CARD_PLAY on:click=move |_| playing.set(true)>
                    {t(Text::PLAY_HERE)}
                </button>
            }
            .into_any()
        }
    }
}
