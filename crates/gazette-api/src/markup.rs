//! The markers that the server's prerender writes into a page and the app
//! reads when it takes the page over, and the class names of the markup
//! both write, named once for both renderers: a name spelled twice drifts,
//! and then the app would keep the server's head beside its own, never find
//! the page's data, or restyle the page as it takes it over.

/// An attribute marker and the CSS selector that finds it, from one literal.
macro_rules! marker {
    ($(#[$doc:meta])* $name:ident, $selector:ident = $value:literal) => {
        $(#[$doc])*
        pub const $name: &str = $value;
        #[doc = concat!("The selector of [`", stringify!($name), "`].")]
        pub const $selector: &str = concat!("[", $value, "]");
    };
}

marker!(
    /// On the element that holds a prerendered body: the app replaces it
    /// when it takes the page over, or sets it to `kept` when it cannot start.
    PRERENDER_ATTR,
    PRERENDER_SELECTOR = "data-gazette-prerender"
);

marker!(
    /// On each tag of the head that the server wrote for crawlers and link
    /// previews: the app's head takes their place.
    HEAD_ATTR,
    HEAD_SELECTOR = "data-gazette-head"
);

/// On the same element, when the page's code is a wasm chunk of its own
/// (the app's split point: `posts`, `join`, `search`): the page's loader
/// fetches that chunk beside the main wasm, not once the main wasm runs.
pub const CHUNK_ATTR: &str = "data-gazette-chunk";

/// The id of the block in the release build's `index.html`
/// (`<script type="application/json">`, written by `scripts/finish-app.mjs`)
/// that names each split point's files.
pub const CHUNKS_ID: &str = "gazette-chunks";

/// The id of the page's data block (`<script type="application/json">`):
/// what the app's first render needs, so that it takes the page over with
/// no request.
pub const DATA_BLOCK_ID: &str = "gazette-data";

/// The class names both renderers give the elements they share: the app's
/// components and the server's prerender. A modifier's constant holds its
/// block's class too (`field field--checkbox`), as the element carries both.
pub mod class {
    pub const ALL_POSTS: &str = "all-posts";
    pub const ARTICLE: &str = "article";
    pub const CODE_BLOCK: &str = "code-block";
    pub const CODE_BLOCK_CAPTION: &str = "code-block__caption";
    pub const EMBED_CARD: &str = "embed-card";
    pub const EMBED_CARD_CAPTION: &str = "embed-card__caption";
    pub const EMBED_CARD_LINK: &str = "embed-card__link";
    pub const EMBED_CARD_PLAY: &str = "embed-card__play";
    pub const EMBED_CARD_PLAYER: &str = "embed-card__player";
    pub const EMBED_CARD_PROVIDER: &str = "embed-card__provider";
    pub const EMBED_CARD_THUMB: &str = "embed-card__thumb";
    pub const EMBED_CARD_TITLE: &str = "embed-card__title";
    pub const TABLE_BLOCK: &str = "table-block";
    pub const ARTICLE_BODY: &str = "article__body";
    pub const ARTICLE_HEADER: &str = "article__header";
    pub const ARTICLE_TAGS: &str = "article__tags";
    pub const TERM_HEADER: &str = "term__header";
    pub const TERM_KIND: &str = "term__kind";
    pub const TERM_PICTURE: &str = "term__picture";
    pub const TERM_DESCRIPTION: &str = "term__description";
    pub const ARTICLE_TITLE: &str = "article__title";
    pub const BUTTON: &str = "button";
    pub const EMPTY_STATE: &str = "empty-state";
    pub const EYEBROW: &str = "eyebrow";
    pub const FIELD: &str = "field";
    pub const FIELD_CHECKBOX: &str = "field field--checkbox";
    pub const FIELD_ERROR: &str = "field__error";
    pub const FIELD_HINT: &str = "field__hint";
    pub const FIGURE: &str = "figure";
    pub const FIGURE_CAPTION: &str = "figure__caption";
    pub const FIGURE_CREDIT: &str = "figure__credit";
    pub const FIGURE_TEXT: &str = "figure__text";
    pub const GALLERY: &str = "gallery";
    pub const GALLERY_CAPTION: &str = "gallery__caption";
    pub const GALLERY_GRID: &str = "gallery__grid";
    pub const GALLERY_ITEM: &str = "gallery__item";
    pub const IMAGE_FRAME: &str = "image-frame";
    pub const IMAGE_FRAME_UNKNOWN_SIZE: &str = "image-frame image-frame--unknown-size";
    pub const IMAGE_PLACEHOLDER: &str = "image-placeholder";
    pub const JOIN: &str = "join";
    pub const JOIN_FORM: &str = "join-form";
    pub const JOIN_FORM_ROOT: &str = "join-form-root";
    pub const JOIN_FORM_STATUS: &str = "join-form__status";
    pub const JOIN_FORM_TRAP: &str = "join-form__trap";
    pub const JOIN_PITCH: &str = "join__pitch";
    pub const LEAD_STORY: &str = "lead-story";
    pub const LEAD_STORY_EXCERPT: &str = "lead-story__excerpt";
    pub const LEAD_STORY_TITLE: &str = "lead-story__title";
    pub const LOAD_MORE: &str = "load-more";
    pub const MEMBERSHIP_CTA: &str = "membership-cta";
    pub const MEMBERSHIP_CTA_HEADING: &str = "membership-cta__heading";
    pub const NOTICE: &str = "notice";
    pub const POST_CARD: &str = "post-card";
    pub const POST_CARD_BODY: &str = "post-card__body";
    pub const POST_CARD_EXCERPT: &str = "post-card__excerpt";
    pub const POST_CARD_THUMB: &str = "post-card__thumb";
    pub const POST_CARD_TITLE: &str = "post-card__title";
    pub const POST_LIST: &str = "post-list";
    /// The page's other language versions (`LanguageSwitcher`).
    pub const LANGUAGE_SWITCHER: &str = "language-switcher";
    pub const POST_LIST_DETAILED: &str = "post-list post-list--detailed";
    pub const POST_META: &str = "post-meta";
    pub const POST_META_AUTHOR: &str = "post-meta__author";
    pub const PRERENDER: &str = "prerender";
    pub const QUOTE: &str = "quote";
    pub const QUOTE_ATTRIBUTION: &str = "quote__attribution";
    pub const RECENT_POSTS: &str = "recent-posts";
    pub const RECENT_POSTS_HEAD: &str = "recent-posts__head";
    pub const RECENT_POSTS_TITLE: &str = "recent-posts__title";
    pub const SEARCH: &str = "search";
    pub const SEARCH_FORM: &str = "search__form";
    pub const SEARCH_INPUT: &str = "search__input";
    pub const SEARCH_STATUS: &str = "search__status";
    pub const SITE_FOOTER: &str = "site-footer";
    pub const SITE_HEADER: &str = "site-header";
    pub const SITE_HEADER_INNER: &str = "site-header__inner";
    pub const SITE_HEADER_NAME: &str = "site-header__name";
    pub const SITE_HEADER_TAGLINE: &str = "site-header__tagline";
    pub const SITE_MAIN: &str = "site-main";
    /// The status region under the header (reading offline, a new version).
    pub const CONNECTION_STATUS: &str = "connection-status";
    pub const SITE_NAV: &str = "site-nav";
    pub const SITE_SEARCH: &str = "site-search";
    pub const SITE_SEARCH_INPUT: &str = "site-search__input";
    pub const SITE_SEARCH_BUTTON: &str = "site-search__button";
    pub const SKIP_LINK: &str = "skip-link";
    pub const VISUALLY_HIDDEN: &str = "visually-hidden";
    pub const ZOOM_BUTTON: &str = "zoom-button";
}

/// The ids both renderers give the elements they share.
pub mod id {
    use crate::validation::Field;

    /// The page's `<main>`, which the skip link leads to.
    pub const MAIN: &str = "main";
    /// The header's search field.
    pub const SITE_SEARCH_QUERY: &str = "site-search-q";
    /// The search page's field.
    pub const SEARCH_QUERY: &str = "search-q";
    /// The message field's count of characters, which describes the field.
    pub const JOIN_MESSAGE_COUNT: &str = "join-message-count";
    /// The join form's trap for robots, hidden from people.
    pub const JOIN_TRAP: &str = "join-hp";

    /// The id of a join form field's control, which the error summary links to.
    pub fn field(field: Field) -> String {
        format!("join-{}", field.name())
    }

    /// The id of a join form field's error message.
    pub fn field_error(field: Field) -> String {
        format!("join-{}-error", field.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_selector_finds_its_attribute() {
        assert_eq!(PRERENDER_SELECTOR, format!("[{PRERENDER_ATTR}]"));
        assert_eq!(HEAD_SELECTOR, format!("[{HEAD_ATTR}]"));
    }
}
