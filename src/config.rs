//! The run-time configuration, read from `config.json` beside `index.html`.
//!
//! Every key is optional and falls back to its default, so one build serves
//! many sites. `docs/config.md` documents the keys.
//!
//! Long because every key is parsed and named in its error here.

use serde::Deserialize;

use crate::{
    feed::{recent_posts_count, RECENT_POSTS_DEFAULT, RECENT_POSTS_PROBLEM},
    lang::UiLang,
    urls::parse_base_url,
};

/// Where the app looks for its configuration, relative to the document base.
pub const CONFIG_PATH: &str = "config.json";

/// The app's settings for one site.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The API's base URL, absolute or relative to `<base href>`, without a trailing slash.
    pub api_base: String,
    /// How many posts the recent-posts widget shows.
    pub recent_posts: u32,
    /// The UI language; `None` speaks the site's language when the UI can,
    /// English otherwise.
    pub lang: Option<UiLang>,
    /// Design tokens that override the stylesheet's defaults.
    pub theme: Theme,
    /// A reader may play a YouTube or Vimeo video in the page ("Play here");
    /// off, an embed is only a card that links to the original.
    pub play_embeds: bool,
    /// Pages a reader visited stay readable offline (a service worker);
    /// `false` removes the worker and what it kept.
    pub offline: bool,
}

/// The site's theme tokens; `None` keeps the stylesheet's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    /// `--gazette-accent`: links, buttons, markers. A hex colour.
    pub accent: Option<String>,
    /// `--gazette-font`: the reading font stack.
    pub font: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            // Relative to `<base href>`, so it follows a subpath deployment.
            api_base: gazette_api::API_PREFIX.trim_start_matches('/').to_owned(),
            recent_posts: RECENT_POSTS_DEFAULT,
            lang: None,
            theme: Theme::default(),
            play_embeds: false,
            offline: true,
        }
    }
}

/// The JSON form: every key optional, unknown keys ignored.
#[derive(Deserialize)]
struct RawConfig {
    api_base: Option<String>,
    recent_posts: Option<i64>,
    lang: Option<String>,
    #[serde(default)]
    theme: RawTheme,
    play_embeds: Option<bool>,
    offline: Option<bool>,
}

#[derive(Default, Deserialize)]
struct RawTheme {
    accent: Option<String>,
    font: Option<String>,
}

/// Whether a colour is `#rgb` or `#rrggbb`.
fn is_hex_colour(colour: &str) -> bool {
    matches!(colour.len(), 4 | 7)
        && colour.starts_with('#')
        && colour[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether a font stack holds only names, quotes, commas and spaces.
fn is_font_stack(font: &str) -> bool {
    (1..=200).contains(&font.len())
        && font
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '-' | '"' | '\''))
}

/// A configuration value that cannot be used, named by its key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file is not a JSON object.
    #[error("config.json is not valid JSON: {0}")]
    Syntax(crate::json::JsonError),
    /// A key holds a value that cannot be used.
    #[error("config.json: `{key}` {problem}")]
    InvalidValue {
        key: &'static str,
        /// What is wrong with its value.
        problem: &'static str,
    },
}

impl Config {
    /// Parses `config.json`, filling absent keys with defaults.
    pub fn parse(json: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = crate::json::from_str(json).map_err(ConfigError::Syntax)?;
        let defaults = Config::default();
        let api_base = match raw.api_base {
            None => defaults.api_base,
            Some(base) => parse_base_url(&base).map_err(|problem| ConfigError::InvalidValue {
                key: "api_base",
                problem,
            })?,
        };
        let recent_posts = match raw.recent_posts {
            None => defaults.recent_posts,
            Some(count) => recent_posts_count(count).ok_or(ConfigError::InvalidValue {
                key: "recent_posts",
                problem: RECENT_POSTS_PROBLEM,
            })?,
        };
        let lang = match raw.lang {
            None => None,
            Some(tag) => Some(UiLang::from_tag(&tag).ok_or(ConfigError::InvalidValue {
                key: "lang",
                problem: "must be a language the UI speaks: en, cs or uk",
            })?),
        };
        let accent = raw.theme.accent.map(|accent| accent.trim().to_owned());
        if accent
            .as_deref()
            .is_some_and(|accent| !is_hex_colour(accent))
        {
            return Err(ConfigError::InvalidValue {
                key: "theme.accent",
                problem: "must be a hex colour such as #9b1c1c",
            });
        }
        let font = raw.theme.font.map(|font| font.trim().to_owned());
        if font.as_deref().is_some_and(|font| !is_font_stack(font)) {
            return Err(ConfigError::InvalidValue {
                key: "theme.font",
                problem: "must be a list of font names, such as \"Georgia\", serif",
            });
        }
        Ok(Config {
            api_base,
            recent_posts,
            lang,
            theme: Theme { accent, font },
            play_embeds: raw.play_embeds.unwrap_or(defaults.play_embeds),
            offline: raw.offline.unwrap_or(defaults.offline),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_gives_defaults() {
        assert_eq!(Config::parse("{}"), Ok(Config::default()));
        assert_eq!(Config::default().api_base, "api/v1");
    }

    #[test]
    fn reading_offline_is_on_unless_the_site_turns_it_off() {
        assert!(Config::default().offline);
        assert!(!Config::parse(r#"{ "offline": false }"#).unwrap().offline);
        assert!(Config::parse(r#"{ "offline": "no" }"#).is_err());
    }

    #[test]
    fn videos_are_played_in_the_page_only_when_the_site_says_so() {
        assert!(!Config::default().play_embeds);
        let on = Config::parse(r#"{ "play_embeds": true }"#).unwrap();
        assert!(on.play_embeds);
        assert!(matches!(
            Config::parse(r#"{ "play_embeds": "yes" }"#),
            Err(ConfigError::Syntax(_))
        ));
    }

    #[test]
    fn values_are_read_and_normalised() {
        let config = Config::parse(
            r#"{"api_base": "https://api.example.org/v1/", "recent_posts": 5, "x": 1}"#,
        )
        .unwrap();
        assert_eq!(config.api_base, "https://api.example.org/v1");
        assert_eq!(config.recent_posts, 5);
        assert_eq!(
            Config::parse(r#"{"lang": "cs-CZ"}"#).unwrap().lang,
            Some(UiLang::Cs)
        );
        let themed = Config::parse(
            r##"{"theme": {"accent": "#0a5", "font": "\"Iowan Old Style\", Georgia, serif"}}"##,
        )
        .unwrap();
        assert_eq!(themed.theme.accent.as_deref(), Some("#0a5"));
        assert_eq!(
            themed.theme.font.as_deref(),
            Some("\"Iowan Old Style\", Georgia, serif")
        );
    }

    #[test]
    fn invalid_values_name_their_key() {
        for (json, key) in [
            (r#"{"api_base": "javascript:alert(1)"}"#, "api_base"),
            (r#"{"api_base": ""}"#, "api_base"),
            (r#"{"recent_posts": 0}"#, "recent_posts"),
            (r#"{"recent_posts": 1000}"#, "recent_posts"),
            (r#"{"lang": "de"}"#, "lang"),
            (
                r#"{"theme": {"accent": "red; background: url(x)"}}"#,
                "theme.accent",
            ),
            (r##"{"theme": {"accent": "#12345"}}"##, "theme.accent"),
            (
                r#"{"theme": {"font": "x; } body { display: none"}}"#,
                "theme.font",
            ),
        ] {
            match Config::parse(json) {
                Err(ConfigError::InvalidValue { key: named, .. }) => assert_eq!(named, key),
                other => panic!("{json}: {other:?}"),
            }
        }
        assert!(matches!(Config::parse("[1"), Err(ConfigError::Syntax(_))));
        assert!(matches!(
            Config::parse(r#"{"recent_posts": "3"}"#),
            Err(ConfigError::Syntax(_))
        ));
    }
}
