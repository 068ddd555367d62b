//! The Gazette JSON API contract, version 1.
//!
//! These serde types are the single source of truth for what travels between
//! the app (which decodes them) and any backend (which encodes them), and the
//! reference server uses them too. `docs/api.md` explains the contract and
//! `docs/openapi.yaml` describes it for other tools.
//!
//! Compatibility rules: unknown fields are ignored, and an unknown block type
//! decodes to [`Block::Unknown`], which renderers skip. There are no HTML
//! strings anywhere: text is plain text, formatted through [`Span`]s.
//!
//! At the bottom of the house: it depends on no crate of ours, and on
//! nothing that ties it to the browser or the server.
//!
//! Long by design: one file is the whole contract, read beside `docs/api.md`.

mod block_decode;
pub mod content;
mod field_errors;
pub mod images;
pub mod languages;
pub mod markup;
pub mod slug;
pub mod url;
pub mod validation;

use serde::{Deserialize, Serialize};

pub use url::{Href, ImageUrl};

/// The path prefix of every endpoint of this version of the contract.
pub const API_PREFIX: &str = "/api/v1";

/// The site's identity and its membership block: `GET /site`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    /// The publication's name, shown in the header.
    pub name: String,
    /// A short line under the name.
    #[serde(default)]
    pub tagline: String,
    /// The site's main language, a BCP 47 tag such as `en`.
    #[serde(default = "default_lang")]
    pub lang: String,
    /// The membership call to action and the join form's texts.
    pub membership: Membership,
    /// The site's picture: what a link to the front page, the list of posts
    /// or the join page shows in its preview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// The languages the site has an edition in (BCP 47 tags), `lang` among
    /// them: each but `lang` has its own front page, list and join page under `/{tag}/`
    /// (`languages::editions`). Empty: one edition, at the root.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
}

/// [`Site`] as a client that never shows the site's picture decodes it (the
/// join form's widget): the same fields but `image`, which is skipped
/// unread, so that no picture decoder is linked for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SiteWithoutPicture {
    pub name: String,
    #[serde(default)]
    pub tagline: String,
    #[serde(default = "default_lang")]
    pub lang: String,
    pub membership: Membership,
    #[serde(default)]
    pub languages: Vec<String>,
}

impl From<SiteWithoutPicture> for Site {
    fn from(site: SiteWithoutPicture) -> Site {
        Site {
            name: site.name,
            tagline: site.tagline,
            lang: site.lang,
            membership: site.membership,
            image: None,
            languages: site.languages,
        }
    }
}

/// The membership block shown under articles, on the front page and on `/join`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// The block's title, e.g. "Prague Forum Membership".
    pub title: String,
    /// The block's heading, e.g. "Join us".
    pub heading: String,
    /// The pitch under the heading.
    pub text: String,
    /// The label of the link to the join form, e.g. "Become a member".
    pub call_to_action: String,
    /// The text beside the join form's consent checkbox.
    pub consent_text: String,
    /// Where the privacy policy lives (an `https:` URL or a site path);
    /// `None` when the one given was refused.
    #[serde(deserialize_with = "url::lenient::href")]
    pub privacy_url: Option<Href>,
}

/// Who wrote a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Author {
    /// The author's display name.
    pub name: String,
    /// An optional page about the author.
    #[serde(
        default,
        deserialize_with = "url::lenient::href",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<Href>,
}

/// What a list of posts shows of each post: `GET /posts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostSummary {
    /// The post's URL segment: lowercase letters, digits and hyphens.
    pub slug: String,
    /// The headline, plain text.
    pub title: String,
    /// A one- or two-sentence summary, plain text.
    #[serde(default)]
    pub excerpt: String,
    /// Who wrote it.
    pub author: Author,
    /// The post's language, a BCP 47 tag.
    #[serde(default = "default_lang")]
    pub lang: String,
    /// When it was published, RFC 3339 in UTC (`2024-05-22T09:00:00Z`).
    pub published_at: String,
    /// An optional cover image for lists and social cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Image>,
    /// Minutes to read; clients compute it from the body when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading_minutes: Option<u32>,
}

/// A whole post: `GET /posts/{slug}`. On the wire its summary's fields sit
/// beside `updated_at`, `tags` and `body` in one flat object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "FlatArticle", into = "FlatArticle")]
pub struct Article {
    /// Everything a list shows of the post.
    pub summary: PostSummary,
    /// When it was last changed, RFC 3339 in UTC.
    pub updated_at: Option<String>,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// The content, as structured blocks in reading order.
    pub body: Vec<Block>,
    /// The same post in other languages, each once (none in its own).
    pub translations: Vec<Translation>,
}

/// Another language's version of a post: enough to offer it without
/// another request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// Its language, a BCP 47 tag.
    pub lang: String,
    pub slug: String,
    /// Its headline, plain text, in its language.
    pub title: String,
}

/// The wire form of [`Article`]. Spelled out rather than `#[serde(flatten)]`:
/// flattening buffers every value and doubles the decoding code in the wasm.
#[derive(Serialize, Deserialize)]
struct FlatArticle {
    slug: String,
    title: String,
    #[serde(default)]
    excerpt: String,
    author: Author,
    #[serde(default = "default_lang")]
    lang: String,
    published_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cover: Option<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reading_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated_at: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    body: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    translations: Vec<Translation>,
}

impl From<FlatArticle> for Article {
    fn from(flat: FlatArticle) -> Self {
        Article {
            summary: PostSummary {
                slug: flat.slug,
                title: flat.title,
                excerpt: flat.excerpt,
                author: flat.author,
                lang: flat.lang,
                published_at: flat.published_at,
                cover: flat.cover,
                reading_minutes: flat.reading_minutes,
            },
            updated_at: flat.updated_at,
            tags: flat.tags,
            body: flat.body,
            translations: flat.translations,
        }
    }
}

impl From<Article> for FlatArticle {
    fn from(article: Article) -> Self {
        let summary = article.summary;
        FlatArticle {
            slug: summary.slug,
            title: summary.title,
            excerpt: summary.excerpt,
            author: summary.author,
            lang: summary.lang,
            published_at: summary.published_at,
            cover: summary.cover,
            reading_minutes: summary.reading_minutes,
            updated_at: article.updated_at,
            tags: article.tags,
            body: article.body,
            translations: article.translations,
        }
    }
}

/// One block of an article's body, tagged by `"type"`. Decoded by hand
/// (`block_decode.rs`), in one pass; optional fields may be absent or null.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of inline text.
    Paragraph { text: Vec<Span> },
    /// A section heading, level 2 to 4 (the title is the only level 1).
    Heading {
        /// 2, 3 or 4.
        level: u8,
        text: Vec<Span>,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered when true (false when absent).
        ordered: bool,
        /// One entry of spans per item.
        items: Vec<Vec<Span>>,
    },
    /// A quotation.
    Quote {
        /// The quoted words.
        text: Vec<Span>,
        /// Who said it.
        #[serde(skip_serializing_if = "Option::is_none")]
        attribution: Option<String>,
    },
    /// One image with its caption and credit.
    Figure { image: Image },
    /// Several images shown as a grid.
    Gallery {
        images: Vec<Image>,
        /// A caption for the whole gallery.
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// A table of inline text; no table inside a cell.
    Table {
        /// What the table shows, read out before it.
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        /// The first row holds the columns' headers.
        #[serde(skip_serializing_if = "is_false")]
        header_row: bool,
        /// The first cell of each row is the row's header.
        #[serde(skip_serializing_if = "is_false")]
        header_column: bool,
        /// The rows, each a list of cells, each cell inline text.
        rows: Vec<Vec<Vec<Span>>>,
    },
    /// Code, its white space kept exactly as written.
    Code {
        text: String,
        /// The language, such as `rust`: a label, never run.
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// Media from elsewhere (a video, a post, a page), shown as a card that
    /// links to it: nothing of the provider's is loaded.
    Embed {
        /// The original, an `http(s)` URL; `None` when the one given was
        /// refused (the card then shows what it is without a link).
        url: Option<Href>,
        /// Who hosts it, such as `YouTube`.
        #[serde(skip_serializing_if = "Option::is_none")]
        provider: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        /// A picture of it, when the source gives one.
        #[serde(skip_serializing_if = "Option::is_none")]
        thumbnail: Option<Image>,
    },
    /// A thematic break (`separator` is read as one too).
    Divider,
    /// A block type this version does not know; renderers skip it.
    Unknown,
}

/// A run of inline text with optional formatting and link.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// The text, shown as it is (never parsed as HTML).
    pub text: String,
    /// Strong emphasis.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    /// Emphasis.
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    /// A link target (`http`, `https`, `mailto` or a site path); any other
    /// decodes as no link, and the text stays.
    #[serde(
        default,
        deserialize_with = "url::lenient::href",
        skip_serializing_if = "Option::is_none"
    )]
    pub href: Option<Href>,
}

impl Span {
    /// A plain span of text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
}

/// An image, with what a client needs to lay it out before it loads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// The default file (also the fallback for browsers without `srcset`);
    /// `None` when the address given was refused: the picture is then
    /// unavailable, and its alternative text stands in for it.
    #[serde(deserialize_with = "url::lenient::image")]
    pub src: Option<ImageUrl>,
    /// The text alternative; empty only for decorative images.
    #[serde(default)]
    pub alt: String,
    /// Intrinsic width in pixels, when the backend knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Intrinsic height in pixels, when the backend knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The caption, plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The caption's language when it differs from the article's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption_lang: Option<String>,
    /// Who made the photo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The same picture at other widths, for `srcset` (those with a refused
    /// address or no width are left out when decoded).
    #[serde(
        default,
        deserialize_with = "url::lenient::variants",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub variants: Vec<ImageVariant>,
}

impl Image {
    /// Rewrites the image's URLs (`src` and every variant's), for example to
    /// resolve paths against another base. A rewritten address goes through
    /// the allow-list again: one it refuses is dropped.
    pub fn map_urls(&mut self, mut rewrite: impl FnMut(&str) -> String) {
        self.src = self
            .src
            .as_deref()
            .and_then(|src| ImageUrl::parse(&rewrite(src)));
        self.variants
            .retain_mut(|variant| match ImageUrl::parse(&rewrite(&variant.src)) {
                Some(src) => {
                    variant.src = src;
                    true
                }
                None => false,
            });
    }
}

impl Block {
    /// The block's pictures: a figure's, a gallery's, an embed's thumbnail.
    pub fn images_mut(&mut self) -> &mut [Image] {
        match self {
            Block::Figure { image } => std::slice::from_mut(image),
            Block::Gallery { images, .. } => images.as_mut_slice(),
            Block::Embed { thumbnail, .. } => thumbnail.as_mut_slice(),
            _ => &mut [],
        }
    }
}

impl Article {
    /// Every image of the article: the cover, then the blocks' in order.
    pub fn images_mut(&mut self) -> impl Iterator<Item = &mut Image> {
        let body = self.body.iter_mut().flat_map(Block::images_mut);
        self.summary.cover.iter_mut().chain(body)
    }
}

/// One width of an [`Image`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageVariant {
    /// The file at this width.
    pub src: ImageUrl,
    /// Its width in pixels.
    pub width: u32,
}

/// One page of posts, newest first: `GET /posts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostPage {
    /// The posts on this page.
    pub items: Vec<PostSummary>,
    /// Pass this as `cursor` to get the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A tag or an author, as its page shows it: `GET /tags/{slug}` and
/// `GET /authors/{slug}`, and each item of `GET /tags` and `GET /authors`.
/// Its posts are `GET /posts?tag={slug}` (or `?author={slug}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// Made from the name as every slug is ([`slug::slug_of`]).
    pub slug: String,
    /// The name as the posts give it.
    pub name: String,
    /// A sentence or two about it, plain text, when the source has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its picture, when the source has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// How many published posts carry it.
    pub post_count: u32,
}

/// Every tag or every author: `GET /tags`, `GET /authors`, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Terms {
    pub items: Vec<Term>,
}

/// A membership application: the body of `POST /members`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberApplication {
    pub name: String,
    /// The applicant's email address.
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// A note to the organisers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Whether the applicant agreed to the consent text.
    #[serde(default)]
    pub consent: bool,
    /// A field people never see: anything in it marks the sender as a bot.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub honeypot: String,
    /// The language the applicant read the form in (`en`, `cs`, `uk`): the
    /// confirmation e-mail is written in it. Absent or unknown: the site's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// The answer to an accepted application: `201` from `POST /members`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberAccepted {
    /// A receipt id for this application.
    pub id: String,
    /// One of [`member_status`]: `received`, or `pending_confirmation` when
    /// the server sent a confirmation link to the address.
    pub status: String,
}

/// The values of [`MemberAccepted::status`] and [`MemberConfirmed::status`].
pub mod member_status {
    /// Stored; the server sends no confirmation e-mail.
    pub const RECEIVED: &str = "received";
    /// Stored; it counts once the link sent to the address is followed.
    pub const PENDING_CONFIRMATION: &str = "pending_confirmation";
    /// The link was followed: the application is confirmed.
    pub const CONFIRMED: &str = "confirmed";
    /// The link had been followed before; nothing changed.
    pub const ALREADY_CONFIRMED: &str = "already_confirmed";
}

/// Where a confirmation link leads, under the site's base path: the app's
/// page that sends the link's `token` to `POST /members/confirmations`.
pub const CONFIRMATION_PAGE: &str = "/join/confirm";

/// The body of `POST /members/confirmations`: the token from the link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberConfirmation {
    pub token: String,
}

/// The answer to a followed link: `200` from `POST /members/confirmations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberConfirmed {
    /// `confirmed`, or `already_confirmed` (see [`member_status`]).
    pub status: String,
}

/// The body of every error response, from every endpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    /// A stable machine-readable code, one of [`error_codes`].
    pub code: String,
    /// A human-readable explanation, in English.
    pub message: String,
    /// Per-field error codes, for `validation_failed`.
    #[serde(default, skip_serializing_if = "FieldErrors::is_empty")]
    pub fields: FieldErrors,
}

impl ApiError {
    /// An error with a code and message and no field errors.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            fields: FieldErrors::new(),
        }
    }
}

pub use field_errors::FieldErrors;

/// The values of [`ApiError::code`].
pub mod error_codes {
    /// The request was malformed (bad JSON, bad header).
    pub const BAD_REQUEST: &str = "bad_request";
    /// The `limit` parameter is not a whole number from 1 to 50.
    pub const INVALID_LIMIT: &str = "invalid_limit";
    /// The `cursor` parameter was not issued by this server.
    pub const INVALID_CURSOR: &str = "invalid_cursor";
    /// No such resource.
    pub const NOT_FOUND: &str = "not_found";
    /// The method is not allowed on this resource.
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// The body is larger than the endpoint accepts.
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    /// The body is not JSON.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    /// One or more fields are invalid; see `fields`.
    pub const VALIDATION_FAILED: &str = "validation_failed";
    /// Too many requests; see the `Retry-After` header.
    pub const RATE_LIMITED: &str = "rate_limited";
    /// The `Idempotency-Key` was reused with a different body (a 422).
    pub const IDEMPOTENCY_CONFLICT: &str = "idempotency_conflict";
    /// The server failed; the request may be retried.
    pub const INTERNAL: &str = "internal";
    /// The request took longer than the server allows; it may be retried.
    pub const TIMEOUT: &str = "timeout";
    /// A confirmation token this server never issued, or of an erased
    /// application (a 404).
    pub const CONFIRMATION_UNKNOWN: &str = "confirmation_unknown";
    /// A confirmation link followed after it expired (a 410): apply again.
    pub const CONFIRMATION_EXPIRED: &str = "confirmation_expired";
}

fn default_lang() -> String {
    "en".to_owned()
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_json() -> &'static str {
        r#"{
            "slug": "a", "title": "T", "excerpt": "E",
            "author": {"name": "Hans Weber"},
            "lang": "en", "published_at": "2024-05-22T09:00:00Z",
            "tags": ["x"],
            "future_field": {"anything": [1, 2, 3]},
            "body": [
                {"type": "paragraph", "text": [{"text": "Hi", "bold": true, "colour": "red"}]},
                {"type": "video", "src": "v.mp4"},
                {"type": "heading", "level": 2, "text": [{"text": "H"}]},
                {"type": "list", "ordered": true, "items": [[{"text": "one"}]]},
                {"type": "quote", "text": [{"text": "q"}], "attribution": "A"},
                {"type": "figure", "image": {"src": "/a.jpg", "alt": "a", "caption": "Фото", "caption_lang": "uk"}},
                {"type": "gallery", "images": [{"src": "/b.jpg", "alt": "b"}], "caption": "G"},
                {"type": "divider"}
            ]
        }"#
    }

    #[test]
    fn article_decodes_with_unknown_fields_and_blocks() {
        let article: Article = serde_json::from_str(article_json()).unwrap();
        assert_eq!(article.summary.slug, "a");
        assert_eq!(article.body.len(), 8);
        assert_eq!(article.body[1], Block::Unknown);
        assert_eq!(article.body[7], Block::Divider);
        match &article.body[0] {
            Block::Paragraph { text } => assert!(text[0].bold),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn article_round_trips() {
        let article: Article = serde_json::from_str(article_json()).unwrap();
        let json = serde_json::to_string(&article).unwrap();
        let again: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(article, again);
        assert!(!json.contains("future_field"));
    }

    #[test]
    fn site_and_errors_round_trip() {
        let mut error = ApiError::new(error_codes::VALIDATION_FAILED, "m");
        error.fields.add("email", "invalid_email");
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(serde_json::from_str::<ApiError>(&json).unwrap(), error);
        let bare: ApiError = serde_json::from_str(r#"{"code":"x","message":"y"}"#).unwrap();
        assert!(bare.fields.is_empty());
    }

    #[test]
    fn defaults_fill_missing_optional_fields() {
        let summary: PostSummary = serde_json::from_str(
            r#"{"slug":"s","title":"t","author":{"name":"n"},"published_at":"2024-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(summary.lang, "en");
        assert_eq!(summary.excerpt, "");
        assert!(summary.cover.is_none());
    }
}
