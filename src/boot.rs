//! Start-up: read `config.json`, then the site from the API.

use gazette_api::Site;

use crate::{
    api::{get_text, AbortWhen, ApiClient},
    chunks,
    config::{Config, ConfigError, CONFIG_PATH},
    error::FetchError,
    i18n::describe_fetch_error,
    lang::{pick, UiLang},
    page_data::{self, Seed},
    router::Route,
};

/// What the app needs before it can show anything.
#[derive(Debug, Clone)]
pub struct Ready {
    /// The run-time configuration.
    pub config: Config,
    /// The site, from the API or the page's data.
    pub site: Site,
    /// What the page's data holds for the first render.
    pub seed: Seed,
}

/// Why the app could not start.
#[derive(Debug, Clone, PartialEq)]
pub enum BootError {
    /// `config.json` could not be fetched.
    ConfigUnreadable(FetchError),
    /// `config.json` holds an unusable value.
    ConfigInvalid(ConfigError),
    /// The API could not be reached, or sent no usable site. The visitor is
    /// told in the configured UI language, when there is one.
    ApiUnreachable {
        /// What went wrong.
        error: FetchError,
        /// `config.json`'s `lang`.
        lang: Option<UiLang>,
    },
}

impl BootError {
    /// The language to say it in: the configured one once `config.json` has
    /// been read, else English (the site's own language is not known yet).
    pub fn ui_lang(&self) -> UiLang {
        match self {
            BootError::ApiUnreachable { lang, .. } => lang.unwrap_or_default(),
            _ => UiLang::default(),
        }
    }

    /// A sentence that tells a visitor why the site could not start. The
    /// configuration's own errors stay in English: they are for the site owner.
    pub fn describe(&self) -> String {
        match self {
            BootError::ConfigUnreadable(FetchError::NotFound) => {
                "The site's configuration file, config.json, is missing.".to_owned()
            }
            BootError::ConfigUnreadable(error) => {
                format!(
                    "The site's configuration file, config.json, could not be loaded: {}",
                    describe_fetch_error(error)
                )
            }
            BootError::ConfigInvalid(error) => {
                format!("The site's configuration is invalid: {error}.")
            }
            BootError::ApiUnreachable { error, .. } => {
                let why = describe_fetch_error(error);
                pick(
                    format!("We cannot reach the API that holds this site's content. {why}"),
                    format!("Nedaří se spojit s API, které uchovává obsah tohoto webu. {why}"),
                    format!(
                        "Не вдається з’єднатися з API, де зберігається вміст цього сайту. {why}"
                    ),
                )
            }
        }
    }
}

/// Loads the configuration and the site: from the page's data block when the
/// page was prerendered (no request), else from `config.json` and the API;
/// meanwhile, the code of the page when it is in a chunk of its own, so that
/// the app's view of it is whole when it first renders.
pub async fn boot() -> Result<Ready, BootError> {
    let (ready, ()) = futures::future::join(settings(), chunks::preload(&Route::here())).await;
    ready
}

async fn settings() -> Result<Ready, BootError> {
    if let Some(data) = page_data::take() {
        let config = Config::parse(&data.config).map_err(BootError::ConfigInvalid)?;
        let seed = Seed {
            article: data.article,
            recent: data.recent,
            term: data.term,
        };
        // The reader already sees the page: rendering the app's can wait for
        // the next task, so that the start-up is two shorter tasks (decode,
        // then render) rather than one that holds the main thread for both.
        gloo_timers::future::TimeoutFuture::new(0).await;
        return Ok(Ready {
            config,
            site: data.site,
            seed,
        });
    }
    let text = get_text(CONFIG_PATH, AbortWhen::ViewOrTimeout)
        .await
        .map_err(BootError::ConfigUnreadable)?;
    let config = Config::parse(&text).map_err(BootError::ConfigInvalid)?;
    let site = ApiClient::new(config.api_base.clone())
        .site()
        .await
        .map_err(|error| BootError::ApiUnreachable {
            error,
            lang: config.lang,
        })?;
    Ok(Ready {
        config,
        site,
        seed: Seed::default(),
    })
}
