//! The UI language: which one the UI speaks (from `config.json`'s `lang`, or
//! a widget's `lang` attribute, provided as a context), and which content is
//! in another language and so needs a `lang` attribute of its own.

use leptos::prelude::use_context;

pub use gazette_i18n::UiLang;

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
