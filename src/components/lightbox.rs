//! The lightbox: every image of an article in one sequence, in a native modal
//! `<dialog>`, driven by the URL (`?photo=N`) so that Back closes it, Forward
//! reopens it and every slide has a link.

use gazette_api::Image;
use leptos::{callback::UnsyncCallback, ev, html, prelude::*};
use leptos_router::{
    hooks::{use_location, use_navigate, use_query_map},
    NavigateOptions,
};
use wasm_bindgen::JsCast;

use crate::{
    i18n::{open_photo, slide_status, t, Text},
    images::{smallest_src, srcset},
    lang::ui_lang,
    lightbox::{clamp_pan, last, next, param_for_slide, previous, slide_from_param, swipe, Swipe},
    scroll,
};

/// The zoom factor of a double click, double tap or click on the zoom button.
const ZOOM: f64 = 2.5;
/// The most a wheel or pinch may zoom.
const MAX_ZOOM: f64 = 4.0;
/// Two taps closer than this, in ms, are a double tap.
const DOUBLE_TAP_MS: f64 = 300.0;

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
    let images = StoredValue::new(images);
    let query = use_query_map();
    let location = use_location();
    let current = Memo::new(move |_| {
        query.with(|query| slide_from_param(query.get("photo").as_deref(), count))
    });
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let pushed = StoredValue::new(false);
    let direction = StoredValue::new(1_i32);
    let copied = RwSignal::new(false);
    let dialog = NodeRef::<html::Dialog>::new();

    let navigate = use_navigate();
    let go = UnsyncCallback::new(move |(slide, replace): (Option<usize>, bool)| {
        let path = location.pathname.get_untracked();
        let url = match slide {
            Some(slide) => format!("{path}?photo={}", param_for_slide(slide)),
            None => path,
        };
        navigate(
            &url,
            NavigateOptions {
                // `path` is the browser's, base path included.
                resolve: false,
                ..scroll::in_place(replace)
            },
        );
    });
    let open = Callback::new(move |slide: usize| {
        opener.set_value(
            document()
                .active_element()
                .and_then(|element| element.dyn_into().ok()),
        );
        pushed.set_value(true);
        copied.set(false);
        go.run((Some(slide), false));
    });
    provide_context(LightboxOpener(open));
    let show = move |slide: usize| {
        if let Some(now) = current.get_untracked() {
            if slide != now {
                direction.set_value(if slide > now { 1 } else { -1 });
                copied.set(false);
                go.run((Some(slide), true));
            }
        }
    };
    let close = move || {
        if pushed.get_value() {
            pushed.set_value(false);
            let _ = window().history().and_then(|history| history.back());
        } else {
            go.run((None, true));
        }
    };

    // The URL is the truth: open or close the dialog to match it, once the
    // dialog is in the document (a direct link renders it inside Suspense).
    Effect::new(move |_| {
        let slide = current.get();
        if dialog.get().is_none() {
            return;
        }
        request_animation_frame(move || sync_dialog(dialog, slide.is_some(), opener));
    });

    let on_keydown = {
        move |event: ev::KeyboardEvent| {
            let Some(now) = current.get_untracked() else {
                return;
            };
            match event.key().as_str() {
                "ArrowRight" => show(next(now, count)),
                "ArrowLeft" => show(previous(now)),
                "Home" => show(0),
                "End" => show(last(count)),
                "Tab" => {
                    trap_tab(&event, dialog.get_untracked());
                    return;
                }
                _ => return,
            }
            event.prevent_default();
        }
    };

    let copy_link = move |_| {
        let url = window().location().href().unwrap_or_default();
        let _ = window().navigator().clipboard().write_text(&url);
        copied.set(true);
    };

    let show_previous = move |_| {
        if let Some(now) = current.get_untracked() {
            show(previous(now));
        }
    };
    let show_next = move |_| {
        if let Some(now) = current.get_untracked() {
            show(next(now, count));
        }
    };

    let article = children();
    view! {
        {article}
        <dialog
            node_ref=dialog
            class="lightbox"
            aria-label=t(Text::PhotoViewer)
            lang=ui_lang().code()
            on:cancel=move |event: ev::Event| {
                event.prevent_default();
                close();
            }
            on:keydown=on_keydown
        >
            {move || current.get().map(|slide| {
                let image = images.with_value(|images| images[slide].clone());
                let preload = [
                    next(slide, count),
                    previous(slide),
                ];
                let ordered = if direction.get_value() < 0 { [preload[1], preload[0]] } else { preload };
                let neighbours: Vec<Image> = ordered
                    .into_iter()
                    .filter(|&index| index != slide)
                    .map(|index| images.with_value(|images| images[index].clone()))
                    .collect();
                view! {
                    <Slide
                        image
                        neighbours
                        on_swipe=Callback::new(move |gesture: Swipe| match gesture {
                            Swipe::Next => show(next(slide, count)),
                            Swipe::Previous => show(previous(slide)),
                            Swipe::Close => close(),
                        })
                    />
                    <p class="visually-hidden" aria-live="polite">
                        {slide_status(slide + 1, count, images.with_value(|images| images[slide].caption.clone()).as_deref())}
                    </p>
                    <p class="lightbox__count" aria-hidden="true">{format!("{} / {count}", slide + 1)}</p>
                }
            })}
            <div class="lightbox__controls">
                <button type="button" class="lightbox__button lightbox__copy" on:click=copy_link>
                    {move || if copied.get() { t(Text::LinkCopied) } else { t(Text::CopyLink) }}
                </button>
                <button type="button" class="lightbox__button lightbox__close" aria-label=t(Text::Close) on:click=move |_| close()>
                    "×"
                </button>
            </div>
            <button
                type="button"
                class="lightbox__button lightbox__previous"
                aria-label=t(Text::PreviousImage)
                aria-disabled=move || (current.get() == Some(0)).then_some("true")
                on:click=show_previous
            >
                "‹"
            </button>
            <button
                type="button"
                class="lightbox__button lightbox__next"
                aria-label=t(Text::NextImage)
                aria-disabled=move || (current.get() == Some(last(count))).then_some("true")
                on:click=show_next
            >
                "›"
            </button>
        </dialog>
    }
}

/// A button around a thumbnail that opens the lightbox on its slide; just the
/// thumbnail where no lightbox is around (a component rendered alone).
#[component]
pub fn ZoomButton(
    /// The slide this thumbnail opens.
    slide: usize,
    /// The image's alt text, for the button's name.
    alt: String,
    /// The thumbnail.
    children: Children,
) -> impl IntoView {
    match use_context::<LightboxOpener>() {
        Some(LightboxOpener(open)) => view! {
            <button
                type="button"
                class="zoom-button"
                data-slide=slide
                aria-label=open_photo(&alt)
                on:click=move |_| open.run(slide)
            >
                {children()}
            </button>
        }
        .into_any(),
        None => children().into_any(),
    }
}

/// One slide: the low-resolution thumbnail at once, the full image over it
/// when it arrives, zoom and pan, and swipes.
#[component]
fn Slide(image: Image, neighbours: Vec<Image>, on_swipe: Callback<Swipe>) -> impl IntoView {
    let loaded = RwSignal::new(false);
    let broken = RwSignal::new(false);
    let scale = RwSignal::new(1.0_f64);
    let pan = RwSignal::new((0.0_f64, 0.0_f64));
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    let gesture = StoredValue::new(None::<(f64, f64, f64, f64, f64)>);
    let preloaded = StoredValue::new_local(Vec::<web_sys::HtmlImageElement>::new());
    let stage = NodeRef::<html::Div>::new();

    let stage_size = move || {
        stage
            .get_untracked()
            .map(|stage| {
                (
                    f64::from(stage.client_width()),
                    f64::from(stage.client_height()),
                )
            })
            .unwrap_or((1.0, 1.0))
    };
    let set_zoom = move |factor: f64| {
        let factor = factor.clamp(1.0, MAX_ZOOM);
        scale.set(factor);
        let (width, height) = stage_size();
        pan.update(|(x, y)| {
            *x = clamp_pan(*x, width, factor);
            *y = clamp_pan(*y, height, factor);
        });
    };
    let toggle_zoom = move || {
        if scale.get_untracked() > 1.0 {
            scale.set(1.0);
            pan.set((0.0, 0.0));
        } else {
            set_zoom(ZOOM);
        }
    };
    let last_tap = StoredValue::new(0.0_f64);
    let preload_neighbours = move || {
        let elements = neighbours
            .iter()
            .filter_map(|neighbour| {
                let element = web_sys::HtmlImageElement::new().ok()?;
                element.set_sizes("100vw");
                if let Some(set) = srcset(neighbour) {
                    element.set_srcset(&set);
                }
                element.set_src(&neighbour.src);
                Some(element)
            })
            .collect();
        preloaded.set_value(elements);
    };

    let on_pointerdown = move |event: ev::PointerEvent| {
        // Keep receiving this pointer's moves even when it leaves the stage.
        if let Some(stage) = event
            .current_target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        {
            let _ = stage.set_pointer_capture(event.pointer_id());
        }
        pointers.update_value(|pointers| {
            pointers.push((
                event.pointer_id(),
                f64::from(event.client_x()),
                f64::from(event.client_y()),
            ))
        });
        let (x, y) = pan.get_untracked();
        gesture.set_value(Some((
            f64::from(event.client_x()),
            f64::from(event.client_y()),
            x,
            y,
            scale.get_untracked(),
        )));
    };
    let on_pointermove = move |event: ev::PointerEvent| {
        let id = event.pointer_id();
        let (cx, cy) = (f64::from(event.client_x()), f64::from(event.client_y()));
        let mut two = None;
        pointers.update_value(|pointers| {
            if let Some(entry) = pointers.iter_mut().find(|entry| entry.0 == id) {
                *entry = (id, cx, cy);
            }
            if pointers.len() == 2 {
                two = Some((pointers[0], pointers[1]));
            }
        });
        let Some((start_x, start_y, pan_x, pan_y, start_scale)) = gesture.get_value() else {
            return;
        };
        if let Some((a, b)) = two {
            // Pinch: the distance between two fingers scales the image.
            let distance = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt();
            let start = ((start_x - cx).powi(2) + (start_y - cy).powi(2))
                .sqrt()
                .max(1.0);
            set_zoom(start_scale * (distance / start).clamp(0.5, 2.0));
        } else if scale.get_untracked() > 1.0 {
            let (width, height) = stage_size();
            let factor = scale.get_untracked();
            pan.set((
                clamp_pan(pan_x + cx - start_x, width, factor),
                clamp_pan(pan_y + cy - start_y, height, factor),
            ));
        }
    };
    let on_pointerup = move |event: ev::PointerEvent| {
        let id = event.pointer_id();
        let was_single = pointers.with_value(|pointers| pointers.len() == 1);
        pointers.update_value(|pointers| pointers.retain(|entry| entry.0 != id));
        if let (true, Some((start_x, start_y, ..))) = (was_single, gesture.get_value()) {
            let dx = f64::from(event.client_x()) - start_x;
            let dy = f64::from(event.client_y()) - start_y;
            let swiped = (scale.get_untracked() <= 1.0)
                .then(|| swipe(dx, dy))
                .flatten();
            if let Some(found) = swiped {
                on_swipe.run(found);
            } else if dx.abs() < 10.0 && dy.abs() < 10.0 && event.pointer_type() == "touch" {
                // A double tap toggles zoom.
                let now = js_sys::Date::now();
                if now - last_tap.get_value() < DOUBLE_TAP_MS {
                    toggle_zoom();
                    last_tap.set_value(0.0);
                } else {
                    last_tap.set_value(now);
                }
            }
        }
        gesture.set_value(None);
    };
    let on_pointercancel = move |_| {
        pointers.set_value(Vec::new());
        gesture.set_value(None);
    };
    let on_dblclick = move |_| toggle_zoom();
    let on_wheel = move |event: ev::WheelEvent| {
        event.prevent_default();
        let factor = if event.delta_y() < 0.0 { 1.25 } else { 0.8 };
        set_zoom(scale.get_untracked() * factor);
        if scale.get_untracked() <= 1.0 {
            pan.set((0.0, 0.0));
        }
    };
    let full_srcset = srcset(&image);
    let placeholder = smallest_src(&image).to_owned();
    let caption = image.caption.clone().filter(|text| !text.trim().is_empty());
    let credit = image.credit.clone().filter(|text| !text.trim().is_empty());
    let lang = image.caption_lang.clone();
    let alt = image.alt.clone();

    view! {
        <figure class="lightbox__figure">
            <div
                class="lightbox__stage"
                class:zoomed={move || scale.get() > 1.0}
                node_ref=stage
                on:pointerdown=on_pointerdown
                on:pointermove=on_pointermove
                on:pointerup=on_pointerup
                on:pointercancel=on_pointercancel
                on:dblclick=on_dblclick
                on:wheel=on_wheel
            >
                <img class="lightbox__placeholder" src=placeholder alt="" aria-hidden="true"/>
                <Show
                    when=move || !broken.get()
                    fallback={
                        let alt = alt.clone();
                        move || view! { <div class="image-placeholder lightbox__broken">{alt.clone()}</div> }
                    }
                >
                    <img
                        class="lightbox__image"
                        class:lightbox__image--loaded=move || loaded.get()
                        src=image.src.clone()
                        srcset=full_srcset.clone()
                        sizes="100vw"
                        alt=image.alt.clone()
                        decoding="async"
                        draggable="false"
                        style:transform=move || {
                            let (x, y) = pan.get();
                            format!("translate({x}px, {y}px) scale({})", scale.get())
                        }
                        on:load={
                            let preload_neighbours = preload_neighbours.clone();
                            move |_| {
                                loaded.set(true);
                                preload_neighbours();
                            }
                        }
                        on:error=move |_| broken.set(true)
                    />
                </Show>
            </div>
            <button
                type="button"
                class="lightbox__button lightbox__zoom"
                aria-pressed=move || (scale.get() > 1.0).to_string()
                on:click=move |_| toggle_zoom()
            >
                {t(Text::Zoom)}
            </button>
            {(caption.is_some() || credit.is_some()).then(|| view! {
                // Focusable: a long caption scrolls in its own area, which
                // keyboard users must be able to reach.
                <figcaption class="lightbox__caption" tabindex="0">
                    {caption.map(|text| view! { <span lang=lang.clone()>{text}</span> })}
                    {credit.map(|text| view! {
                        <span class="figure__credit">{t(Text::PhotoCredit)} " " <span lang=lang.clone()>{text}</span></span>
                    })}
                </figcaption>
            })}
        </figure>
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

/// Keeps Tab and Shift+Tab inside the dialog, wrapping at its ends.
fn trap_tab(event: &ev::KeyboardEvent, dialog: Option<web_sys::HtmlDialogElement>) {
    let Some(dialog) = dialog else { return };
    let Ok(buttons) = dialog.query_selector_all("button, [tabindex='0']") else {
        return;
    };
    let count = buttons.length();
    if count == 0 {
        return;
    }
    let item = |index: u32| {
        buttons
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let active = document().active_element();
    let at = |element: &Option<web_sys::HtmlElement>| {
        element
            .as_ref()
            .map(|element| element.unchecked_ref::<web_sys::Element>().clone())
            == active
    };
    let (first, last) = (item(0), item(count - 1));
    let target = if event.shift_key()
        && (at(&first) || !dialog.contains(active.as_ref().map(|a| a.unchecked_ref())))
    {
        last
    } else if !event.shift_key() && at(&last) {
        first
    } else {
        None
    };
    if let Some(target) = target {
        event.prevent_default();
        let _ = target.focus();
    }
}
