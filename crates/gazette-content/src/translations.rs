//! Which posts of a folder are versions of one another. A Markdown post
//! names the post it translates (`translation_of: <slug>`); a JSON post, as
//! the contract has it, lists all its other versions (`translations`, as an
//! import writes them). Linked here into groups, checked (every slug names a
//! post, one version per language, a JSON list names every other version and
//! is named back), and each post's `translations` written from its group,
//! with the titles and languages the posts have: so that what the API sends
//! is reciprocal by construction.

use std::{collections::HashMap, path::PathBuf};

use gazette_api::{
    languages::{primary, LanguageOrder},
    Article, Site, Translation,
};

/// What is wrong with a post's links: its file, the field, the reason.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    pub path: PathBuf,
    pub field: String,
    pub message: String,
}

/// A post as its file was read.
pub struct ReadPost {
    pub article: Article,
    pub path: PathBuf,
    /// A Markdown post's `translation_of`.
    pub translation_of: Option<String>,
}

/// Links the posts' translations both ways, or says which post is wrong.
pub fn link(site: &Site, posts: &mut [ReadPost]) -> Result<(), Refused> {
    let by_slug: HashMap<&str, usize> = posts
        .iter()
        .enumerate()
        .map(|(index, post)| (post.article.summary.slug.as_str(), index))
        .collect();
    let mut groups = Groups::new(posts.len());
    for (index, post) in posts.iter().enumerate() {
        for (field, slug) in declared(post) {
            let Some(&other) = by_slug.get(slug) else {
                return Err(invalid(
                    post,
                    field,
                    format!("names {slug:?}, which is no post in this folder"),
                ));
            };
            groups.join(index, other);
        }
    }
    let members = groups.members();
    for index in 0..posts.len() {
        check_group(posts, index, &members[groups.root(index)])?;
    }
    let order = LanguageOrder::of(site);
    let versions: Vec<Translation> = posts
        .iter()
        .map(|post| Translation {
            lang: post.article.summary.lang.clone(),
            slug: post.article.summary.slug.clone(),
            title: post.article.summary.title.clone(),
        })
        .collect();
    for index in 0..posts.len() {
        let mut others: Vec<Translation> = members[groups.root(index)]
            .iter()
            .filter(|&&other| other != index)
            .map(|&other| versions[other].clone())
            .collect();
        others.sort_by_key(|translation| order.key(&translation.lang));
        posts[index].article.translations = others;
    }
    Ok(())
}

/// The slugs a post's file links to, each with the field that says so.
fn declared(post: &ReadPost) -> Vec<(String, &str)> {
    let listed = post
        .article
        .translations
        .iter()
        .enumerate()
        .map(|(index, translation)| {
            (
                format!("translations[{index}].slug"),
                translation.slug.as_str(),
            )
        });
    post.translation_of
        .as_deref()
        .map(|slug| ("translation_of".to_owned(), slug))
        .into_iter()
        .chain(listed)
        .collect()
}

/// One language per group; a JSON post's list names every other version.
fn check_group(posts: &[ReadPost], index: usize, group: &[usize]) -> Result<(), Refused> {
    let post = &posts[index];
    let summary = &post.article.summary;
    let language = primary(&summary.lang);
    if let Some(&twin) = group
        .iter()
        .find(|&&other| other < index && primary(&posts[other].article.summary.lang) == language)
    {
        return Err(invalid(
            post,
            "lang".to_owned(),
            format!(
                "{:?} and {:?} are both its version in {language:?}; a post has one version per language",
                summary.slug, posts[twin].article.summary.slug
            ),
        ));
    }
    if post.article.translations.is_empty() {
        return Ok(());
    }
    let listed: Vec<&str> = post
        .article
        .translations
        .iter()
        .map(|t| t.slug.as_str())
        .collect();
    for &other in group.iter().filter(|&&other| other != index) {
        let slug = posts[other].article.summary.slug.as_str();
        if !listed.contains(&slug) {
            return Err(invalid(
                post,
                "translations".to_owned(),
                format!(
                    "does not list {slug:?}, which is a version of the same post (the links must go both ways)"
                ),
            ));
        }
    }
    Ok(())
}

fn invalid(post: &ReadPost, field: String, message: String) -> Refused {
    Refused {
        path: post.path.clone(),
        field,
        message,
    }
}

/// Which posts are versions of one another, as union-find over their
/// indexes (an import groups a CMS's posts with it too).
pub struct Groups(Vec<usize>);

impl Groups {
    /// `count` posts, each alone.
    pub fn new(count: usize) -> Groups {
        Groups((0..count).collect())
    }

    /// The group of a post, named by its first member.
    pub fn root(&self, mut index: usize) -> usize {
        while self.0[index] != index {
            index = self.0[index];
        }
        index
    }

    /// Makes two posts versions of one another, and so their groups one.
    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        self.0[a.max(b)] = a.min(b);
    }

    /// Each root's members, in index order, by root.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut members = vec![Vec::new(); self.0.len()];
        for index in 0..self.0.len() {
            members[self.root(index)].push(index);
        }
        members
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        serde_json::from_value(serde_json::json!({
            "name": "Prague Forum", "lang": "en", "languages": ["en", "cs", "uk"],
            "membership": {"title": "M", "heading": "J", "text": "T",
                "call_to_action": "Join", "consent_text": "I agree", "privacy_url": "/privacy"},
        }))
        .unwrap()
    }

    fn post(slug: &str, lang: &str, translation_of: Option<&str>, listed: &[&str]) -> ReadPost {
        let translations: Vec<_> = listed
            .iter()
            .map(|slug| serde_json::json!({"lang": "xx", "slug": slug, "title": "?"}))
            .collect();
        ReadPost {
            article: serde_json::from_value(serde_json::json!({
                "slug": slug, "title": format!("Title {slug}"), "author": {"name": "A"},
                "lang": lang, "published_at": "2024-05-22T09:00:00Z", "body": [],
                "translations": translations,
            }))
            .unwrap(),
            path: PathBuf::from(format!("posts/{slug}")),
            translation_of: translation_of.map(str::to_owned),
        }
    }

    fn linked(posts: &[ReadPost], slug: &str) -> Vec<(String, String, String)> {
        let post = posts
            .iter()
            .find(|post| post.article.summary.slug == slug)
            .unwrap();
        post.article
            .translations
            .iter()
            .map(|t| (t.lang.clone(), t.slug.clone(), t.title.clone()))
            .collect()
    }

    fn refusal(mut posts: Vec<ReadPost>) -> (PathBuf, String, String) {
        match link(&site(), &mut posts) {
            Err(Refused {
                path,
                field,
                message,
            }) => (path, field, message),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn markdown_translations_are_linked_both_ways_with_their_titles() {
        let mut posts = vec![
            post("uk-version", "uk", Some("original"), &[]),
            post("original", "en", None, &[]),
            post("cs-version", "cs", Some("original"), &[]),
            post("alone", "en", None, &[]),
        ];
        link(&site(), &mut posts).unwrap();
        let t =
            |lang: &str, slug: &str| (lang.to_owned(), slug.to_owned(), format!("Title {slug}"));
        assert_eq!(
            linked(&posts, "original"),
            [t("cs", "cs-version"), t("uk", "uk-version")]
        );
        assert_eq!(
            linked(&posts, "uk-version"),
            [t("en", "original"), t("cs", "cs-version")]
        );
        assert_eq!(
            linked(&posts, "cs-version"),
            [t("en", "original"), t("uk", "uk-version")]
        );
        assert!(linked(&posts, "alone").is_empty());
    }

    #[test]
    fn json_lists_that_go_both_ways_are_kept_and_refreshed() {
        let mut posts = vec![post("a", "en", None, &["b"]), post("b", "cs", None, &["a"])];
        link(&site(), &mut posts).unwrap();
        assert_eq!(
            linked(&posts, "a"),
            [("cs".into(), "b".into(), "Title b".into())]
        );
    }

    #[test]
    fn a_folder_whose_links_are_wrong_is_refused_naming_the_post() {
        let (path, field, message) = refusal(vec![post("a", "en", Some("missing"), &[])]);
        assert_eq!(
            (path, field.as_str()),
            (PathBuf::from("posts/a"), "translation_of")
        );
        assert!(message.contains("\"missing\""), "{message}");

        let (path, field, message) = refusal(vec![
            post("a", "en", None, &["b", "c"]),
            post("b", "cs", None, &["a"]),
            post("c", "uk", None, &["a", "b"]),
        ]);
        assert_eq!(
            (path, field.as_str()),
            (PathBuf::from("posts/b"), "translations")
        );
        assert!(message.contains("\"c\""), "{message}");

        let (path, field, message) = refusal(vec![
            post("a", "en", None, &[]),
            post("b", "cs", Some("a"), &[]),
            post("c", "cs-CZ", Some("a"), &[]),
        ]);
        assert_eq!((path, field.as_str()), (PathBuf::from("posts/c"), "lang"));
        assert!(message.contains("\"c\" and \"b\""), "{message}");
    }
}
