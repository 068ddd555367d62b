//! The front page: the newest post large, then recent posts and membership.

use gazette_api::markup::class;
use gazette_api::{
    content::author_page, images::ARTICLE_IMAGE_SIZES, languages::edition_versions, PostSummary,
    Site,
};
use gazette_render::head::PageHead;
use leptos::prelude::*;

use crate::{
    api::ApiClient,
    cache::ContentCache,
    components::{
        error_panel::ErrorPanel,
        language_switcher::LanguageSwitcher,
        membership_cta::MembershipCta,
        post_meta::PostMeta,
        recent_posts::RecentPostsList,
        responsive_image::{Loading, ResponsiveImage},
        skeletons::{ArticleSkeleton, PostListSkeleton},
    },
    config::Config,
    feed::ListOf,
    head,
    i18n::{describe_fetch_error, t, Text},
    lang::{edition_href, foreign_lang},
    load::Load,
    router::use_router,
    urls::{article_path, site_href},
};

/// The front page: the root's, or an edition's (its language's posts).
#[component]
pub fn HomePage() -> impl IntoView {
    let site = expect_context::<Site>();
    let edition = use_router().route().edition().map(str::to_owned);
    let config = expect_context::<Config>();
    let api = expect_context::<ApiClient>();
    let cache = expect_context::<ContentCache>();
    let count = config.recent_posts + 1;
    let list = ListOf::of_edition(edition.as_deref());
    let posts = Load::new(move || {
        let api = api.clone();
        let list = list.clone();
        async move { cache.load_page(&api, &list, count, None).await }
    });
    head::show(|url| PageHead::home(&site, url, edition.as_deref()));
    let site_lang = foreign_lang(&site.lang);
    let versions = edition_versions(&site, edition.as_deref(), "/");
    view! {
        <LanguageSwitcher versions/>
        <h1 class=class::VISUALLY_HIDDEN lang=site_lang>{site.name.clone()}</h1>
        {move || match posts.get() {
            None => view! { <ArticleSkeleton/><PostListSkeleton rows=count - 1/> }.into_any(),
            Some(Ok(page)) => {
                let mut items = page.items.into_iter();
                match items.next() {
                    None => view! { <p class=class::EMPTY_STATE>{t(Text::NO_POSTS_YET)}</p> }.into_any(),
                    Some(lead) => {
                        let rest: Vec<_> = items.collect();
                        view! {
                            <LeadStory post=lead/>
                            {(!rest.is_empty()).then(|| view! {
                                <section class=class::RECENT_POSTS>
                                    <div class=class::RECENT_POSTS_HEAD>
                                        <h2 class=class::RECENT_POSTS_TITLE>{t(Text::RECENT_POSTS)}</h2>
                                        <a href=edition_href("/posts")>{t(Text::SEE_ALL)}</a>
                                    </div>
                                    <RecentPostsList posts=rest/>
                                </section>
                            })}
                        }
                        .into_any()
                    }
                }
            }
            Some(Err(error)) => view! {
                <ErrorPanel
                    title=t(Text::POSTS_FAILED)
                    message=describe_fetch_error(&error)
                    on_retry=Callback::new(move |()| posts.reload())
                />
            }
            .into_any(),
        }}
        <MembershipCta membership=site.membership/>
    }
}

/// The newest post, large: cover, title, excerpt, byline.
#[component]
fn LeadStory(post: PostSummary) -> impl IntoView {
    let href = site_href(&article_path(&post.slug));
    view! {
        <article class=class::LEAD_STORY lang=post.lang.clone()>
            {post.cover.map(|image| view! {
                <ResponsiveImage image sizes=ARTICLE_IMAGE_SIZES loading=Loading::Priority/>
            })}
            <h2 class=class::LEAD_STORY_TITLE><a href=href.clone()>{post.title}</a></h2>
            <p class=class::LEAD_STORY_EXCERPT>{post.excerpt}</p>
            <PostMeta
                author_href=author_page(&post.author.name).map(|path| site_href(&path))
                author=post.author.name
                published_at=post.published_at
                reading_minutes=post.reading_minutes
            />
        </article>
    }
}
