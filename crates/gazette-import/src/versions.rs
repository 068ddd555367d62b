//! A CMS's posts linked as versions of one another: posts that share a key
//! of [`Mapped::version_keys`](crate::cms::Mapped) are one post in several
//! languages, and each is written with all the others as its
//! `translations`, so that the folder's links go both ways.

use std::collections::HashMap;

use gazette_api::{languages::primary, Article, Translation};

/// Writes each article's `translations` from the keys it shares with
/// others. A second version in a language a group already has is left out
/// of the group, and said in the notes returned.
pub fn link(posts: &mut [(Article, Vec<String>)]) -> Vec<String> {
    let mut group_of_key: HashMap<&str, usize> = HashMap::new();
    let mut group_of_post: Vec<usize> = (0..posts.len()).collect();
    for (index, (_, keys)) in posts.iter().enumerate() {
        // The first post that has a key names the group.
        let group = keys
            .iter()
            .find_map(|key| group_of_key.get(key.as_str()).copied())
            .unwrap_or(index);
        group_of_post[index] = group;
        for key in keys {
            group_of_key.entry(key.as_str()).or_insert(group);
        }
    }
    let mut notes = Vec::new();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (index, &group) in group_of_post.iter().enumerate() {
        let list = members.entry(group).or_default();
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
