//! `/posts/:slug`: one article, with every state of its fetch.

use gazette_api::markup::class;
use gazette_api::{
    content::{author_page, reading_minutes, tag_path},
    languages::{article_versions, offered},
    slug::slug_of,
    Article, Site,
};
use gazette_render::head::PageHead;
use leptos::prelude::*;

use crate::{
    api::ApiClient,
    cache::ContentCache,
    components::{
        article_body::ArticleBody, error_panel::ErrorPanel, language_switcher::LanguageSwitcher,
        membership_cta::MembershipCta, post_meta::PostMeta, recent_posts::RecentPosts,
        skeletons::ArticleSkeleton,
    },
    config::Config,
    error::FetchError,
    head,
    i18n::{describe_fetch_error, t, Text},
    lang::ArticleShown,
    lightbox::{article_images, dialog::Lightbox},
    load::Load,
    pages::not_found::NotFoundPage,
    router::{use_router, Route},
    urls::site_href,
};

/// The article named by the route, then recent posts and the membership block.
///
/// An article already read this session renders straight from the cache; a
/// new one shows a skeleton while it loads. Leaving the page, or moving to
/// another article, aborts the request in flight.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let router = use_router();
    // Kept when the route moves to another page, which replaces this one.
    let slug = Memo::new(move |previous: Option<&String>| match router.route() {
        Route::Article(slug) => slug,
        _ => previous.cloned().unwrap_or_default(),
    });
    let cache = expect_context::<ContentCache>();
    let config = expect_context::<Config>();
    let site = expect_context::<Site>();
    view! {
        {move || {
            let slug = slug.get();
            match cache.article(&slug) {
                Some(article) => view! { <ArticleView article/> }.into_any(),
                None => view! { <ArticleFromNetwork slug/> }.into_any(),
            }
        }}
        <RecentPosts
            limit=config.recent_posts
            exclude=Signal::derive(move || Some(slug.get()))
        />
        <MembershipCta membership=site.membership/>
    }
}

/// An article not in the cache: a skeleton while it loads, then the
/// article, the not-found page, or the error with a retry.
#[component]
fn ArticleFromNetwork(slug: String) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let cache = expect_context::<ContentCache>();
    let article = Load::new(move || {
        let api = api.clone();
        let slug = slug.clone();
        async move { cache.load_article(&api, &slug).await }
    });
    move || match article.get() {
        None => view! { <ArticleSkeleton/> }.into_any(),
        Some(Ok(article)) => view! { <ArticleView article/> }.into_any(),
        Some(Err(FetchError::NotFound)) => view! { <NotFoundPage/> }.into_any(),
        Some(Err(FetchError::Network(_))) if crate::offline::is_offline() => {
            head::clear();
            head::set_title(t(Text::OFFLINE_TITLE));
            let retry = Callback::new(move |()| article.reload());
            view! { <crate::chunks::OfflineChunk on_retry=retry/> }.into_any()
        }
        Some(Err(error)) => {
            head::clear();
            head::set_title(t(Text::ARTICLE_FAILED));
            view! {
                <ErrorPanel
                    title=t(Text::ARTICLE_FAILED)
                    message=describe_fetch_error(&error)
                    on_retry=Callback::new(move |()| article.reload())
                    whole_page=true
                />
            }
            .into_any()
        }
    }
}

/// A loaded article, with its head tags.
#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let Article {
        summary,
        body,
        updated_at,
        tags,
        translations,
    } = article;
    if let Some(shown) = use_context::<ArticleShown>() {
        // The shell speaks the article's language, now in the cache.
        shown.0.notify();
    }
    // What the API sent is untrusted: only well-formed versions are offered.
    let translations = offered(&summary.lang, &summary.slug, &translations);
    let versions = article_versions(&translations);
    let slides = article_images(&body);
    let minutes = summary
        .reading_minutes
        .filter(|minutes| *minutes > 0)
        .unwrap_or_else(|| reading_minutes(&body));
    let site = expect_context::<Site>();
    head::show(|url| PageHead::article(&site, url, &summary, updated_at.as_deref(), &translations));
    view! {
        <LanguageSwitcher versions/>
        <Lightbox images=slides>
        <article class=class::ARTICLE lang=summary.lang.clone()>
            <header class=class::ARTICLE_HEADER>
                <h1 class=class::ARTICLE_TITLE>{summary.title}</h1>
                <PostMeta
                    author_href=author_page(&summary.author.name).map(|path| site_href(&path))
                    author=summary.author.name
                    published_at=summary.published_at
                    reading_minutes=Some(minutes)
                />
                <ArticleTags tags/>
            </header>
            <div class=class::ARTICLE_BODY>
                <ArticleBody blocks=body/>
            </div>
        </article>
        </Lightbox>
    }
}

/// The article's tags, each linking to its page (a tag whose name makes no
/// slug is left out); nothing without tags.
#[component]
fn ArticleTags(tags: Vec<String>) -> impl IntoView {
    let linked: Vec<(String, String)> = tags
        .into_iter()
        .filter_map(|tag| Some((site_href(&tag_path(&slug_of(&tag)?)), tag)))
        .collect();
    (!linked.is_empty()).then(|| {
        view! {
            <ul class=class::ARTICLE_TAGS aria-label=t(Text::TAGS)>
                {linked
                    .into_iter()
                    .map(|(href, tag)| view! { <li><a href=href>{tag}</a></li> })
                    .collect_view()}
            </ul>
        }
    })
}
