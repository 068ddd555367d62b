//! The web app manifest (`manifest.webmanifest`), which lets a reader
//! install the site on a phone or a desktop: its name, its colours, its
//! icons, where it starts and what it covers. Written by `host-files` into
//! the build from the site, the build's stylesheet and the icons it made;
//! every page links to it (`index.html`).

use gazette_api::Site;
use serde_json::json;

/// The manifest's file name, beside `index.html`.
pub const FILE: &str = "manifest.webmanifest";

/// The icon sizes browsers ask for: 192 px for the home screen, 512 px for
/// the splash screen.
pub const ICON_SIZES: [u32; 2] = [192, 512];

/// The colours of the browser's frame and of the splash screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colours {
    pub theme: String,
    pub background: String,
}

impl Colours {
    /// The stylesheet's light colours: `--gazette-accent` (the theme) and
    /// `--color-bg` (the background), from their first declaration (the
    /// light `:root`; the dark one comes later). `None` when either is
    /// missing or is not a plain colour value.
    pub fn from_stylesheet(css: &str) -> Option<Colours> {
        Some(Colours {
            theme: first_value(css, "--gazette-accent")?,
            background: first_value(css, "--color-bg")?,
        })
    }
}

/// The first value given to a custom property, when it is a colour a
/// manifest can carry (a hex colour, a name, or `rgb(…)`-like).
fn first_value(css: &str, property: &str) -> Option<String> {
    let at = css.find(&format!("{property}:"))? + property.len() + 1;
    let value = css[at..].split([';', '}']).next()?.trim();
    let plain = !value.is_empty()
        && value.len() <= 40
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "#(),.% ".contains(c));
    plain.then(|| value.to_owned())
}

/// A name of at most 12 characters for under the icon: the site's name when
/// it is that short, else its first word when that is, else the name cut.
pub fn short_name(name: &str) -> String {
    const MAX: usize = 12;
    let name = name.trim();
    if name.chars().count() <= MAX {
        return name.to_owned();
    }
    match name.split_whitespace().next() {
        Some(word) if word.chars().count() <= MAX => word.to_owned(),
        _ => name.chars().take(MAX).collect(),
    }
}

/// The manifest for a site served under `base` (`/` or `/news/`), with
/// icons named `icon-<size>.png` beside it when there are any.
pub fn web_manifest(site: &Site, base: &str, colours: &Colours, with_icons: bool) -> String {
    let icons: Vec<_> = ICON_SIZES
        .iter()
        .filter(|_| with_icons)
        .map(|size| {
            json!({
                "src": format!("{base}{}", icon_file(*size)),
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": "any",
            })
        })
        .collect();
    let manifest = json!({
        "id": base,
        "name": site.name,
        "short_name": short_name(&site.name),
        "description": site.tagline,
        "lang": site.lang,
        "start_url": base,
        "scope": base,
        "display": "standalone",
        "theme_color": colours.theme,
        "background_color": colours.background,
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"
}

/// The file name of the icon of one size.
pub fn icon_file(size: u32) -> String {
    format!("icon-{size}.png")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_come_from_the_light_root_and_must_be_plain() {
        let css = ":root{--gazette-accent:#9b1c1c;--color-bg: #fdfcfa }\
                   @media (prefers-color-scheme:dark){:root{--gazette-accent:#f28b82}}";
        assert_eq!(
            Colours::from_stylesheet(css),
            Some(Colours {
                theme: "#9b1c1c".to_owned(),
                background: "#fdfcfa".to_owned()
            })
        );
        assert_eq!(Colours::from_stylesheet(":root{--color-bg:#fff}"), None);
        assert_eq!(
            Colours::from_stylesheet(":root{--gazette-accent:url(\"x\");--color-bg:#fff}"),
            None
        );
    }

    #[test]
    fn the_short_name_fits_under_an_icon() {
        assert_eq!(short_name("Prague Forum"), "Prague Forum");
        assert_eq!(short_name("Pražské fórum pro dialog"), "Pražské");
        assert_eq!(short_name("Internationalisation"), "Internationa");
    }

    #[test]
    fn the_manifest_starts_and_stays_under_the_base_path() {
        let site: Site = serde_json::from_value(json!({
            "name": "Prague Forum", "tagline": "Bridges", "lang": "en",
            "membership": {"title": "t", "heading": "h", "text": "x",
                "call_to_action": "c", "consent_text": "k", "privacy_url": null}
        }))
        .unwrap();
        let colours = Colours {
            theme: "#9b1c1c".to_owned(),
            background: "#fdfcfa".to_owned(),
        };
        let manifest: serde_json::Value =
            serde_json::from_str(&web_manifest(&site, "/news/", &colours, true)).unwrap();
        assert_eq!(manifest["start_url"], "/news/");
        assert_eq!(manifest["scope"], "/news/");
        assert_eq!(manifest["display"], "standalone");
        assert_eq!(manifest["theme_color"], "#9b1c1c");
        assert_eq!(manifest["icons"][0]["src"], "/news/icon-192.png");
        assert_eq!(manifest["icons"][1]["sizes"], "512x512");
        let bare: serde_json::Value =
            serde_json::from_str(&web_manifest(&site, "/", &colours, false)).unwrap();
        assert_eq!(bare["icons"], json!([]));
        assert_eq!(bare["start_url"], "/");
    }
}
