//! Languages: which editions a site has and where they live, which posts an
//! edition lists, and which translations of a post can be offered. One rule
//! each, for the app, the prerender, the feeds and the server.
//!
//! An edition is named by a language's primary subtag (`cs`), its pages under
//! `/{tag}/`; the site's own language is the root's. A post belongs to the
//! edition of its language's primary subtag (`en-GB` to `en`).

pub use crate::content::{check_translations, primary};
use crate::{
    content::{is_language_tag, is_valid_slug},
    Site, Translation,
};

/// Whether two tags name the same language (`en` and `en-GB` do).
pub fn same_language(a: &str, b: &str) -> bool {
    primary(a) == primary(b)
}

/// Every language the site has an edition in, by primary subtag, the
/// site's own first; each once; invalid tags left out.
pub fn site_languages(site: &Site) -> Vec<String> {
    let mut languages = vec![primary(&site.lang)];
    for tag in &site.languages {
        let language = primary(tag);
        if is_language_tag(tag) && !languages.contains(&language) {
            languages.push(language);
        }
    }
    languages
}

/// The site's further editions: its languages but its own.
pub fn editions(site: &Site) -> Vec<String> {
    site_languages(site).split_off(1)
}

/// Whether `language` names one of the site's further editions.
pub fn is_edition(site: &Site, language: &str) -> bool {
    editions(site).iter().any(|edition| edition == language)
}

/// A site path split into its edition and the path within it: `/cs/posts` →
/// `(Some("cs"), "/posts")`, `/cs` → `(Some("cs"), "/")`, `/posts` → `(None,
/// "/posts")`. Any two- or three-letter lowercase first segment is taken for
/// an edition but the site's own (`tag`, of `/tag/{slug}`); whether the site
/// has it is the caller's question.
pub fn split_edition(path: &str) -> (Option<&str>, &str) {
    let rest = path.strip_prefix('/').unwrap_or(path);
    let (first, tail) = match rest.find('/') {
        Some(end) => (&rest[..end], &rest[end..]),
        None => (rest, "/"),
    };
    let is_language = (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && first != "tag";
    match is_language {
        true => (Some(first), tail),
        false => (None, path),
    }
}

/// The path of a page in an edition: `("cs", "/posts")` → `/cs/posts`; the
/// front page of an edition ends with a slash (`/cs/`); `None` is the root's.
pub fn edition_path(edition: Option<&str>, path: &str) -> String {
    match (edition, path) {
        (None, path) => path.to_owned(),
        (Some(edition), "/") => format!("/{edition}/"),
        (Some(edition), path) => format!("/{edition}{path}"),
    }
}

/// Which edition a post in `lang` is listed in: its language's, when the
/// site has that edition; else none (the root's).
pub fn edition_of(site: &Site, lang: &str) -> Option<String> {
    let language = primary(lang);
    is_edition(site, &language).then_some(language)
}

/// The site's order of languages, for sorting versions: a language's key
/// is its place among the site's languages (those it has none of after
/// them), then its primary subtag. Every list of versions (an article's
/// translations, the head's alternates, which version the root lists) is in
/// this order, so that each version lists the others alike.
pub struct LanguageOrder(Vec<String>);

impl LanguageOrder {
    pub fn of(site: &Site) -> LanguageOrder {
        LanguageOrder(site_languages(site))
    }

    /// The sort key of a language tag.
    pub fn key(&self, lang: &str) -> (usize, String) {
        let language = primary(lang);
        let place = self.0.iter().position(|known| *known == language);
        (place.unwrap_or(self.0.len()), language)
    }
}

/// Whether the root lists a post: when it is in the site's language, or
/// none of its versions is (then the version in the earliest of the site's
/// languages, else the post itself when it comes first by slug among its
/// versions), so that the root lists every post once.
pub fn listed_at_root(site: &Site, lang: &str, slug: &str, translations: &[Translation]) -> bool {
    let order = LanguageOrder::of(site);
    let own = (order.key(lang).0, slug);
    translations
        .iter()
        .all(|other| own <= (order.key(&other.lang).0, other.slug.as_str()))
}

/// The translations a reader can be offered: well-formed, none in the
/// post's own language or its own slug, each language once (the first).
/// For an article from an API, which is untrusted.
pub fn offered(article_lang: &str, slug: &str, translations: &[Translation]) -> Vec<Translation> {
    let mut seen = vec![primary(article_lang)];
    let mut shown = Vec::new();
    for translation in translations {
        let language = primary(&translation.lang);
        if is_language_tag(&translation.lang)
            && is_valid_slug(&translation.slug)
            && translation.slug != slug
            && !translation.title.trim().is_empty()
            && !seen.contains(&language)
        {
            seen.push(language);
            shown.push(translation.clone());
        }
    }
    shown
}

/// Another language's version of the page being shown: what a language
/// switcher links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Its language, a BCP 47 tag.
    pub lang: String,
    /// Its site path, such as `/posts/a` or `/cs/`.
    pub path: String,
}

/// An article's versions in other languages, from its translations (from
/// an API: those [`offered`]).
pub fn article_versions(translations: &[Translation]) -> Vec<Version> {
    translations
        .iter()
        .map(|translation| Version {
            path: crate::content::article_path(&translation.slug),
            lang: translation.lang.clone(),
        })
        .collect()
}

/// A page of an edition (`path`, such as `/posts`) in the site's other
/// editions, the root's among them: none on a site with one edition.
pub fn edition_versions(site: &Site, edition: Option<&str>, path: &str) -> Vec<Version> {
    let own = edition_path(edition, path);
    let mut versions = Vec::new();
    for (index, language) in site_languages(site).into_iter().enumerate() {
        // The first is the site's own language, whose pages are the root's.
        let (lang, page) = match index {
            0 => (site.lang.clone(), path.to_owned()),
            _ => (language.clone(), edition_path(Some(&language), path)),
        };
        if page != own {
            versions.push(Version { lang, path: page });
        }
    }
    versions
}

/// The Open Graph locale of a language tag (`language_TERRITORY`): the
/// tag's region when it has one, else the territory of the languages this
/// site ships words for, else the bare language.
pub fn og_locale(tag: &str) -> String {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("").to_ascii_lowercase();
    let region =
        parts.find(|part| part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()));
    match (region, language.as_str()) {
        (Some(region), _) => format!("{language}_{}", region.to_ascii_uppercase()),
        (None, "en") => "en_GB".to_owned(),
        (None, "cs") => "cs_CZ".to_owned(),
        (None, "uk") => "uk_UA".to_owned(),
        (None, _) => language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Article;

    fn site(languages: &[&str]) -> Site {
        serde_json::from_value(serde_json::json!({
            "name": "Prague Forum", "lang": "en",
            "languages": languages,
            "membership": {"title": "M", "heading": "J", "text": "T",
                "call_to_action": "Join", "consent_text": "I agree", "privacy_url": "/privacy"},
        }))
        .unwrap()
    }

    fn translation(lang: &str, slug: &str) -> Translation {
        Translation {
            lang: lang.into(),
            slug: slug.into(),
            title: format!("Title of {slug}"),
        }
    }

    #[test]
    fn editions_are_the_sites_other_languages_each_once() {
        let site = site(&["en", "cs", "uk", "cs-CZ", "not a tag"]);
        assert_eq!(site_languages(&site), ["en", "cs", "uk"]);
        assert_eq!(editions(&site), ["cs", "uk"]);
        assert!(is_edition(&site, "cs") && !is_edition(&site, "en") && !is_edition(&site, "de"));
        assert_eq!(edition_of(&site, "cs-CZ").as_deref(), Some("cs"));
        assert_eq!(edition_of(&site, "en-GB"), None);
        assert_eq!(edition_of(&site, "de"), None);
    }

    #[test]
    fn paths_split_and_join_by_edition() {
        assert_eq!(split_edition("/cs/posts"), (Some("cs"), "/posts"));
        assert_eq!(split_edition("/cs/"), (Some("cs"), "/"));
        assert_eq!(split_edition("/cs"), (Some("cs"), "/"));
        assert_eq!(split_edition("/posts"), (None, "/posts"));
        assert_eq!(split_edition("/"), (None, "/"));
        assert_eq!(split_edition("/CS/posts"), (None, "/CS/posts"));
        assert_eq!(split_edition("/tag/"), (None, "/tag/"));
        assert_eq!(edition_path(Some("uk"), "/"), "/uk/");
        assert_eq!(edition_path(Some("uk"), "/posts"), "/uk/posts");
        assert_eq!(edition_path(None, "/posts"), "/posts");
    }

    #[test]
    fn the_root_lists_each_post_once_in_the_sites_language_when_it_can() {
        let site = site(&["en", "cs", "uk"]);
        let english = [translation("cs", "b-cs"), translation("uk", "b-uk")];
        assert!(listed_at_root(&site, "en", "b", &english));
        assert!(!listed_at_root(
            &site,
            "cs",
            "b-cs",
            &[translation("en", "b"), translation("uk", "b-uk")]
        ));
        // No English version: the Czech one, the earliest of the site's languages.
        assert!(listed_at_root(
            &site,
            "cs",
            "c-cs",
            &[translation("uk", "c-uk")]
        ));
        assert!(!listed_at_root(
            &site,
            "uk",
            "c-uk",
            &[translation("cs", "c-cs")]
        ));
        // A post alone, in any language, is listed.
        assert!(listed_at_root(&site, "de", "d", &[]));
        // Two versions in languages the site has no edition in: the first slug.
        assert!(listed_at_root(
            &site,
            "de",
            "a-de",
            &[translation("fr", "a-fr")]
        ));
        assert!(!listed_at_root(
            &site,
            "fr",
            "a-fr",
            &[translation("de", "a-de")]
        ));
    }

    #[test]
    fn only_well_formed_translations_are_offered_each_language_once() {
        let offered = offered(
            "en",
            "post",
            &[
                translation("cs", "post-cs"),
                translation("en-GB", "post-gb"),
                translation("cs", "post-cs-2"),
                translation("uk", "post"),
                translation("x y", "bad-lang"),
                translation("uk", "Bad Slug"),
                Translation {
                    title: " ".into(),
                    ..translation("de", "no-title")
                },
                translation("uk", "post-uk"),
            ],
        );
        let slugs: Vec<_> = offered.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["post-cs", "post-uk"]);
    }

    #[test]
    fn an_articles_translations_are_checked() {
        let mut article: Article = serde_json::from_value(serde_json::json!({
            "slug": "post", "title": "Post", "author": {"name": "A"}, "lang": "en",
            "published_at": "2024-05-22T09:00:00Z", "body": [],
            "translations": [{"lang": "cs", "slug": "post-cs", "title": "Příspěvek"}],
        }))
        .unwrap();
        assert_eq!(check_translations(&article), Ok(()));
        article.translations.push(translation("en-GB", "post-gb"));
        let error = check_translations(&article).unwrap_err();
        assert_eq!(error.path, "translations[1].lang");
        article.translations[1] = translation("uk", "post");
        assert_eq!(
            check_translations(&article).unwrap_err().message,
            "is the post itself"
        );
    }

    #[test]
    fn a_page_offers_its_other_versions() {
        let site = site(&["en", "cs", "uk"]);
        let paths = |versions: Vec<Version>| -> Vec<(String, String)> {
            versions.into_iter().map(|v| (v.lang, v.path)).collect()
        };
        let pair = |lang: &str, path: &str| (lang.to_owned(), path.to_owned());
        assert_eq!(
            paths(edition_versions(&site, None, "/posts")),
            [pair("cs", "/cs/posts"), pair("uk", "/uk/posts")]
        );
        assert_eq!(
            paths(edition_versions(&site, Some("cs"), "/")),
            [pair("en", "/"), pair("uk", "/uk/")]
        );
        assert!(edition_versions(&super::tests::site(&[]), None, "/").is_empty());
        assert_eq!(
            paths(article_versions(&[translation("cs", "a-cs")])),
            [pair("cs", "/posts/a-cs")]
        );
    }

    #[test]
    fn open_graph_locales() {
        assert_eq!(og_locale("cs"), "cs_CZ");
        assert_eq!(og_locale("en-US"), "en_US");
        assert_eq!(og_locale("uk"), "uk_UA");
        assert_eq!(og_locale("de"), "de");
    }
}
