//! The custom elements' attributes (`<gazette-recent-posts api="…" limit="3"
//! lang="cs" site="…">`), read into options the widgets can trust.

use crate::{
    feed::{recent_posts_count, RECENT_POSTS_DEFAULT, RECENT_POSTS_PROBLEM},
    lang::UiLang,
    urls::parse_base_url,
};

/// A custom element's settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetOptions {
    /// The API's base URL.
    pub api_base: String,
    /// How many posts to show (recent posts only).
    pub limit: u32,
    /// The UI language.
    pub lang: UiLang,
    /// The full site's URL, which links lead to.
    pub site: String,
}

/// An attribute that cannot be used, named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the `{attribute}` attribute {problem}")]
pub struct AttributeError {
    pub attribute: &'static str,
    /// What is wrong with it.
    pub problem: &'static str,
}

/// The raw attributes of an element; `lang` is the nearest one in the host
/// page (the element's own, or an ancestor's).
#[derive(Debug, Clone, Default)]
pub struct WidgetAttributes {
    /// `api`: required.
    pub api: Option<String>,
    /// `limit`: 1 to 20.
    pub limit: Option<String>,
    /// `lang`: a language the UI speaks, else English.
    pub lang: Option<String>,
    /// `site`: defaults to the API's URL without its `/api/v1`.
    pub site: Option<String>,
}

impl WidgetOptions {
    /// Checks the attributes; the first unusable one is named.
    pub fn from_attributes(attributes: &WidgetAttributes) -> Result<WidgetOptions, AttributeError> {
        let api_base = match attributes.api.as_deref() {
            None | Some("") => {
                return Err(AttributeError {
                    attribute: "api",
                    problem: "is required: the API's URL, such as https://example.org/api/v1",
                })
            }
            Some(api) => parse_base_url(api).map_err(|problem| AttributeError {
                attribute: "api",
                problem,
            })?,
        };
        let limit = match attributes.limit.as_deref().map(str::trim) {
            None | Some("") => RECENT_POSTS_DEFAULT,
            Some(text) => text
                .parse::<i64>()
                .ok()
                .and_then(recent_posts_count)
                .ok_or(AttributeError {
                    attribute: "limit",
                    problem: RECENT_POSTS_PROBLEM,
                })?,
        };
        let lang = attributes
            .lang
            .as_deref()
            .and_then(UiLang::from_tag)
            .unwrap_or_default();
        let site = match attributes.site.as_deref() {
            None | Some("") => site_of_api(&api_base),
            Some(site) => parse_base_url(site).map_err(|problem| AttributeError {
                attribute: "site",
                problem,
            })?,
        };
        Ok(WidgetOptions {
            api_base,
            limit,
            lang,
            site,
        })
    }
}

/// The site beside an API that follows the contract's layout: the API's URL
/// without its `/api/v1` (the reference server serves both).
pub fn site_of_api(api_base: &str) -> String {
    api_base
        .strip_suffix(gazette_api::API_PREFIX)
        .unwrap_or(api_base)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(api: &str, limit: &str, lang: &str, site: &str) -> WidgetAttributes {
        let some = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        WidgetAttributes {
            api: some(api),
            limit: some(limit),
            lang: some(lang),
            site: some(site),
        }
    }

    #[test]
    fn attributes_are_read_with_defaults() {
        let options =
            WidgetOptions::from_attributes(&attributes("https://x.org/news/api/v1/", "", "", ""))
                .unwrap();
        assert_eq!(options.api_base, "https://x.org/news/api/v1");
        assert_eq!(options.limit, 3);
        assert_eq!(options.lang, UiLang::En);
        assert_eq!(options.site, "https://x.org/news");
        let options = WidgetOptions::from_attributes(&attributes(
            "https://api.x.org/v1",
            " 5 ",
            "uk-UA",
            "https://x.org/",
        ))
        .unwrap();
        assert_eq!((options.limit, options.lang), (5, UiLang::Uk));
        assert_eq!(options.site, "https://x.org");
        // A language the UI does not speak falls back to English.
        let options =
            WidgetOptions::from_attributes(&attributes("https://x.org/api/v1", "", "de", ""))
                .unwrap();
        assert_eq!(options.lang, UiLang::En);
    }

    #[test]
    fn unusable_attributes_are_named() {
        for (attributes, named) in [
            (attributes("", "", "", ""), "api"),
            (attributes("javascript:alert(1)", "", "", ""), "api"),
            (attributes("https://x.org/api/v1", "0", "", ""), "limit"),
            (attributes("https://x.org/api/v1", "many", "", ""), "limit"),
            (
                attributes("https://x.org/api/v1", "", "", "data:text/html,x"),
                "site",
            ),
        ] {
            let error = WidgetOptions::from_attributes(&attributes).unwrap_err();
            assert_eq!(error.attribute, named, "{error}");
        }
    }
}
