//! An article's body: every block type of the contract, as DOM nodes.

use gazette_api::Block;
use leptos::prelude::*;

use crate::components::{
    figure::Figure, gallery::Gallery, inline_text::InlineText, responsive_image::Loading,
};

/// The blocks in reading order. The first image loads eagerly; unknown blocks are skipped.
#[component]
pub fn ArticleBody(
    /// The article's blocks.
    blocks: Vec<Block>,
) -> impl IntoView {
    let mut seen_image = false;
    let mut next_loading = move || {
        let loading = if seen_image {
            Loading::Lazy
        } else {
            Loading::Priority
        };
        seen_image = true;
        loading
    };
    blocks
        .into_iter()
        .filter_map(|block| block_view(block, &mut next_loading))
        .collect_view()
}

fn block_view(block: Block, next_loading: &mut impl FnMut() -> Loading) -> Option<AnyView> {
    let view = match block {
        Block::Paragraph { text } => view! { <p><InlineText spans=text/></p> }.into_any(),
        Block::Heading { level, text } => match level {
            0..=2 => view! { <h2><InlineText spans=text/></h2> }.into_any(),
            3 => view! { <h3><InlineText spans=text/></h3> }.into_any(),
            _ => view! { <h4><InlineText spans=text/></h4> }.into_any(),
        },
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|spans| view! { <li><InlineText spans/></li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Quote { text, attribution } => view! {
            <figure class="quote">
                <blockquote><p><InlineText spans=text/></p></blockquote>
                {attribution.map(|who| view! { <figcaption class="quote__attribution">{who}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Figure { image } => view! { <Figure image loading=next_loading()/> }.into_any(),
        Block::Gallery { images, caption } => {
            let first_loading = next_loading();
            view! { <Gallery images caption first_loading/> }.into_any()
        }
        Block::Divider => view! { <hr/> }.into_any(),
        Block::Unknown => return None,
    };
    Some(view)
}
