//! The document's head: its title, its language, and the tags that search
//! engines and link previews read, from one description of each page
//! ([`PageHead`], `gazette-render`'s), which the server writes too.
//!
//! When the app takes over a page the server prerendered, the server's tags
//! for it stay, JSON-LD included: a crawler that runs scripts reads what one
//! that does not reads. After in-app navigation, [`show`] replaces them with
//! the new page's, written from the same description, marked the same way:
//! the title at once, the tags by [`crate::head_tags`], a chunk loaded the
//! first time (a later page's tags replace those of one still waiting).

use std::cell::Cell;

use futures::FutureExt;

use gazette_api::markup;
use gazette_render::{head::PageHead, SiteUrl};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::{split::split_point, urls::use_base_path};

thread_local! {
    /// Whether the tags in the head are the server's for the page on screen,
    /// to be kept by the first [`show`].
    static WRITTEN_FOR_THIS_PAGE: Cell<bool> = const { Cell::new(false) };
    /// How many times the head was cleared: tags described before the last
    /// clear are not written.
    static CLEARED: Cell<u32> = const { Cell::new(0) };
}

/// At start: keeps the server's head when it wrote it for the page the app
/// takes over (`prerendered`), else removes it, as it may describe another
/// page (a static host's fallback document).
pub fn take_over(prerendered: bool) {
    WRITTEN_FOR_THIS_PAGE.set(prerendered);
    if !prerendered {
        clear();
    }
}

/// The head of the page on screen: kept when the server wrote it for this
/// page, else written from `describe`, given the site's address.
pub fn show(describe: impl FnOnce(&SiteUrl) -> PageHead) {
    if WRITTEN_FOR_THIS_PAGE.replace(false) {
        return;
    }
    clear();
    let Some(site_url) = site_url() else {
        return;
    };
    let head = describe(&site_url);
    set_title(&head.title);
    let described = CLEARED.get();
    let mut load = Box::pin(load_head());
    // At once when the chunk is there (always, in a build without chunks).
    match (&mut load).now_or_never() {
        Some(Ok(write)) => write(&head),
        Some(Err(_)) => {}
        None => leptos::task::spawn_local(async move {
            if let Ok(write) = load.await {
                if CLEARED.get() == described {
                    write(&head);
                }
            }
        }),
    }
}

// What writes a page's head tags after in-app navigation; an error when its
// chunk did not load (the page keeps its title alone).
split_point!(head: load_head() -> fn(&PageHead) = crate::head_tags::write);

/// Removes the described tags (a page without a description of its own:
/// loading failed, the confirmation page); the title stays until the next
/// [`set_title`].
pub fn clear() {
    WRITTEN_FOR_THIS_PAGE.set(false);
    CLEARED.set(CLEARED.get().wrapping_add(1));
    let Ok(written) = document().query_selector_all(markup::HEAD_SELECTOR) else {
        return;
    };
    for index in 0..written.length() {
        let element = written
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok());
        match element {
            Some(element) if !element.tag_name().eq_ignore_ascii_case("title") => element.remove(),
            _ => {}
        }
    }
}

/// The site's public address as the reader sees it: this document's origin
/// and the app's base path; none for a document without an `http(s)` origin.
fn site_url() -> Option<SiteUrl> {
    let origin = window().location().origin().ok()?;
    SiteUrl::parse(&format!("{origin}{}", use_base_path().join(""))).ok()
}

/// Sets the document's title; an empty one reads "Gazette".
pub fn set_title(title: &str) {
    document().set_title(if title.is_empty() { "Gazette" } else { title });
}

/// Sets `<html lang>`, the UI's language.
pub fn set_lang(code: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", code);
    }
}
