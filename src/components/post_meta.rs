//! The byline of a post: author, date and reading time.

use gazette_api::markup::class;
use leptos::prelude::*;

use gazette_i18n::long_date;

use crate::{i18n::minutes_to_read, lang::ui_lang};

/// "Hans Weber · May 22, 2024 · 2 min read", with the date in a `<time datetime>`.
#[component]
pub fn PostMeta(
    /// The author's name.
    author: String,
    /// The author's page, when the name makes one.
    author_href: Option<String>,
    /// Where that link opens (`_top` from an iframe embed).
    #[prop(default = None)]
    target: Option<&'static str>,
    /// RFC 3339 publication time.
    published_at: String,
    /// Minutes to read, when known.
    reading_minutes: Option<u32>,
) -> impl IntoView {
    let lang = ui_lang();
    let date = long_date(&published_at, lang);
    view! {
        <p class=class::POST_META lang=lang.code()>
            <span class=class::POST_META_AUTHOR>
                {match author_href {
                    Some(href) => view! { <a href=href target=target>{author}</a> }.into_any(),
                    None => author.into_any(),
                }}
            </span>
            <time datetime=published_at>{date}</time>
            {reading_minutes.map(|minutes| view! { <span>{minutes_to_read(minutes)}</span> })}
        </p>
    }
}
