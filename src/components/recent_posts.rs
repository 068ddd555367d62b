//! The recent-posts widget: the newest posts, with a link to all of them.

use gazette_api::markup::class;
use gazette_api::PostSummary;
use leptos::prelude::*;

use crate::{
    api::ApiClient,
    cache::ContentCache,
    components::{post_card::PostCard, skeletons::PostListSkeleton},
    embed::Embedded,
    feed::ListOf,
    i18n::{describe_fetch_error, t, Text},
    lang::{edition, edition_href},
    load::Load,
};

/// The `limit` newest posts, leaving out `exclude` (the article it stands
/// under), from the [`ApiClient`] in context. Hidden when there are none.
#[component]
pub fn RecentPosts(
    /// How many posts to show.
    limit: u32,
    /// A slug to leave out.
    #[prop(optional, into)]
    exclude: Signal<Option<String>>,
    /// Whether the widget is the whole page (an iframe embed), so that its
    /// heading is the `h1`.
    #[prop(optional)]
    whole_page: bool,
) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let cache = use_context::<ContentCache>().unwrap_or_default();
    let fetch_count = limit + 1;
    // The page's edition's newest: a Czech article's are Czech.
    let list = ListOf::of_edition(edition().as_deref());
    let posts = Load::new(move || {
        let api = api.clone();
        let list = list.clone();
        async move { cache.load_page(&api, &list, fetch_count, None).await }
    });
    let pick = move |items: Vec<PostSummary>| pick_recent(items, exclude.get().as_deref(), limit);
    move || match posts.get() {
        None => {
            view! { <RecentPostsFrame whole_page><PostListSkeleton rows=limit/></RecentPostsFrame> }
                .into_any()
        }
        Some(Ok(page)) => {
            let items = pick(page.items);
            (!items.is_empty())
                .then(|| {
                    view! {
                        <RecentPostsFrame whole_page>
                            <RecentPostsList posts=items under_page_title=whole_page/>
                        </RecentPostsFrame>
                    }
                })
                .into_any()
        }
        Some(Err(error)) => view! {
            <RecentPostsFrame whole_page>
                <p class="compact-error" role="alert">
                    {t(Text::RECENT_POSTS_FAILED)} " " {describe_fetch_error(&error)} " "
                    <button type="button" class="link-button" on:click=move |_| posts.reload()>
                        {t(Text::RETRY)}
                    </button>
                </p>
            </RecentPostsFrame>
        }
        .into_any(),
    }
}

/// The first `limit` posts that are not `exclude`.
pub fn pick_recent(items: Vec<PostSummary>, exclude: Option<&str>, limit: u32) -> Vec<PostSummary> {
    items
        .into_iter()
        .filter(|post| Some(post.slug.as_str()) != exclude)
        .take(limit as usize)
        .collect()
}

/// The widget's heading and "See all" link around its content.
#[component]
fn RecentPostsFrame(whole_page: bool, children: Children) -> impl IntoView {
    let title = if whole_page {
        view! { <h1 class=class::RECENT_POSTS_TITLE>{t(Text::RECENT_POSTS)}</h1> }.into_any()
    } else {
        view! { <h2 class=class::RECENT_POSTS_TITLE>{t(Text::RECENT_POSTS)}</h2> }.into_any()
    };
    // On another site the full site's list, else the site's own (which the
    // router follows in place).
    let (see_all, target) = match use_context::<Embedded>() {
        Some(embedded) => (embedded.href("/posts"), embedded.target),
        None => (edition_href("/posts"), None),
    };
    view! {
        <section class=class::RECENT_POSTS>
            <div class=class::RECENT_POSTS_HEAD>
                {title}
                <a href=see_all target=target>{t(Text::SEE_ALL)}</a>
            </div>
            {children()}
        </section>
    }
}

/// A plain list of post cards.
#[component]
pub fn RecentPostsList(
    posts: Vec<PostSummary>,
    /// Whether the list stands right under the page's `h1`.
    #[prop(optional)]
    under_page_title: bool,
) -> impl IntoView {
    view! {
        <ul class=class::POST_LIST>
            {posts
                .into_iter()
                .map(|post| view! { <PostCard post under_page_title/> })
                .collect_view()}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::pick_recent;
    use gazette_api::{Author, PostSummary};

    fn post(slug: &str) -> PostSummary {
        PostSummary {
            slug: slug.into(),
            title: slug.into(),
            excerpt: String::new(),
            author: Author {
                name: "A".into(),
                url: None,
            },
            lang: "en".into(),
            published_at: "2024-05-22T10:00:00Z".into(),
            cover: None,
            reading_minutes: None,
        }
    }

    fn slugs(posts: Vec<PostSummary>) -> Vec<String> {
        posts.into_iter().map(|post| post.slug).collect()
    }

    #[test]
    fn the_current_article_is_left_out() {
        let items = || vec![post("a"), post("b"), post("c"), post("d")];
        assert_eq!(slugs(pick_recent(items(), Some("b"), 3)), ["a", "c", "d"]);
        assert_eq!(slugs(pick_recent(items(), None, 3)), ["a", "b", "c"]);
        assert_eq!(slugs(pick_recent(items(), Some("zzz"), 2)), ["a", "b"]);
        assert!(pick_recent(vec![post("a")], Some("a"), 3).is_empty());
    }
}
