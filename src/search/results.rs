//! `/search?q=…`: a field, and the posts that match, ranked by Pagefind
//! (words in titles first). The query lives in the address: typing replaces
//! it (Back leaves the search, a shared link searches again), and the
//! result count is said in a status region.

use gazette_api::markup::{class, id};
use gazette_api::Site;
use gazette_i18n::long_date;
use gazette_render::head::PageHead;
use leptos::{html::Input, prelude::*};

use super::{find, normalized_query, search_href, Found, Hit};
use crate::{
    components::error_panel::ErrorPanel,
    head,
    i18n::{search_failure, search_status, t, Text},
    lang::{foreign_lang, ui_lang},
    load::Load,
    router::use_router,
    scroll,
    urls::site_href,
};

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let router = use_router();
    let query = Memo::new(move |_| router.query("q").and_then(|query| normalized_query(&query)));
    let site = expect_context::<Site>();
    Effect::new(move |_| {
        let query = query.get();
        head::show(|url| PageHead::search(&site, url, ui_lang(), query.as_deref()))
    });
    let found = Load::new(move || {
        let query = query.get();
        async move {
            let found = match &query {
                Some(query) => Some(find(query).await),
                None => None,
            };
            (query, found)
        }
    });
    // The outcome for the query in the address, `None` while it runs.
    let outcome = move || {
        found.with(|found| match found {
            Some((asked, outcome)) if *asked == query.get() => Some(outcome.clone()),
            _ => None,
        })
    };
    let field = NodeRef::<Input>::new();
    let follow = move || {
        if let Some(field) = field.get_untracked() {
            router.navigate(&search_href(&field.value()), scroll::in_place(true));
        }
    };
    view! {
        <section class=class::SEARCH>
            <h1>{t(Text::SEARCH)}</h1>
            <form class=class::SEARCH_FORM action=site_href("/search") method="get"
                on:submit=move |event| { event.prevent_default(); follow(); }>
                <label for=id::SEARCH_QUERY>{t(Text::SEARCH_LABEL)}</label>
                <input id=id::SEARCH_QUERY class=class::SEARCH_INPUT type="search" name="q" autocomplete="off"
                    enterkeyhint="search" node_ref=field
                    prop:value=query.get_untracked().unwrap_or_default()
                    on:input=move |_| follow()/>
            </form>
            <p class=class::SEARCH_STATUS role="status">
                {move || match (query.get(), outcome()) {
                    (None, _) => t(Text::SEARCH_PROMPT).to_owned(),
                    (Some(_), None) => t(Text::SEARCHING).to_owned(),
                    (Some(query), Some(Some(Ok(found)))) => search_status(found.total, &query),
                    (Some(_), Some(_)) => String::new(),
                }}
            </p>
            {move || match outcome() {
                Some(Some(Ok(found))) => results(found).into_any(),
                Some(Some(Err(error))) => view! {
                    <ErrorPanel
                        title=t(Text::SEARCH_FAILED)
                        message=search_failure(&error)
                        on_retry=Callback::new(move |()| found.reload())
                    />
                }
                .into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

fn results(found: Found) -> impl IntoView {
    (!found.hits.is_empty()).then(|| {
        view! {
            <ol class="search__results">
                {found.hits.into_iter().map(|hit| view! { <SearchHit hit/> }).collect_view()}
            </ol>
        }
    })
}

/// One result: the title as a link, the date, the excerpt with the matched
/// words marked; in the post's language when it is not the UI's.
#[component]
fn SearchHit(hit: Hit) -> impl IntoView {
    let lang = hit.lang.as_deref().and_then(foreign_lang);
    let date = long_date(&hit.published_at, ui_lang());
    let href = site_href(&hit.path());
    view! {
        <li class="search-hit">
            <h2 class="search-hit__title" lang=lang.clone()><a href=href>{hit.title}</a></h2>
            <p class=class::POST_META><time datetime=hit.published_at>{date}</time></p>
            <p class="search-hit__excerpt" lang=lang>
                {hit.excerpt.into_iter().map(|run| if run.marked {
                    view! { <mark>{run.text}</mark> }.into_any()
                } else {
                    run.text.into_any()
                }).collect_view()}
            </p>
        </li>
    }
}
