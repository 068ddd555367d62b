//! Reading offline. The service worker (`js/sw.js`, which `make dist` names
//! the build in) keeps the pages, API reads and pictures a reader has seen;
//! `js/offline.js` registers it. This module loads that script once the app
//! has rendered (so a page's first load carries none of it), follows
//! whether the reader is offline or a new version is waiting ([`Status`];
//! its words, [`status_lines`], and [`OfflinePage`], which lists the saved
//! articles on a page that was not saved, are in the offline chunk).

use gazette_api::markup::class;
use leptos::prelude::*;
use serde::Deserialize;

use crate::{
    api::{get_json, saved_copy_at, AbortWhen, SAVED_EVENT},
    i18n::{t, Text},
    lang::UiLang,
    urls::site_href,
};

/// Fired by `offline.js` when a new version waits; fired back to take it.
const UPDATE_READY: &str = "gazette:update-ready";
const UPDATE_ACCEPT: &str = "gazette:update-accept";
/// What the worker answers with the articles it saved (under the base path).
const SAVED_LIST: &str = "__gazette/saved.json";
/// How many saved articles the offline page lists.
const LISTED: usize = 30;

thread_local! {
    /// Whether the page the app started on was prerendered: a saved page,
    /// when offline, rather than the bare shell the worker falls back to.
    static STARTED_ON_A_PAGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes whether the document held a prerendered page (read before the app
/// replaces it).
pub fn note_document(prerendered: bool) {
    STARTED_ON_A_PAGE.with(|started| started.set(prerendered));
}

/// Loads `offline.js`, which registers the worker, or, when `config.json`
/// says `"offline": false`, removes it and its caches.
pub fn start(enabled: bool) {
    let document = document();
    let (Some(head), Ok(script)) = (document.head(), document.create_element("script")) else {
        return;
    };
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute(
        "src",
        if enabled {
            "offline.js"
        } else {
            "offline.js?off"
        },
    );
    let _ = head.append_child(&script);
}

fn fire(name: &str) {
    if let Ok(event) = web_sys::Event::new(name) {
        let _ = window().dispatch_event(&event);
    }
}

/// What the status line says: kept here, in the main wasm, from the first
/// render; its words are shown by the offline chunk ([`status_lines`]),
/// loaded only when there is something to say.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    online: RwSignal<bool>,
    saved: RwSignal<Option<String>>,
    update: RwSignal<bool>,
}

impl Status {
    /// Follows the browser's `online` and `offline`, the saved copies read
    /// and `offline.js`'s news of a waiting version, for as long as the
    /// calling view lives.
    pub fn listen() -> Status {
        let online = window().navigator().on_line();
        let status = Status {
            online: RwSignal::new(online),
            // Offline from the start, the page is the worker's copy, whose
            // Last-Modified it set when it saved it.
            saved: RwSignal::new(if online { None } else { document_saved_on() }),
            update: RwSignal::new(false),
        };
        let listeners = [
            window_event_listener_untyped("online", move |_| status.online.set(true)),
            window_event_listener_untyped("offline", move |_| status.online.set(false)),
            window_event_listener_untyped(SAVED_EVENT, move |_| status.saved.set(saved_copy_at())),
            window_event_listener_untyped(UPDATE_READY, move |_| status.update.set(true)),
        ];
        on_cleanup(move || listeners.into_iter().for_each(|listener| listener.remove()));
        status
    }

    /// Whether there is anything to say: offline, or a new version waits.
    pub fn has_news(self) -> bool {
        !self.online.get() || self.update.get()
    }
}

/// The day in `document.lastModified` (`MM/DD/YYYY hh:mm:ss`) as a
/// timestamp of that day.
fn document_saved_on() -> Option<String> {
    STARTED_ON_A_PAGE
        .with(std::cell::Cell::get)
        .then(|| saved_on(&document().last_modified()))
        .flatten()
}

fn saved_on(last_modified: &str) -> Option<String> {
    let date = last_modified.split(' ').next()?;
    let mut parts = date.split('/');
    let (month, day, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits =
        |text: &str, len: usize| text.len() == len && text.bytes().all(|b| b.is_ascii_digit());
    (digits(month, 2) && digits(day, 2) && digits(year, 4))
        .then(|| format!("{year}-{month}-{day}T00:00:00Z"))
}

/// The status line's words (in the offline chunk).
pub fn status_lines(status: Status) -> AnyView {
    let ui = use_context::<UiLang>().unwrap_or_default();
    view! {
        {move || (!status.online.get()).then(|| {
            let when = status
                .saved
                .get()
                .filter(|at| gazette_api::content::is_rfc3339_utc(at))
                .map(|at| {
                    let date = gazette_i18n::long_date(&at, ui);
                    let stop = if date.ends_with('.') { "" } else { "." };
                    format!(" {} {date}{stop}", t(Text::SAVED_ON))
                });
            view! { <p>{t(Text::OFFLINE_READING)}{when}</p> }
        })}
        {move || status.update.get().then(|| view! {
            <p>
                {t(Text::UPDATE_READY)} " "
                <button type="button" class=class::BUTTON on:click=move |_| fire(UPDATE_ACCEPT)>
                    {t(Text::RELOAD)}
                </button>
            </p>
        })}
    }
    .into_any()
}

/// An article the worker saved, as its list says (read as untrusted).
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct SavedArticle {
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    lang: String,
}

/// The entries that can be shown: a plain slug, a title (the slug when it
/// has none), a language tag only when it looks like one.
fn usable(list: Vec<SavedArticle>) -> Vec<SavedArticle> {
    list.into_iter()
        .filter(|saved| {
            (1..=200).contains(&saved.slug.len()) && !saved.slug.contains(['/', '?', '#', '\\'])
        })
        .map(|mut saved| {
            saved.title = saved.title.trim().chars().take(300).collect();
            if saved.title.is_empty() {
                saved.title = saved.slug.clone();
            }
            let tag_like = (2..=35).contains(&saved.lang.len())
                && saved
                    .lang
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !tag_like {
                saved.lang.clear();
            }
            saved
        })
        .take(LISTED)
        .collect()
}

/// What a page that could not load says when the reader is offline: that
/// it was not saved, and the articles that were, as links that work.
#[component]
pub fn OfflinePage(on_retry: Callback<()>) -> impl IntoView {
    let saved = crate::load::Load::new(|| async {
        get_json::<Vec<SavedArticle>>(SAVED_LIST, AbortWhen::ViewOrTimeout)
            .await
            .map(usable)
            .unwrap_or_default()
    });
    view! {
        <section class="error-panel offline-page" aria-labelledby="offline-title">
            <h1 id="offline-title" class="error-panel__title">{t(Text::OFFLINE_TITLE)}</h1>
            {move || saved.get().map(|list| if list.is_empty() {
                view! { <p>{t(Text::OFFLINE_NOTHING_SAVED)}</p> }.into_any()
            } else {
                view! {
                    <p>{t(Text::OFFLINE_NOT_SAVED)}</p>
                    <ul class="offline-page__list">
                        {list.into_iter().map(|saved| {
                            let href = site_href(&gazette_api::content::article_path(&saved.slug));
                            let lang = (!saved.lang.is_empty()).then_some(saved.lang);
                            view! { <li><a href=href lang=lang>{saved.title}</a></li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <button type="button" class=class::BUTTON on:click=move |_| on_retry.run(())>
                {t(Text::RETRY)}
            </button>
        </section>
    }
}

/// Whether the browser says it is offline.
pub fn is_offline() -> bool {
    !window().navigator().on_line()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_last_modified_day_is_when_it_was_saved() {
        assert_eq!(
            saved_on("12/05/2026 07:31:02"),
            Some("2026-12-05T00:00:00Z".to_owned())
        );
        assert_eq!(saved_on("2026-12-05"), None);
        assert_eq!(saved_on(""), None);
    }

    #[test]
    fn only_plain_slugs_titles_and_language_tags_are_listed() {
        let saved = |slug: &str, title: &str, lang: &str| SavedArticle {
            slug: slug.to_owned(),
            title: title.to_owned(),
            lang: lang.to_owned(),
        };
        let list = usable(vec![
            saved("a-post", " A post ", "cs"),
            saved("../evil", "x", "en"),
            saved("no-title", "", "en\" onload=\"x"),
            saved("", "empty", "en"),
        ]);
        assert_eq!(
            list,
            [
                saved("a-post", "A post", "cs"),
                saved("no-title", "no-title", "")
            ]
        );
    }
}
