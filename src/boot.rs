//! Start-up: read `config.json`, then the site from the API.

use gazette_api::Site;

use crate::{
    api::{get_text, AbortWhen, ApiClient},
    config::{Config, ConfigError, CONFIG_PATH},
    error::FetchError,
};

/// What the app needs before it can show anything.
#[derive(Debug, Clone)]
pub struct Ready {
    /// The run-time configuration.
    pub config: Config,
    /// The site, from the API.
    pub site: Site,
}

/// Why the app could not start.
#[derive(Debug, Clone, PartialEq)]
pub enum BootError {
    /// `config.json` could not be fetched.
    ConfigUnreadable(FetchError),
    /// `config.json` holds an unusable value.
    ConfigInvalid(ConfigError),
    /// The API could not be reached, or sent no usable site.
    ApiUnreachable(FetchError),
}

/// Loads the configuration and the site.
pub async fn boot() -> Result<Ready, BootError> {
    let text = get_text(CONFIG_PATH, AbortWhen::ViewOrTimeout)
        .await
        .map_err(BootError::ConfigUnreadable)?;
    let config = Config::parse(&text).map_err(BootError::ConfigInvalid)?;
    let site = ApiClient::new(config.api_base.clone())
        .site()
        .await
        .map_err(BootError::ApiUnreachable)?;
    Ok(Ready { config, site })
}
