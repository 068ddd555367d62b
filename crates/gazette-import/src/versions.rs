//! A CMS's posts linked as versions of one another: posts that share a key
//! of [`Mapped::version_keys`](crate::cms::Mapped) are one post in several
//! languages, and each is written with all the others as its
//! `translations`, so that the folder's links go both ways.

use std::collections::HashMap;

use gazette_api::{languages::primary, Article, Translation};
use gazette_content::translations::Groups;

/// Writes each article's `translations` from the keys it shares with
/// others. A second version in a language a group already has is left out
/// of the group, and said in the notes returned.
pub fn link(posts: &mut [(Article, Vec<String>)]) -> Vec<String> {
    // Posts that share a key are one group: each joins the first post that
    // had the key.
    let mut groups = Groups::new(posts.len());
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    for (index, (_, keys)) in posts.iter().enumerate() {
        for key in keys {
            let first = *first_with.entry(key.as_str()).or_insert(index);
            groups.join(first, index);
        }
    }
    let mut notes = Vec::new();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for index in 0..posts.len() {
        let list = members.entry(groups.root(index)).or_default();
        let language = primary(&posts[index].0.summary.lang);
        match list
            .iter()
            .find(|&&other| primary(&posts[other].0.summary.lang) == language)
        {
            Some(&other) => notes.push(format!(
                "{} is not linked to its translations: {} is already their version in {language}",
                posts[index].0.summary.slug, posts[other].0.summary.slug
            )),
            None => list.push(index),
        }
    }
    for list in members.values() {
        for &index in list {
            let translations: Vec<Translation> = list
                .iter()
                .filter(|&&other| other != index)
                .map(|&other| {
                    let summary = &posts[other].0.summary;
                    Translation {
                        lang: summary.lang.clone(),
                        slug: summary.slug.clone(),
                        title: summary.title.clone(),
                    }
                })
                .collect();
            posts[index].0.translations = translations;
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(slug: &str, lang: &str, keys: &[&str]) -> (Article, Vec<String>) {
        let article = serde_json::from_value(serde_json::json!({
            "slug": slug, "title": slug, "author": {"name": "A"}, "lang": lang,
            "published_at": "2024-05-22T09:00:00Z", "body": [],
        }))
        .unwrap();
        (article, keys.iter().map(|key| key.to_string()).collect())
    }

    fn linked(posts: &[(Article, Vec<String>)], index: usize) -> Vec<&str> {
        posts[index]
            .0
            .translations
            .iter()
            .map(|t| t.slug.as_str())
            .collect()
    }

    #[test]
    fn posts_sharing_a_key_through_another_are_one_group() {
        // `c` shares a key with `a` and another with `b`, which share none.
        let mut posts = vec![
            post("a", "en", &["x"]),
            post("b", "cs", &["y"]),
            post("c", "uk", &["x", "y"]),
        ];
        assert!(link(&mut posts).is_empty());
        assert_eq!(linked(&posts, 0), ["b", "c"]);
        assert_eq!(linked(&posts, 1), ["a", "c"]);
        assert_eq!(linked(&posts, 2), ["a", "b"]);
    }

    #[test]
    fn a_second_version_in_one_language_is_left_alone_and_said() {
        let mut posts = vec![
            post("a", "en", &["x"]),
            post("b", "cs", &["x"]),
            post("c", "cs", &["x"]),
        ];
        let notes = link(&mut posts);
        assert_eq!(
            notes,
            ["c is not linked to its translations: b is already their version in cs"]
        );
        assert_eq!(linked(&posts, 0), ["b"]);
        assert!(linked(&posts, 2).is_empty());
    }
}
