//! The UI language: which one the UI speaks (`config.json`'s `lang`, else the
//! page's: an article's, an edition's; or a widget's `lang` attribute;
//! provided as a context), the edition the page belongs to, and which content
//! is in another language and so needs a `lang` attribute of its own.

use gazette_api::languages::edition_path;
use leptos::prelude::{use_context, ArcTrigger};

pub use gazette_i18n::UiLang;

use crate::urls::site_href;

/// The edition the page belongs to (the language of its list, or of its
/// article, when the site has an edition in it); `None`: the root's.
/// Provided by the shell with the UI language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edition(pub Option<String>);

/// The page's edition, from context.
pub fn edition() -> Option<String> {
    use_context::<Edition>().and_then(|edition| edition.0)
}

/// The href of a page in the page's edition: `/posts` is `/cs/posts` on a
/// Czech page.
pub fn edition_href(path: &str) -> String {
    site_href(&edition_path(edition().as_deref(), path))
}

/// Notified by the article page when it shows an article it loaded, so
/// that the shell speaks the article's language.
#[derive(Clone)]
pub struct ArticleShown(pub ArcTrigger);

/// The UI language of the view being built: the one the shell or the widget
/// provides, English outside them.
pub fn ui_lang() -> UiLang {
    use_context::<UiLang>().unwrap_or_default()
}

/// `Some(lang)` when content in `lang` is not in the UI language, for a `lang`
/// attribute on it (the page's own `lang` is the UI language's).
pub fn foreign_lang(lang: &str) -> Option<String> {
    (UiLang::from_tag(lang) != Some(ui_lang()) && !lang.trim().is_empty()).then(|| lang.to_owned())
}

/// `Some(lang)` when the site's own texts (its name, the membership block),
/// from the [`Site`](gazette_api::Site) in context, are not in the UI language.
pub fn site_lang_if_foreign() -> Option<String> {
    use_context::<gazette_api::Site>().and_then(|site| foreign_lang(&site.lang))
}

/// Picks the sentence for the UI language from English, Czech and Ukrainian.
pub fn pick<T>(en: T, cs: T, uk: T) -> T {
    match ui_lang() {
        UiLang::En => en,
        UiLang::Cs => cs,
        UiLang::Uk => uk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_in_another_language_is_marked() {
        // Outside a view the UI speaks English.
        assert_eq!(foreign_lang("en-GB"), None);
        assert_eq!(foreign_lang("cs").as_deref(), Some("cs"));
        assert_eq!(foreign_lang(""), None);
    }
}
