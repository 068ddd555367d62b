//! The document's head as the page on screen would have it: its title, its
//! language, and the meta and link tags that search engines and link
//! previews read, removed with the view that added them.
//!
//! `leptos_meta` does this with components and a context, at about 3 kB
//! brotli of the wasm; the app needs these few writes.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

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

/// `<meta {key}="{name}" content="{content}">` (`key` is `name` or
/// `property`) in the head while the calling view lives.
pub fn meta(key: &str, name: &str, content: &str) {
    add("meta", &[(key, name), ("content", content)]);
}

/// `<link rel="canonical" href="{href}">` in the head while the calling view lives.
pub fn canonical(href: &str) {
    add("link", &[("rel", "canonical"), ("href", href)]);
}

fn add(tag: &str, attributes: &[(&str, &str)]) {
    let document = document();
    let (Ok(element), Some(head)) = (document.create_element(tag), document.head()) else {
        return;
    };
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
    if head.append_child(&element).is_ok() {
        let element = SendWrapper::new(element);
        on_cleanup(move || element.remove());
    }
}
