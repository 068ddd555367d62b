//! Gazette's HTML and XML, written as text: the prerendered pages that the
//! app takes over ([`prerender`]), their head ([`head`]), the Atom feed, the
//! sitemap and `robots.txt` ([`feeds`]), from the contract's types alone.
//!
//! It may depend on the contract (`gazette-api`) and the UI's words
//! (`gazette-i18n`), nothing else of ours: no HTTP, no files but the
//! build's `config.json`, no database. So it builds for wasm32 too, and the
//! app's markup can be compared with it in a browser.

pub mod escape;
pub mod feeds;
pub mod head;
pub mod manifest;
pub mod prerender;
pub mod site_url;

pub use site_url::SiteUrl;
