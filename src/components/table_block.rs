//! A table block: in a box that scrolls by itself on a narrow screen (never
//! the page), which takes the keyboard's focus so that it scrolls without a
//! pointer; its caption read first, header cells scoped to their column or
//! row.

use gazette_api::{markup::class, Span};
use leptos::prelude::*;

use crate::{
    components::inline_text::InlineText,
    i18n::{t, Text},
};

#[component]
pub fn TableBlock(
    caption: Option<String>,
    header_row: bool,
    header_column: bool,
    rows: Vec<Vec<Vec<Span>>>,
) -> impl IntoView {
    let label = caption.clone().unwrap_or_else(|| t(Text::TABLE).to_owned());
    let mut rows = rows.into_iter();
    let head = if header_row { rows.next() } else { None };
    let body = rows
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(index, spans)| {
                    if header_column && index == 0 {
                        view! { <th scope="row"><InlineText spans/></th> }.into_any()
                    } else {
                        view! { <td><InlineText spans/></td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class=class::TABLE_BLOCK tabindex="0" role="group" aria-label=label>
            <table>
                {caption.map(|caption| view! { <caption>{caption}</caption> })}
                {head.map(|head| {
                    let cells = head
                        .into_iter()
                        .map(|spans| view! { <th scope="col"><InlineText spans/></th> })
                        .collect_view();
                    view! { <thead><tr>{cells}</tr></thead> }
                })}
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
