//! An article's body: every block type of the contract, as DOM nodes.

use gazette_api::markup::class;
use gazette_api::Block;
use leptos::prelude::*;

use crate::components::{
    embed_card::EmbedCard, figure::Figure, gallery::Gallery, inline_text::InlineText,
    responsive_image::Loading, table_block::TableBlock,
};

/// The blocks in reading order. The first image loads eagerly; unknown blocks are skipped.
#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    let mut slides = 0;
    blocks
        .into_iter()
        .filter_map(|block| block_view(block, &mut slides))
        .collect_view()
}

/// The view of one block; `slides` counts the images before it, which also
/// tells whether it holds the article's first image.
fn block_view(block: Block, slides: &mut usize) -> Option<AnyView> {
    let loading = if *slides == 0 {
        Loading::Priority
    } else {
        Loading::Lazy
    };
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
            <figure class=class::QUOTE>
                <blockquote><p><InlineText spans=text/></p></blockquote>
                {attribution.map(|who| view! { <figcaption class=class::QUOTE_ATTRIBUTION>{who}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Figure { image } => {
            let slide = *slides;
            *slides += 1;
            view! { <Figure image loading slide/> }.into_any()
        }
        Block::Gallery { images, caption } => {
            let first_slide = *slides;
            *slides += images.len();
            view! { <Gallery images caption first_loading=loading first_slide/> }.into_any()
        }
        Block::Table {
            caption,
            header_row,
            header_column,
            rows,
        } => view! { <TableBlock caption header_row header_column rows/> }.into_any(),
        Block::Code {
            text,
            language,
            caption,
        } => view! {
            <figure class=class::CODE_BLOCK>
                <pre tabindex="0"><code data-language=language>{text}</code></pre>
                {caption.map(|caption| view! {
                    <figcaption class=class::CODE_BLOCK_CAPTION>{caption}</figcaption>
                })}
            </figure>
        }
        .into_any(),
        Block::Embed {
            url,
            provider,
            title,
            caption,
            thumbnail,
        } => view! { <EmbedCard url provider title caption thumbnail/> }.into_any(),
        Block::Divider => view! { <hr/> }.into_any(),
        Block::Unknown => return None,
    };
    Some(view)
}
