//! WordPress's REST API and Ghost's Content API, each post mapped to the
//! contract (and Gazette's own API, whose posts need none): its HTML body
//! through [`html`](super::html), its title and excerpt as plain text, its
//! slug made valid, its times in UTC, its featured image with the sizes the
//! CMS made as variants.
//!
//! The answers are read as loose JSON (`serde_json::Value`): a plugin that
//! adds fields, or a field a site leaves out, is not an error; a post
//! without a title or a date is skipped with a note.
//!
//! Long because each CMS's fields have their mapping here, one function each.

use gazette_api::{Article, Author, Href, Image, ImageUrl, ImageVariant, PostSummary};
use gazette_content::archive::{About, TermsFile};
use serde::Deserialize;
use serde_json::Value;

use crate::{html, text};

/// A post mapped, with what was dropped and the slug it had in the CMS
/// when that one was not valid.
#[derive(Debug, Clone)]
pub struct Mapped {
    pub article: Article,
    pub dropped: Vec<String>,
    pub renamed_from: Option<String>,
    /// What the CMS says of the post's tags and author (for `terms.json`).
    pub terms: TermsFile,
    /// What makes it a version of other posts: posts that share a key are
    /// one post in several languages (`import` links them).
    pub version_keys: Vec<String>,
}

/// The post's language: the CMS's when it is a language tag, else the site's.
fn language(cms_lang: Option<&str>, site_lang: &str) -> String {
    cms_lang
        .filter(|tag| gazette_api::content::is_language_tag(tag))
        .unwrap_or(site_lang)
        .to_owned()
}

/// A picture of a tag or an author from a CMS, when its address is allowed.
fn portrait(src: Option<&str>, alt: &str, size: Option<u32>) -> Option<Image> {
    Some(Image {
        src: Some(src.and_then(ImageUrl::parse)?),
        alt: alt.to_owned(),
        width: size,
        height: size,
        ..Image::default()
    })
}

/// Which CMS answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Cms {
    Wordpress,
    Ghost,
    /// An API that speaks Gazette's own contract (another reference server,
    /// or a CMS mapped onto it): its URL is the API's base, such as
    /// https://example.org/api/v1.
    Gazette,
}

fn str_at<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|text| !text.is_empty())
}

fn u32_at(value: &Value, pointer: &str) -> Option<u32> {
    value
        .pointer(pointer)
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n > 0)
}

/// The slug to publish under, and the CMS's own when it differs.
fn valid_slug(raw: &str, title: &str) -> (String, Option<String>) {
    let raw = raw.trim();
    let source = if raw.is_empty() { title } else { raw };
    let slug = text::slug(source);
    let renamed = (!raw.is_empty() && raw != slug).then(|| raw.to_owned());
    (slug, renamed)
}

/// Why a post was not imported.
#[derive(Debug, thiserror::Error)]
pub enum Skipped {
    #[error("a post without a title")]
    NoTitle,
    /// The CMS gave no publication date in `field`.
    #[error("{title:?} has no {field}")]
    NoDate { title: String, field: &'static str },
    /// A Gazette API's post that breaks the contract.
    #[error("{slug}: not an article of the contract: {error}")]
    NotAnArticle {
        slug: String,
        error: serde_json::Error,
    },
}

/// One post of `GET /wp-json/wp/v2/posts?_embed=1`. With Polylang, its
/// `lang` and its `translations` (language → post id) make it a version of
/// the posts it names.
pub fn wordpress(post: &Value, lang: &str) -> Result<Mapped, Skipped> {
    let title = html::text(str_at(post, "/title/rendered").unwrap_or(""));
    if title.is_empty() {
        return Err(Skipped::NoTitle);
    }
    let published_at = str_at(post, "/date_gmt")
        .and_then(text::utc)
        .ok_or_else(|| Skipped::NoDate {
            title: title.clone(),
            field: "date_gmt",
        })?;
    let (slug, renamed_from) = valid_slug(str_at(post, "/slug").unwrap_or(""), &title);
    let body = html::blocks(str_at(post, "/content/rendered").unwrap_or(""));
    let embedded = post.get("_embedded").cloned().unwrap_or(Value::Null);
    let author = Author {
        name: str_at(&embedded, "/author/0/name").unwrap_or("").to_owned(),
        url: str_at(&embedded, "/author/0/link").and_then(Href::parse),
    };
    let tags = embedded
        .get("wp:term")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|terms| terms.as_array().into_iter().flatten())
        .filter(|term| term.get("taxonomy").and_then(Value::as_str) == Some("post_tag"))
        .filter_map(|term| str_at(term, "/name").map(html::text))
        .collect();
    let cover = embedded
        .pointer("/wp:featuredmedia/0")
        .and_then(wordpress_media);
    // The embedded author carries their biography and avatar; an embedded
    // tag carries no description (WordPress's embed context leaves it out).
    let mut terms = TermsFile::default();
    if !author.name.is_empty() {
        let about = About {
            description: str_at(&embedded, "/author/0/description").map(html::text),
            image: portrait(
                str_at(&embedded, "/author/0/avatar_urls/96"),
                &author.name,
                Some(96),
            ),
        };
        terms.authors.insert(author.name.clone(), about);
    }
    let id = |value: &Value| value.as_u64().map(|id| format!("wordpress:{id}"));
    let version_keys = post
        .get("translations")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|translations| translations.values())
        .chain(post.get("id"))
        .filter_map(id)
        .collect();
    Ok(Mapped {
        version_keys,
        article: Article {
            summary: PostSummary {
                slug,
                title,
                excerpt: excerpt(str_at(post, "/excerpt/rendered").unwrap_or("")),
                author,
                lang: language(str_at(post, "/lang"), lang),
                published_at,
                cover,
                reading_minutes: None,
            },
            updated_at: str_at(post, "/modified_gmt").and_then(text::utc),
            tags,
            body: body.blocks,
            translations: Vec::new(),
        },
        dropped: body.dropped,
        renamed_from,
        terms,
    })
}

/// A featured image, with the sizes WordPress made as variants.
fn wordpress_media(media: &Value) -> Option<Image> {
    let src = str_at(media, "/source_url").and_then(ImageUrl::parse)?;
    let mut variants: Vec<ImageVariant> = media
        .pointer("/media_details/sizes")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(_, size)| {
            Some(ImageVariant {
                src: str_at(size, "/source_url").and_then(ImageUrl::parse)?,
                width: u32_at(size, "/width")?,
            })
        })
        .collect();
    variants.sort_by_key(|variant| variant.width);
    variants.dedup_by_key(|variant| variant.width);
    Some(Image {
        src: Some(src),
        alt: str_at(media, "/alt_text").unwrap_or("").to_owned(),
        width: u32_at(media, "/media_details/width"),
        height: u32_at(media, "/media_details/height"),
        caption: str_at(media, "/caption/rendered")
            .map(html::text)
            .filter(|caption| !caption.is_empty()),
        variants,
        ..Image::default()
    })
}

/// One post of `GET /ghost/api/content/posts/?include=authors,tags`. Ghost
/// has no languages of its own; as its documentation suggests, internal tags
/// say them: `#lang-cs` the post's language, and a shared `#tr-<key>` the
/// posts that are versions of one another.
pub fn ghost(post: &Value, lang: &str) -> Result<Mapped, Skipped> {
    let title = str_at(post, "/title").unwrap_or("").to_owned();
    if title.is_empty() {
        return Err(Skipped::NoTitle);
    }
    let published_at = str_at(post, "/published_at")
        .and_then(text::utc)
        .ok_or_else(|| Skipped::NoDate {
            title: title.clone(),
            field: "published_at",
        })?;
    let (slug, renamed_from) = valid_slug(str_at(post, "/slug").unwrap_or(""), &title);
    let body = html::blocks(str_at(post, "/html").unwrap_or(""));
    let cover = str_at(post, "/feature_image")
        .and_then(ImageUrl::parse)
        .map(|src| Image {
            src: Some(src),
            alt: str_at(post, "/feature_image_alt").unwrap_or("").to_owned(),
            caption: str_at(post, "/feature_image_caption")
                .map(html::text)
                .filter(|caption| !caption.is_empty()),
            ..Image::default()
        });
    let mut terms = TermsFile::default();
    let internal: Vec<&str> = post
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|tag| tag.get("visibility").and_then(Value::as_str) == Some("internal"))
        .filter_map(|tag| str_at(tag, "/name"))
        .collect();
    let marked = |prefix: &'static str| -> Vec<&str> {
        internal
            .iter()
            .filter_map(|name| name.strip_prefix(prefix))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .collect()
    };
    let ghost_lang = marked("#lang-").first().copied();
    let version_keys = marked("#tr-")
        .into_iter()
        .map(|key| format!("ghost:{key}"))
        .collect();
    let tags = post
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        // Ghost's internal tags (`#name`) are for themes, not readers.
        .filter(|tag| tag.get("visibility").and_then(Value::as_str) != Some("internal"))
        .filter_map(|tag| {
            let name = str_at(tag, "/name")?.to_owned();
            let about = About {
                description: str_at(tag, "/description").map(html::text),
                image: portrait(str_at(tag, "/feature_image"), "", None),
            };
            terms.tags.insert(name.clone(), about);
            Some(name)
        })
        .collect();
    let author_name = str_at(post, "/authors/0/name")
        .or_else(|| str_at(post, "/primary_author/name"))
        .unwrap_or("");
    if !author_name.is_empty() {
        let about = About {
            description: str_at(post, "/authors/0/bio").map(html::text),
            image: portrait(str_at(post, "/authors/0/profile_image"), author_name, None),
        };
        terms.authors.insert(author_name.to_owned(), about);
    }
    let excerpt_text = str_at(post, "/custom_excerpt")
        .or_else(|| str_at(post, "/excerpt"))
        .unwrap_or("");
    Ok(Mapped {
        version_keys,
        article: Article {
            summary: PostSummary {
                slug,
                title,
                excerpt: excerpt(excerpt_text),
                author: Author {
                    name: author_name.to_owned(),
                    url: str_at(post, "/authors/0/url").and_then(Href::parse),
                },
                lang: language(ghost_lang, lang),
                published_at,
                cover,
                reading_minutes: u32_at(post, "/reading_time"),
            },
            updated_at: str_at(post, "/updated_at").and_then(text::utc),
            tags,
            body: body.blocks,
            translations: Vec::new(),
        },
        dropped: body.dropped,
        renamed_from,
        terms,
    })
}

/// An excerpt as plain text, without WordPress's `[…]` or "Continue reading".
fn excerpt(html_or_text: &str) -> String {
    let text = html::text(html_or_text);
    let text = text
        .trim_end_matches("Continue reading")
        .trim_end()
        .trim_end_matches("[…]")
        .trim_end_matches("[...]")
        .trim_end();
    let mut cut: String = text.chars().take(300).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

/// One article of a Gazette API (`GET {api}/posts/{slug}`), as it is, with
/// its image paths made absolute against the API's origin, where they point
/// (the rule the app follows for an API elsewhere).
pub fn gazette(post: &Value, api: &str) -> Result<Mapped, Skipped> {
    let mut article = Article::deserialize(post).map_err(|error| Skipped::NotAnArticle {
        slug: str_at(post, "/slug").unwrap_or("a post").to_owned(),
        error,
    })?;
    for image in article.images_mut() {
        image.map_urls(|src| gazette_api::images::resolve_image_url(api, src));
    }
    let version_keys = std::iter::once(&article.summary.slug)
        .chain(
            article
                .translations
                .iter()
                .map(|translation| &translation.slug),
        )
        .map(|slug| format!("gazette:{slug}"))
        .collect();
    Ok(Mapped {
        version_keys,
        article,
        dropped: Vec::new(),
        renamed_from: None,
        terms: TermsFile::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_wordpress_post_with_its_embedded_author_media_and_tags() {
        let post = json!({
            "slug": "%d0%b7%d1%83%d1%81%d1%82%d1%80%d1%96%d1%87",
            "date_gmt": "2024-05-22T10:00:00",
            "modified_gmt": "2024-05-23T08:00:00",
            "title": {"rendered": "Zustrich &#8211; <em>Kyiv</em>"},
            "excerpt": {"rendered": "<p>Short &amp; sweet [&hellip;]</p>"},
            "content": {"rendered": "<p>Body</p><script>x()</script>"},
            "_embedded": {
                "author": [{"name": "Olena", "link": "https://wp.example.org/author/olena",
                    "description": "Writes &amp; edits.",
                    "avatar_urls": {"24": "https://gravatar.example/o?s=24", "96": "https://gravatar.example/o?s=96"}}],
                "wp:featuredmedia": [{"source_url": "https://wp.example.org/a.jpg", "alt_text": "A",
                    "media_details": {"width": 2000, "height": 1000, "sizes": {
                        "medium": {"source_url": "https://wp.example.org/a-300.jpg", "width": 300},
                        "large": {"source_url": "https://wp.example.org/a-1024.jpg", "width": 1024}}}}],
                "wp:term": [[{"taxonomy": "category", "name": "News"}], [{"taxonomy": "post_tag", "name": "Kyiv"}]]
            }
        });
        let mapped = wordpress(&post, "uk").unwrap();
        let summary = &mapped.article.summary;
        assert_eq!(summary.slug, "zustrich");
        assert_eq!(
            mapped.renamed_from.as_deref(),
            Some("%d0%b7%d1%83%d1%81%d1%82%d1%80%d1%96%d1%87")
        );
        assert_eq!(summary.title, "Zustrich – Kyiv");
        assert_eq!(summary.excerpt, "Short & sweet");
        assert_eq!(summary.published_at, "2024-05-22T10:00:00Z");
        assert_eq!(
            mapped.article.updated_at.as_deref(),
            Some("2024-05-23T08:00:00Z")
        );
        assert_eq!(summary.author.name, "Olena");
        assert_eq!(mapped.article.tags, ["Kyiv"]);
        let cover = summary.cover.as_ref().unwrap();
        assert_eq!((cover.width, cover.height), (Some(2000), Some(1000)));
        assert_eq!(
            cover.variants.iter().map(|v| v.width).collect::<Vec<_>>(),
            [300, 1024]
        );
        assert_eq!(mapped.dropped, ["<script>"]);
        assert!(gazette_api::content::check_article(&mapped.article).is_ok());
        // The author's biography and avatar, for their page.
        let olena = &mapped.terms.authors["Olena"];
        assert_eq!(olena.description.as_deref(), Some("Writes & edits."));
        let avatar = olena.image.as_ref().unwrap();
        assert_eq!(
            avatar.src.as_deref(),
            Some("https://gravatar.example/o?s=96")
        );
        assert_eq!((avatar.width, avatar.alt.as_str()), (Some(96), "Olena"));
    }

    #[test]
    fn a_ghost_post_with_its_times_in_utc() {
        let post = json!({
            "slug": "hello", "title": "Hello", "html": "<p>Hi</p>",
            "custom_excerpt": null, "excerpt": "Hi",
            "published_at": "2024-05-22T14:00:00.000+02:00", "updated_at": "2024-05-22T15:30:00.000+02:00",
            "feature_image": "https://ghost.example.org/content/images/a.jpg",
            "feature_image_alt": "A", "feature_image_caption": "<span>By <a href=\"x\">Jana</a></span>",
            "authors": [{"name": "Jana", "url": "https://ghost.example.org/author/jana/",
                "bio": "Jana edits the news.", "profile_image": "javascript:alert(1)"}],
            "tags": [{"name": "News", "visibility": "public", "description": "What happened.",
                      "feature_image": "https://ghost.example.org/content/images/news.jpg"},
                     {"name": "#hero", "visibility": "internal", "description": "For themes."}],
            "reading_time": 3
        });
        let mapped = ghost(&post, "en").unwrap();
        let summary = &mapped.article.summary;
        assert_eq!(summary.published_at, "2024-05-22T12:00:00Z");
        assert_eq!(
            mapped.article.updated_at.as_deref(),
            Some("2024-05-22T13:30:00Z")
        );
        assert_eq!(summary.reading_minutes, Some(3));
        assert_eq!(
            summary.cover.as_ref().unwrap().caption.as_deref(),
            Some("By Jana")
        );
        assert_eq!(mapped.article.tags, ["News"]);
        assert!(mapped.renamed_from.is_none());
        // What Ghost says of the tags readers see and of the author; a
        // refused picture address is left out.
        let news = &mapped.terms.tags["News"];
        assert_eq!(news.description.as_deref(), Some("What happened."));
        assert!(news.image.is_some());
        assert_eq!(mapped.terms.tags.len(), 1);
        let jana = &mapped.terms.authors["Jana"];
        assert_eq!(jana.description.as_deref(), Some("Jana edits the news."));
        assert!(jana.image.is_none());
        assert!(gazette_api::content::check_article(&mapped.article).is_ok());
    }
}
