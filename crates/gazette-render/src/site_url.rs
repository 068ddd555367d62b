//! The site's public address, from which every absolute URL in a head, a
//! feed, a sitemap or an e-mail is made.

use thiserror::Error;

/// A value given as the site's address that is not one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0:?} is not a site URL such as https://news.example.org")]
pub struct NotASiteUrl(pub String);

/// The site's public address, `https://news.example.org` or
/// `https://example.org/news`, without a trailing slash: what absolute URLs
/// in heads, feeds and sitemaps start with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(String);

impl SiteUrl {
    /// An `http(s)` URL with a host and no query or fragment.
    pub fn parse(text: &str) -> Result<SiteUrl, NotASiteUrl> {
        let url = text.trim().trim_end_matches('/');
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let plausible = rest.is_some_and(|rest| {
            !rest.is_empty()
                && !rest.starts_with('/')
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~:/[]%".contains(c))
        });
        if plausible {
            Ok(SiteUrl(url.to_owned()))
        } else {
            Err(NotASiteUrl(text.to_owned()))
        }
    }

    /// The address a server listening on `address` answers at.
    pub fn listening_at(address: std::net::SocketAddr, base_path: &str) -> SiteUrl {
        SiteUrl(format!("http://{address}{base_path}"))
    }

    /// The absolute URL of a site path such as `/posts/a`.
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// The absolute URL of a root-relative path that already carries the base
    /// path (an image's `src`, `/news/images/a.webp`); full URLs stay.
    pub fn resource(&self, src: &str) -> String {
        if src.starts_with("https://") || src.starts_with("http://") {
            return src.to_owned();
        }
        format!("{}/{}", self.origin(), src.trim_start_matches('/'))
    }

    /// The site path of a site path such as `/embed/`: the base path added.
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", &self.0[self.origin().len()..])
    }

    /// `https://example.org` of `https://example.org/news`.
    fn origin(&self) -> &str {
        let after_scheme = self.0.find("://").map_or(0, |at| at + 3);
        let end = self.0[after_scheme..]
            .find('/')
            .map_or(self.0.len(), |at| after_scheme + at);
        &self.0[..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_urls() {
        let url = SiteUrl::parse("https://example.org/news/").unwrap();
        assert_eq!(url.page("/posts/a"), "https://example.org/news/posts/a");
        assert_eq!(
            url.resource("/news/images/a.webp"),
            "https://example.org/news/images/a.webp"
        );
        assert_eq!(
            url.resource("https://cdn.net/a.webp"),
            "https://cdn.net/a.webp"
        );
        assert_eq!(url.path("/embed/"), "/news/embed/");
        let root = SiteUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(
            root.resource("/images/a.webp"),
            "http://127.0.0.1:8080/images/a.webp"
        );
        for bad in [
            "",
            "example.org",
            "ftp://x.org",
            "https://",
            "https://x.org/a b",
            "https://x.org/\"><script>",
            "javascript:alert(1)",
        ] {
            assert!(SiteUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
