//! The head's tags written into the document from a [`PageHead`]: only after
//! in-app navigation (a prerendered page keeps the server's), so this code,
//! with the tags' and the JSON-LD's making, is a chunk of its own
//! (`chunks::load_head`) that a reader who reads one article never loads.

use gazette_api::markup;
use gazette_render::head::PageHead;
use leptos::prelude::document;

/// Appends the head's tags but the title (which [`crate::head::show`] sets
/// at once), each marked as described.
pub fn write(head: &PageHead) {
    let document = document();
    let Some(parent) = document.head() else {
        return;
    };
    for tag in head.tags().into_iter().filter(|tag| tag.name != "title") {
        let Ok(element) = document.create_element(tag.name) else {
            continue;
        };
        let _ = element.set_attribute(markup::HEAD_ATTR, "");
        for (name, value) in &tag.attributes {
            let _ = element.set_attribute(name, value);
        }
        if let Some(text) = &tag.text {
            element.set_text_content(Some(text));
        }
        let _ = parent.append_child(&element);
    }
}
