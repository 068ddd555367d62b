//! One post in a list: thumbnail, title link, byline.

use gazette_api::PostSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api::encode_component,
    components::{
        post_meta::PostMeta,
        responsive_image::{Loading, ResponsiveImage},
    },
    images::THUMBNAIL_SIZES,
};

/// A post in a list. The title carries `lang` when the post's language is not
/// the page's.
#[component]
pub fn PostCard(
    /// The post.
    post: PostSummary,
    /// The language of the page the list stands on.
    page_lang: String,
    /// Show the excerpt and reading time too.
    #[prop(optional)]
    detailed: bool,
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
    let href = format!("/posts/{}", encode_component(&slug));
    let title_lang = (!same_language(&lang, &page_lang)).then(|| lang.clone());
    view! {
        <li class="post-card">
            {cover.map(|image| {
                let image = gazette_api::Image { alt: String::new(), ..image };
                view! {
                    <div class="post-card__thumb">
                        <ResponsiveImage image sizes=THUMBNAIL_SIZES loading=Loading::Lazy/>
                    </div>
                }
            })}
            <div class="post-card__body">
                <h3 class="post-card__title" lang=title_lang.clone()>
                    <A href=href>{title}</A>
                </h3>
                {detailed.then(|| view! { <p class="post-card__excerpt" lang=title_lang>{excerpt}</p> })}
                <PostMeta
                    author=author.name
                    published_at
                    reading_minutes=if detailed { reading_minutes } else { None }
                />
            </div>
        </li>
    }
}

/// Whether two language tags name the same language (`en` and `en-GB` do).
pub fn same_language(a: &str, b: &str) -> bool {
    let primary = |tag: &str| tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    primary(a) == primary(b)
}

#[cfg(test)]
mod tests {
    use super::same_language;

    #[test]
    fn languages_compare_by_primary_subtag() {
        assert!(same_language("en", "en-GB"));
        assert!(same_language("CS", "cs"));
        assert!(!same_language("cs", "en"));
    }
}
