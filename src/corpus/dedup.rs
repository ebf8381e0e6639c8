//! Identical articles (same title and body) are kept once: the same story saved
//! twice, or a file reached through two paths.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::{Article, Origin, Warning};

/// Remembers the articles seen so far by a hash of title and body. A 64-bit hash
/// is enough: among a million articles the chance of one false match is about
/// 1 in 36 million.
#[derive(Debug, Default)]
pub struct Dedup {
    /// The copy kept of each article: where it came from, and its id.
    seen: HashMap<u64, (Origin, usize)>,
}

impl Dedup {
    /// `None` the first time an article is seen (it is remembered with its
    /// `id`); for a copy, a warning naming the copy and the first one.
    pub fn check(&mut self, article: &Article) -> Option<Warning> {
        self.check_fingerprint(fingerprint(article), article)
    }

    /// [`Dedup::check`] with the fingerprint already computed (on the thread
    /// that read the article, so the one that keeps the corpus need not hash
    /// every body).
    pub fn check_fingerprint(&mut self, key: u64, article: &Article) -> Option<Warning> {
        match self.seen.get(&key) {
            Some((first, _)) => Some(Warning {
                origin: article.origin.clone(),
                message: format!("same title and text as {first}; skipped"),
            }),
            None => {
                self.seen.insert(key, (article.origin.clone(), article.id));
                None
            }
        }
    }

    /// The id of the copy kept of article `key`, if one was.
    pub fn kept(&self, key: u64) -> Option<usize> {
        self.seen.get(&key).map(|&(_, id)| id)
    }

    /// Makes `origin` the copy that later copies of article `key` are reported
    /// against (the indexer keeps the copy first in load order, whichever
    /// arrived first); its id stays.
    pub fn set_first(&mut self, key: u64, origin: Origin) {
        if let Some(seen) = self.seen.get_mut(&key) {
            seen.0 = origin;
        }
    }
}

/// The hash of an article's title and body that identifies copies.
pub fn fingerprint(article: &Article) -> u64 {
    // DefaultHasher::new() has fixed keys, so the hash is the same every run.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    article.title.hash(&mut hasher);
    article.body.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str, path: &str) -> Article {
        Article {
            title: title.into(),
            body: body.into(),
            origin: Origin::file(path),
            ..Article::default()
        }
    }

    #[test]
    fn second_copy_is_reported() {
        let mut dedup = Dedup::default();
        assert!(dedup.check(&article("T", "B", "a.txt")).is_none());
        assert!(dedup.check(&article("T", "B2", "b.txt")).is_none());
        assert!(dedup.check(&article("T2", "B", "c.txt")).is_none());
        let warning = dedup
            .check(&article("T", "B", "d.txt"))
            .expect("a duplicate");
        assert_eq!(
            warning.to_string(),
            "d.txt: same title and text as a.txt; skipped"
        );
    }
}
