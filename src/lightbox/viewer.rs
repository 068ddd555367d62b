//! The lightbox's state: the open slide, which the URL names (`?photo=N`),
//! and the moves between slides. Opening pushes a history entry and moving
//! replaces it, so that Back closes the dialog and Forward reopens it.
//!
//! Long only by its short methods, one per move, and the focus trap the
//! keyboard handling needs.

use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

use crate::{
    lightbox::{last, next, param_for_slide, previous, slide_from_param},
    router::{use_router, Router},
    scroll,
};

/// The open slide, which the URL names, and the moves between slides. Opening
/// pushes a history entry and moving replaces it, so that Back closes.
#[derive(Clone, Copy)]
pub struct Viewer {
    pub count: usize,
    pub current: Memo<Option<usize>>,
    router: Router,
    /// Whether this page pushed the entry that opened the dialog (a direct
    /// link did not: closing then replaces the entry instead of going back).
    pushed: StoredValue<bool>,
    /// Which way the last move went, so the slide ahead preloads first.
    pub forward: StoredValue<bool>,
    pub copied: RwSignal<bool>,
    /// The thumbnail that opened the dialog, which gets the focus back.
    pub opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Viewer {
    pub fn new(count: usize) -> Viewer {
        let router = use_router();
        Viewer {
            count,
            current: Memo::new(move |_| slide_from_param(router.query("photo").as_deref(), count)),
            router,
            pushed: StoredValue::new(false),
            forward: StoredValue::new(true),
            copied: RwSignal::new(false),
            opener: StoredValue::new_local(None),
        }
    }

    fn go(self, slide: Option<usize>, replace: bool) {
        // The page's own path (the browser's, base path included), with the
        // slide or without a query.
        let path = self.router.pathname_untracked();
        let href = match slide {
            Some(slide) => format!("{path}?photo={}", param_for_slide(slide)),
            None => path,
        };
        self.router.navigate(&href, scroll::in_place(replace));
    }

    pub fn open(self, slide: usize) {
        self.opener.set_value(
            document()
                .active_element()
                .and_then(|element| element.dyn_into().ok()),
        );
        self.pushed.set_value(true);
        self.copied.set(false);
        self.go(Some(slide), false);
    }

    pub fn show(self, slide: usize) {
        if let Some(now) = self.current.get_untracked() {
            if slide != now {
                self.forward.set_value(slide > now);
                self.copied.set(false);
                self.go(Some(slide), true);
            }
        }
    }

    pub fn show_next(self) {
        if let Some(now) = self.current.get_untracked() {
            self.show(next(now, self.count));
        }
    }

    pub fn show_previous(self) {
        if let Some(now) = self.current.get_untracked() {
            self.show(previous(now));
        }
    }

    pub fn close(self) {
        if self.pushed.get_value() {
            self.pushed.set_value(false);
            let _ = window().history().and_then(|history| history.back());
        } else {
            self.go(None, true);
        }
    }

    /// The arrow keys, Home and End move; Tab stays inside the dialog.
    pub fn on_keydown(self, event: &ev::KeyboardEvent, dialog: NodeRef<html::Dialog>) {
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

    pub fn copy_link(self) {
        let url = window().location().href().unwrap_or_default();
        let _ = window().navigator().clipboard().write_text(&url);
        self.copied.set(true);
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
