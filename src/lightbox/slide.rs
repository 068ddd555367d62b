//! One slide of the lightbox: the low-resolution thumbnail at once, the full
//! image over it when it arrives, zoom and pan, and swipes. The gestures'
//! arithmetic is `gesture`'s; this view only feeds it the events.
//!
//! Long only by its view and the two small helpers beside it.

use gazette_api::markup::class;
use gazette_api::{
    images::{smallest_src, srcset, usable_src},
    Image,
};
use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

use crate::{
    i18n::{slide_status, t, Text},
    lightbox::{
        gesture::{Point, Pointer, Pointers, Release, Size, Swipe, Zoom},
        next, preload_full, previous,
        viewer::Viewer,
        SLIDE_SIZES,
    },
};

/// The open slide, its neighbours to preload (the one ahead first), and what
/// a screen reader hears and a reader sees of its place in the sequence.
#[component]
pub fn CurrentSlide(
    viewer: Viewer,
    images: StoredValue<Vec<Image>>,
    slide: usize,
) -> impl IntoView {
    let count = viewer.count;
    let image_at = move |index: usize| images.with_value(|images| images[index].clone());
    let image = image_at(slide);
    let mut around = [next(slide, count), previous(slide)];
    if !viewer.forward.get_value() {
        around.reverse();
    }
    let neighbours: Vec<Image> = around
        .into_iter()
        .filter(|&index| index != slide)
        .map(image_at)
        .collect();
    let status = slide_status(slide + 1, count, image.caption.as_deref());
    view! {
        <Slide
            image
            neighbours
            on_swipe=Callback::new(move |gesture: Swipe| match gesture {
                Swipe::Next => viewer.show(next(slide, count)),
                Swipe::Previous => viewer.show(previous(slide)),
                Swipe::Close => viewer.close(),
            })
        />
        <p class=class::VISUALLY_HIDDEN aria-live="polite">{status}</p>
        <p class="lightbox__count" aria-hidden="true">{format!("{} / {count}", slide + 1)}</p>
    }
}

/// One slide, preloading its `neighbours` once its own image has arrived.
#[component]
pub fn Slide(image: Image, neighbours: Vec<Image>, on_swipe: Callback<Swipe>) -> impl IntoView {
    let loaded = RwSignal::new(false);
    let broken = RwSignal::new(false);
    let zoom = RwSignal::new(Zoom::default());
    let pointers = StoredValue::new(Pointers::default());
    let preloaded = StoredValue::new_local(Vec::<web_sys::HtmlImageElement>::new());
    let stage = NodeRef::<html::Div>::new();

    let stage_size = move || size_of(stage);
    let toggle_zoom = move || zoom.update(|zoom| *zoom = zoom.toggled(stage_size()));

    let on_pointerdown = move |event: ev::PointerEvent| {
        // Keep receiving this pointer's moves even when it leaves the stage.
        if let Some(stage) = event
            .current_target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        {
            let _ = stage.set_pointer_capture(event.pointer_id());
        }
        let pointer = Pointer {
            id: event.pointer_id(),
            at: position(&event),
            touch: event.pointer_type() == "touch",
        };
        pointers.update_value(|pointers| pointers.down(pointer, zoom.get_untracked()));
    };
    let on_pointermove = move |event: ev::PointerEvent| {
        let moved = pointers
            .try_update_value(|pointers| {
                pointers.moved(
                    event.pointer_id(),
                    position(&event),
                    zoom.get_untracked(),
                    stage_size(),
                )
            })
            .flatten();
        if let Some(moved) = moved {
            zoom.set(moved);
        }
    };
    let on_pointerup = move |event: ev::PointerEvent| {
        let release = pointers.try_update_value(|pointers| {
            pointers.up(
                event.pointer_id(),
                position(&event),
                zoom.get_untracked(),
                js_sys::Date::now(),
            )
        });
        match release {
            Some(Release::Swipe(swipe)) => on_swipe.run(swipe),
            Some(Release::DoubleTap) => toggle_zoom(),
            Some(Release::Nothing) | None => {}
        }
    };
    let on_wheel = move |event: ev::WheelEvent| {
        event.prevent_default();
        zoom.update(|zoom| *zoom = zoom.wheeled(event.delta_y(), stage_size()));
    };
    let on_loaded = move |_| {
        loaded.set(true);
        // So that the next swipe shows them at once.
        preloaded.set_value(neighbours.iter().filter_map(preload_full).collect());
    };

    let placeholder = smallest_src(&image).map(str::to_owned);
    // An address the allow-list refuses never reaches the DOM: the slide
    // shows the alt text, as for a picture that does not load.
    let src = usable_src(&image).map(str::to_owned);
    if src.is_none() {
        broken.set(true);
    }
    let alt = image.alt.clone();
    let caption = image.clone();
    view! {
        <figure class="lightbox__figure">
            <div
                class="lightbox__stage"
                class:zoomed=move || zoom.get().is_zoomed()
                node_ref=stage
                on:pointerdown=on_pointerdown
                on:pointermove=on_pointermove
                on:pointerup=on_pointerup
                on:pointercancel=move |_| pointers.update_value(Pointers::cancel)
                on:dblclick=move |_| toggle_zoom()
                on:wheel=on_wheel
            >
                <img class="lightbox__placeholder" src=placeholder alt="" aria-hidden="true"/>
                <Show
                    when=move || !broken.get()
                    fallback=move || view! { <div class="image-placeholder lightbox__broken">{alt.clone()}</div> }
                >
                    <img
                        class="lightbox__image"
                        class:lightbox__image--loaded=move || loaded.get()
                        src=src.clone()
                        srcset=srcset(&image)
                        sizes=SLIDE_SIZES
                        alt=image.alt.clone()
                        decoding="async"
                        draggable="false"
                        style:transform=move || zoom.get().transform()
                        on:load=on_loaded.clone()
                        on:error=move |_| broken.set(true)
                    />
                </Show>
            </div>
            <button
                type="button"
                class="lightbox__button lightbox__zoom"
                aria-pressed=move || zoom.get().is_zoomed().to_string()
                on:click=move |_| toggle_zoom()
            >
                {t(Text::ZOOM)}
            </button>
            <SlideCaption image=caption/>
        </figure>
    }
}

/// The caption and credit, in the caption's language; nothing when both are
/// blank.
#[component]
fn SlideCaption(image: Image) -> impl IntoView {
    let present = |text: Option<String>| text.filter(|text| !text.trim().is_empty());
    let caption = present(image.caption);
    let credit = present(image.credit);
    let lang = image.caption_lang;
    (caption.is_some() || credit.is_some()).then(|| {
        view! {
            // Focusable: a long caption scrolls in its own area, which
            // keyboard users must be able to reach.
            <figcaption class="lightbox__caption" tabindex="0">
                {caption.map(|text| view! { <span lang=lang.clone()>{text}</span> })}
                {credit.map(|text| view! {
                    <span class=class::FIGURE_CREDIT>{t(Text::PHOTO_CREDIT)} " " <span lang=lang.clone()>{text}</span></span>
                })}
            </figcaption>
        }
    })
}

/// The stage's size, which bounds the pan (1 × 1 before it is in the page).
fn size_of(stage: NodeRef<html::Div>) -> Size {
    stage.get_untracked().map_or(
        Size {
            width: 1.0,
            height: 1.0,
        },
        |stage| Size {
            width: f64::from(stage.client_width()),
            height: f64::from(stage.client_height()),
        },
    )
}

fn position(event: &ev::PointerEvent) -> Point {
    Point::new(f64::from(event.client_x()), f64::from(event.client_y()))
}
