//! Identical articles (same title and body) are kept once: the same story saved
//! twice, or a file reached through two paths.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use super::{Article, Origin, Warning};

/// Remembers the articles seen so far by a hash of title and body. A 64-bit hash
/// is enough: among a million articles the chance of one false match is about
/// 1 in 36 million.
#[derive(Debug, Default)]
pub struct Dedup {
    /// The copy kept of each article, compact because there is one per
    /// article: where it came from, and its id.
    seen: FxHashMap<u64, Seen>,
}

/// Where the kept copy came from: its shared path, line and record (0 for
/// none), and its id.
#[derive(Debug, Clone)]
struct Seen {
    path: std::sync::Arc<str>,
    line: u32,
    record: u32,
    id: usize,
}

impl Seen {
    fn new(origin: &Origin, id: usize) -> Seen {
        let small = |n: Option<usize>| n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
        Seen {
            path: origin.path.clone(),
            line: small(origin.line),
            record: small(origin.record),
            id,
        }
    }

    fn origin(&self) -> Origin {
        Origin {
            path: self.path.clone(),
            line: (self.line > 0).then_some(self.line as usize),
            record: (self.record > 0).then_some(self.record as usize),
        }
    }
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
            Some(first) => Some(Warning {
                origin: article.origin.clone(),
                message: format!("same title and text as {}; skipped", first.origin()),
            }),
            None => {
                self.seen
                    .insert(key, Seen::new(&article.origin, article.id));
                None
            }
        }
    }

    /// The id of the copy kept of article `key`, if one was.
    pub fn kept(&self, key: u64) -> Option<usize> {
        self.seen.get(&key).map(|seen| seen.id)
    }

    /// Makes `origin` the copy that later copies of article `key` are reported
    /// against (the indexer keeps the copy first in load order, whichever
    /// arrived first); its id stays.
    pub fn set_first(&mut self, key: u64, origin: Origin) {
        if let Some(seen) = self.seen.get_mut(&key) {
            *seen = Seen::new(&origin, seen.id);
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
