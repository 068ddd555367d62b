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
    lang::ui_lang,
    lightbox::{
        gesture::Swipe, last, next, param_for_slide, previous, slide::Slide, slide_from_param,
    },
    scroll,
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
