//! Gazette on other sites: the iframe embeds (`iframe`: `/embed/recent-posts`
//! and `/embed/join`, pages without the site's chrome) and the custom
//! elements (`options`: their attributes checked; `widget`: their content).
//! Both render the site's own components, with links made plain by
//! [`Embedded`].

pub mod iframe;
pub mod options;
pub mod widget;

/// Marks a view tree as embedded in another site: links are plain links to
/// the full site, opened in `target` when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    /// The full site's URL or path prefix, without a trailing slash.
    pub site: String,
    /// Where links open: `_top` from an iframe.
    pub target: Option<&'static str>,
}

impl Embedded {
    /// The full site's URL of a site path such as `/posts`.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.site)
    }
}
