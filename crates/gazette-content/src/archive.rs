//! Tags and authors, each with the posts that carry it: what their pages,
//! `GET /tags`, `GET /authors` and `GET /posts?tag=…` read. Built once when
//! the content is loaded.

use std::collections::HashMap;

use gazette_api::{slug::slug_of, Term, Terms};

/// Which posts a list holds: the root's (every post once, in the site's
/// language when it has a version in it), one edition's (the posts in its
/// language), or those of one tag or one author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter<'a> {
    All,
    Edition(&'a str),
    Tag(&'a str),
    Author(&'a str),
}

/// What `terms.json` says of a tag or an author.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct About {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<gazette_api::Image>,
}

impl About {
    pub fn is_empty(&self) -> bool {
        self.description.is_none() && self.image.is_none()
    }
}

/// `terms.json`: descriptions and pictures of tags and authors, each named
/// by its name or its slug. Written by `import`, edited by the owner.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TermsFile {
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, About>,
    #[serde(default)]
    pub authors: std::collections::BTreeMap<String, About>,
}

impl TermsFile {
    /// Adds what `other` says of names this file says nothing of: what an
    /// owner wrote stays.
    pub fn add_new(&mut self, other: TermsFile) {
        for (mine, theirs) in [
            (&mut self.tags, other.tags),
            (&mut self.authors, other.authors),
        ] {
            for (name, about) in theirs {
                if !about.is_empty() {
                    mine.entry(name).or_insert(about);
                }
            }
        }
    }
}

/// The file's name in the content folder.
pub const TERMS_FILE: &str = "terms.json";

/// The tags or the authors of the posts, by slug.
#[derive(Default)]
pub(crate) struct Index {
    terms: Vec<Entry>,
    by_slug: HashMap<String, usize>,
}

struct Entry {
    term: Term,
    /// The posts that carry it, as indices into the posts newest first.
    posts: Vec<usize>,
}

impl Index {
    /// Adds post number `post` (posts are added newest first) under `name`.
    /// Names whose slugs are the same (`Prague`, `prague`) are one term, named
    /// as the newest post names it; a name with no slug (`🎉`) has no page.
    pub(crate) fn add(&mut self, name: &str, post: usize) {
        let Some(slug) = slug_of(name) else {
            return;
        };
        let next = self.terms.len();
        let at = *self.by_slug.entry(slug.clone()).or_insert(next);
        if at == next {
            self.terms.push(Entry {
                term: Term {
                    slug,
                    name: name.trim().to_owned(),
                    description: None,
                    image: None,
                    post_count: 0,
                },
                posts: Vec::new(),
            });
        }
        let entry = &mut self.terms[at];
        if entry.posts.last() != Some(&post) {
            entry.posts.push(post);
            entry.term.post_count += 1;
        }
    }

    /// Gives the term of `slug` its description and picture; `None` when no
    /// post carries it.
    pub(crate) fn describe(&mut self, slug: &str, about: About) -> Option<&Term> {
        let entry = &mut self.terms[*self.by_slug.get(slug)?];
        entry.term.description = about.description.filter(|text| !text.trim().is_empty());
        entry.term.image = about.image;
        Some(&entry.term)
    }

    pub(crate) fn term(&self, slug: &str) -> Option<&Term> {
        self.by_slug.get(slug).map(|&at| &self.terms[at].term)
    }

    /// Its posts, as indices newest first.
    pub(crate) fn posts(&self, slug: &str) -> Option<&[usize]> {
        self.by_slug
            .get(slug)
            .map(|&at| self.terms[at].posts.as_slice())
    }

    /// Every term, by name (case aside), then by slug.
    pub(crate) fn all(&self) -> Terms {
        let mut items: Vec<Term> = self.terms.iter().map(|entry| entry.term.clone()).collect();
        items.sort_by_cached_key(|term| (term.name.to_lowercase(), term.slug.clone()));
        Terms { items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_one_slug_are_one_term_with_their_posts_newest_first() {
        let mut index = Index::default();
        index.add("Velvyslanectví", 0);
        index.add("Events", 0);
        index.add("velvyslanectvi", 2);
        index.add("Velvyslanectví", 2);
        index.add("🎉", 3);
        index.add("Události", 3);
        let embassies = index.term("velvyslanectvi").unwrap();
        assert_eq!(
            (embassies.name.as_str(), embassies.post_count),
            ("Velvyslanectví", 2)
        );
        assert_eq!(index.posts("velvyslanectvi"), Some(&[0, 2][..]));
        assert_eq!(index.posts("nothing"), None);
        let names: Vec<String> = index
            .all()
            .items
            .into_iter()
            .map(|term| term.name)
            .collect();
        assert_eq!(names, ["Events", "Události", "Velvyslanectví"]);
    }
}
