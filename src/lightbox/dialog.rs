//! The lightbox's dialog: every image of an article in one sequence, in a
//! native modal `<dialog>`, driven by the URL (`?photo=N`) so that Back closes
//! it, Forward reopens it and every slide has a link.
//!
//! Long only by the dialog's markup and the component beside it.

use gazette_api::markup::class;
use gazette_api::Image;
use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

use crate::{
    chunks::{prefetch_slide, LightboxSlide},
    i18n::{open_photo, t, Text},
    lang::ui_lang,
    lightbox::{last, preload_full, viewer::Viewer},
};

/// Opens the lightbox on a slide; provided to the figures and galleries.
#[derive(Clone, Copy)]
pub struct LightboxOpener(pub Callback<usize>);

/// The lightbox for an article's images, in reading order, around the
/// article whose figures and galleries open it.
#[component]
pub fn Lightbox(
    /// Every image of the article, in reading order.
    images: Vec<Image>,
    /// The article.
    children: Children,
) -> impl IntoView {
    let count = images.len();
    if count > 0 {
        prefetch_slide();
    }
    let images = StoredValue::new(images);
    let viewer = Viewer::new(count);
    let dialog = NodeRef::<html::Dialog>::new();
    provide_context(LightboxOpener(Callback::new(move |slide| {
        viewer.open(slide)
    })));

    // The open photo's full image, fetched while the slide's code (a chunk,
    // the first time) may still be coming: both at once, not one after the
    // other.
    let fetching = StoredValue::new_local(None);
    // The URL is the truth: open or close the dialog to match it, once the
    // dialog is in the document (a direct link renders it after the article loads).
    Effect::new(move |_| {
        let slide = viewer.current.get();
        let image = slide
            .and_then(|slide| images.with_value(|images| images.get(slide).and_then(preload_full)));
        fetching.set_value(image);
        if dialog.get().is_none() {
            return;
        }
        request_animation_frame(move || sync_dialog(dialog, slide.is_some(), viewer.opener));
    });
    // The keys are heard on the window while a photo is open: the modal
    // dialog is all a reader can reach then, and the focus may have been in
    // the slide that a move has just replaced (its Zoom button), which
    // leaves it on the body.
    let keys = window_event_listener(ev::keydown, move |event| {
        if viewer.current.get_untracked().is_some() {
            viewer.on_keydown(&event, dialog);
        }
    });
    on_cleanup(move || keys.remove());

    let article = children();
    view! {
        {article}
        <dialog
            node_ref=dialog
            class="lightbox"
            aria-label=t(Text::PHOTO_VIEWER)
            lang=ui_lang().code()
            tabindex="-1"
            on:cancel=move |event: ev::Event| {
                event.prevent_default();
                viewer.close();
            }
        >
            {move || viewer.current.get().map(|slide| view! { <LightboxSlide viewer images slide/> })}
            <div class="lightbox__controls">
                <button type="button" class="lightbox__button lightbox__copy" on:click=move |_| viewer.copy_link()>
                    {move || if viewer.copied.get() { t(Text::LINK_COPIED) } else { t(Text::COPY_LINK) }}
                </button>
                <button type="button" class="lightbox__button lightbox__close" aria-label=t(Text::CLOSE) on:click=move |_| viewer.close()>
                    "×"
                </button>
            </div>
            <button
                type="button"
                class="lightbox__button lightbox__previous"
                aria-label=t(Text::PREVIOUS_IMAGE)
                aria-disabled=move || (viewer.current.get() == Some(0)).then_some("true")
                on:click=move |_| viewer.show_previous()
            >
                "‹"
            </button>
            <button
                type="button"
                class="lightbox__button lightbox__next"
                aria-label=t(Text::NEXT_IMAGE)
                aria-disabled=move || (viewer.current.get() == Some(last(count))).then_some("true")
                on:click=move |_| viewer.show_next()
            >
                "›"
            </button>
        </dialog>
    }
}

/// A link around a thumbnail, to the full image, that opens the lightbox on
/// its slide instead (a plain click; a click with a modifier key, or the
/// middle button, opens the image as the browser would, and so does a page
/// read before or without the app). A button where the image has no usable
/// URL; just the thumbnail where no lightbox is around (a component rendered
/// alone).
#[component]
pub fn ZoomButton(
    /// The slide this thumbnail opens.
    slide: usize,
    /// The image's alt text, for the link's name.
    alt: String,
    /// The full image ([`full_src`](gazette_api::images::full_src)).
    href: Option<String>,
    /// The thumbnail.
    children: Children,
) -> impl IntoView {
    let Some(LightboxOpener(open)) = use_context::<LightboxOpener>() else {
        return children().into_any();
    };
    match href {
        Some(href) => view! {
            <a
                class=class::ZOOM_BUTTON
                href=href
                data-slide=slide
                aria-label=open_photo(&alt)
                on:click=move |event: leptos::ev::MouseEvent| {
                    let plain = event.button() == 0
                        && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
                    if plain {
                        event.prevent_default();
                        open.run(slide);
                    }
                }
            >
                {children()}
            </a>
        }
        .into_any(),
        None => view! {
            <button
                type="button"
                class=class::ZOOM_BUTTON
                data-slide=slide
                aria-label=open_photo(&alt)
                on:click=move |_| open.run(slide)
            >
                {children()}
            </button>
        }
        .into_any(),
    }
}

/// Opens or closes the dialog; on closing, focus returns to the thumbnail that
/// opened it (or the first thumbnail, after a direct link).
fn sync_dialog(
    dialog: NodeRef<html::Dialog>,
    open: bool,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
) {
    let Some(dialog) = dialog.get_untracked() else {
        return;
    };
    if open && !dialog.open() {
        let _ = dialog.show_modal();
    } else if open {
        // A move replaced the slide the focus was in: back into the dialog,
        // where a screen reader hears its name and the slide's status.
        let focused = document().active_element();
        if !dialog.contains(focused.as_ref().map(|element| element.unchecked_ref())) {
            let _ = dialog.focus();
        }
    } else if !open && dialog.open() {
        dialog.close();
        let target = opener.get_value().or_else(|| {
            document()
                .query_selector(".zoom-button[data-slide]")
                .ok()
                .flatten()
                .and_then(|element| element.dyn_into().ok())
        });
        if let Some(element) = target {
            let _ = element.focus();
        }
        opener.set_value(None);
    }
}
