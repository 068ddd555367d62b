//! Inline text: spans rendered as text nodes, with emphasis and safe links.

use gazette_api::{content::url_break_pieces, Span};
use leptos::prelude::*;

/// Renders spans as text, `<strong>`, `<em>` and `<a>`. Text is never parsed as
/// HTML, and a link target is an `Href`: only the allow-list makes one.
#[component]
pub fn InlineText(spans: Vec<Span>) -> impl IntoView {
    spans.into_iter().map(span_view).collect_view()
}

fn span_view(span: Span) -> AnyView {
    let mut view = breakable(span.text);
    if span.italic {
        view = view! { <em>{view}</em> }.into_any();
    }
    if span.bold {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    match span.href.as_deref() {
        Some(href) if href.starts_with('/') => {
            view! { <a href=href.to_owned()>{view}</a> }.into_any()
        }
        Some(href) => {
            view! { <a href=href.to_owned() rel="noopener noreferrer">{view}</a> }.into_any()
        }
        None => view,
    }
}

/// Text with a `<wbr>` where a URL in it may break, so that a pasted link
/// wraps at its punctuation on a phone instead of at an arbitrary letter.
fn breakable(text: String) -> AnyView {
    let pieces = url_break_pieces(&text);
    if pieces.len() == 1 {
        return text.into_any();
    }
    pieces
        .into_iter()
        .enumerate()
        .map(|(index, piece)| view! { {(index > 0).then(|| view! { <wbr/> })} {piece.to_owned()} })
        .collect_view()
        .into_any()
}
