//! One post in a list: thumbnail, title link, byline.

use gazette_api::markup::class;
use gazette_api::{content::author_page, images::THUMBNAIL_SIZES, PostSummary};
use leptos::prelude::*;

use crate::{
    components::{
        post_meta::PostMeta,
        responsive_image::{Loading, ResponsiveImage},
    },
    embed::Embedded,
    lang::foreign_lang,
    urls::{article_path, site_href},
};

/// A post in a list. The title carries `lang` when the post's language is not
/// the UI's.
#[component]
pub fn PostCard(
    post: PostSummary,
    /// Show the excerpt and reading time too, with the title as an `h2` (the
    /// all-posts page) rather than an `h3` (under a "Recent posts" heading).
    #[prop(optional)]
    detailed: bool,
    /// Whether the list stands right under the page's `h1` (an iframe
    /// embed), so that the title is an `h2` there too.
    #[prop(optional)]
    under_page_title: bool,
) -> impl IntoView {
    let PostSummary {
        slug,
        title,
        excerpt,
        author,
        lang,
        published_at,
        cover,
        reading_minutes,
    } = post;
    let href = article_path(&slug);
    let title_lang = foreign_lang(&lang);
    let link = title_link(href, slug, title);
    let embedded = use_context::<Embedded>();
    let author_href = author_page(&author.name).map(|path| match &embedded {
        Some(embedded) => embedded.href(&path),
        None => site_href(&path),
    });
    let target = embedded.and_then(|embedded| embedded.target);
    view! {
        <li class=class::POST_CARD>
            {cover.map(|image| {
                let image = gazette_api::Image { alt: String::new(), ..image };
                view! {
                    <div class=class::POST_CARD_THUMB>
                        <ResponsiveImage image sizes=THUMBNAIL_SIZES loading=Loading::Lazy/>
                    </div>
                }
            })}
            <div class=class::POST_CARD_BODY>
                {
                    if detailed || under_page_title {
                        view! { <h2 class=class::POST_CARD_TITLE lang=title_lang.clone()>{link}</h2> }.into_any()
                    } else {
                        view! { <h3 class=class::POST_CARD_TITLE lang=title_lang.clone()>{link}</h3> }.into_any()
                    }
                }
                {detailed.then(|| view! { <p class=class::POST_CARD_EXCERPT lang=title_lang>{excerpt}</p> })}
                <PostMeta
                    author=author.name
                    author_href
                    target
                    published_at
                    reading_minutes=if detailed { reading_minutes } else { None }
                />
            </div>
        </li>
    }
}

/// The title's link: to the full site when embedded in another site, else an
/// in-app link.
fn title_link(href: String, slug: String, title: String) -> AnyView {
    match use_context::<Embedded>() {
        Some(embedded) => {
            view! { <a href=embedded.href(&href) target=embedded.target>{title}</a> }.into_any()
        }
        None => in_app_link(site_href(&href), slug, title),
    }
}

/// A site link (the router follows it in place) that prefetches its
/// article on intent.
#[cfg(feature = "app")]
fn in_app_link(href: String, slug: String, title: String) -> AnyView {
    let (start_intent, cancel_intent) = prefetch_on_intent(slug);
    view! {
        <a
            href=href
            on:pointerenter=move |event: leptos::ev::PointerEvent| {
                if event.pointer_type() != "touch" {
                    start_intent()
                }
            }
            on:pointerleave=move |_| cancel_intent()
            on:focus=move |_| start_intent()
            on:blur=move |_| cancel_intent()
        >
            {title}
        </a>
    }
    .into_any()
}

/// Without the router (the embed bundle), a plain link.
#[cfg(not(feature = "app"))]
fn in_app_link(href: String, _slug: String, title: String) -> AnyView {
    view! { <a href=href>{title}</a> }.into_any()
}

/// How long a pointer must rest on, or focus stay at, a link before its
/// article is prefetched, in ms.
#[cfg(feature = "app")]
const PREFETCH_INTENT_MS: u32 = 100;

/// Handlers that prefetch an article after [`PREFETCH_INTENT_MS`] of hover or
/// focus, and cancel when the pointer or focus leaves first. They do nothing
/// where no API client and cache are provided.
#[cfg(feature = "app")]
fn prefetch_on_intent(slug: String) -> (impl Fn() + Copy, impl Fn() + Copy) {
    use crate::{api::ApiClient, cache::ContentCache};
    let target = use_context::<ApiClient>().zip(use_context::<ContentCache>());
    let slug = StoredValue::new(slug);
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let target = StoredValue::new(target);
    let start = move || {
        if let Some((api, cache)) = target.get_value() {
            let slug = slug.get_value();
            let timeout = gloo_timers::callback::Timeout::new(PREFETCH_INTENT_MS, move || {
                cache.prefetch_article(&api, &slug);
            });
            timer.set_value(Some(timeout));
        }
    };
    let cancel = move || timer.set_value(None);
    (start, cancel)
}
