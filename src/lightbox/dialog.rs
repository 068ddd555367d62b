//! The lightbox's dialog: every image of an article in one sequence, in a
//! native modal `<dialog>`, driven by the URL (`?photo=N`) so that Back closes
//! it, Forward reopens it and every slide has a link.

use std::rc::Rc;

use gazette_api::Image;
use leptos::{ev, html, prelude::*};
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

/// Changes the URL to name a slide (or none), pushing or replacing the entry.
type Go = Rc<dyn Fn(Option<usize>, bool)>;

/// The open slide, which the URL names, and the moves between slides. Opening
/// pushes a history entry and moving replaces it, so that Back closes.
#[derive(Clone, Copy)]
struct Viewer {
    count: usize,
    current: Memo<Option<usize>>,
    go: StoredValue<Go, LocalStorage>,
    /// Whether this page pushed the entry that opened the dialog (a direct
    /// link did not: closing then replaces the entry instead of going back).
    pushed: StoredValue<bool>,
    /// Which way the last move went, so the slide ahead preloads first.
    forward: StoredValue<bool>,
    copied: RwSignal<bool>,
    /// The thumbnail that opened the dialog, which gets the focus back.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Viewer {
    fn new(count: usize) -> Viewer {
        let query = use_query_map();
        let location = use_location();
        let navigate = use_navigate();
        let go: Go = Rc::new(move |slide, replace| {
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
        Viewer {
            count,
            current: Memo::new(move |_| {
                query.with(|query| slide_from_param(query.get("photo").as_deref(), count))
            }),
            go: StoredValue::new_local(go),
            pushed: StoredValue::new(false),
            forward: StoredValue::new(true),
            copied: RwSignal::new(false),
            opener: StoredValue::new_local(None),
        }
    }

    fn go(self, slide: Option<usize>, replace: bool) {
        self.go.with_value(|go| go(slide, replace));
    }

    fn open(self, slide: usize) {
        self.opener.set_value(
            document()
                .active_element()
                .and_then(|element| element.dyn_into().ok()),
        );
        self.pushed.set_value(true);
        self.copied.set(false);
        self.go(Some(slide), false);
    }

    fn show(self, slide: usize) {
        if let Some(now) = self.current.get_untracked() {
            if slide != now {
                self.forward.set_value(slide > now);
                self.copied.set(false);
                self.go(Some(slide), true);
            }
        }
    }

    fn show_next(self) {
        if let Some(now) = self.current.get_untracked() {
            self.show(next(now, self.count));
        }
    }

    fn show_previous(self) {
        if let Some(now) = self.current.get_untracked() {
            self.show(previous(now));
        }
    }

    fn close(self) {
        if self.pushed.get_value() {
            self.pushed.set_value(false);
            let _ = window().history().and_then(|history| history.back());
        } else {
            self.go(None, true);
        }
    }

    /// The arrow keys, Home and End move; Tab stays inside the dialog.
    fn on_keydown(self, event: &ev::KeyboardEvent, dialog: NodeRef<html::Dialog>) {
        let Some(now) = self.current.get_untracked() else {
            return;
        };
        match event.key().as_str() {
            "ArrowRight" => self.show(next(now, self.count)),
            "ArrowLeft" => self.show(previous(now)),
            "Home" => self.show(0),
            "End" => self.show(last(self.count)),
            "Tab" => {
                trap_tab(event, dialog.get_untracked());
                return;
            }
            _ => return,
        }
        event.prevent_default();
    }

    fn copy_link(self) {
        let url = window().location().href().unwrap_or_default();
        let _ = window().navigator().clipboard().write_text(&url);
        self.copied.set(true);
    }
}

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
    let viewer = Viewer::new(count);
    let dialog = NodeRef::<html::Dialog>::new();
    provide_context(LightboxOpener(Callback::new(move |slide| {
        viewer.open(slide)
    })));

    // The URL is the truth: open or close the dialog to match it, once the
    // dialog is in the document (a direct link renders it inside Suspense).
    Effect::new(move |_| {
        let slide = viewer.current.get();
        if dialog.get().is_none() {
            return;
        }
        request_animation_frame(move || sync_dialog(dialog, slide.is_some(), viewer.opener));
    });

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
                viewer.close();
            }
            on:keydown=move |event: ev::KeyboardEvent| viewer.on_keydown(&event, dialog)
        >
            {move || viewer.current.get().map(|slide| view! { <CurrentSlide viewer images slide/> })}
            <div class="lightbox__controls">
                <button type="button" class="lightbox__button lightbox__copy" on:click=move |_| viewer.copy_link()>
                    {move || if viewer.copied.get() { t(Text::LinkCopied) } else { t(Text::CopyLink) }}
                </button>
                <button type="button" class="lightbox__button lightbox__close" aria-label=t(Text::Close) on:click=move |_| viewer.close()>
                    "×"
                </button>
            </div>
            <button
                type="button"
                class="lightbox__button lightbox__previous"
                aria-label=t(Text::PreviousImage)
                aria-disabled=move || (viewer.current.get() == Some(0)).then_some("true")
                on:click=move |_| viewer.show_previous()
            >
                "‹"
            </button>
            <button
                type="button"
                class="lightbox__button lightbox__next"
                aria-label=t(Text::NextImage)
                aria-disabled=move || (viewer.current.get() == Some(last(count))).then_some("true")
                on:click=move |_| viewer.show_next()
            >
                "›"
            </button>
        </dialog>
    }
}

/// The open slide, its neighbours to preload (the one ahead first), and what
/// a screen reader hears and a reader sees of its place in the sequence.
#[component]
fn CurrentSlide(viewer: Viewer, images: StoredValue<Vec<Image>>, slide: usize) -> impl IntoView {
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
        <p class="visually-hidden" aria-live="polite">{status}</p>
        <p class="lightbox__count" aria-hidden="true">{format!("{} / {count}", slide + 1)}</p>
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
