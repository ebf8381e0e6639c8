//! Identical articles (same title and body) are kept once: the same story saved
//! twice, or a file reached through two paths. This is loading at once's
//! finder ([`super::load_paths`]); the reader finds copies by the content keys
//! it keeps anyway (`app::copies`), and `castlist actors` by fingerprint as
//! it streams (`commands::gather`).

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use super::{Article, Warning};

/// Remembers the articles seen so far by a hash of title and body. A 64-bit hash
/// is enough: among a million articles the chance of one false match is about
/// 1 in 36 million.
#[derive(Debug, Default)]
pub struct Dedup {
    /// The id of the copy kept of each article: 16 bytes an article (there
    /// is one per article). Where it came from is the kept article's own
    /// origin, asked of the articles kept when a copy turns up.
    seen: FxHashMap<u64, usize>,
}

impl Dedup {
    /// `None` the first time an article is seen (it is remembered with its
    /// `id`); for a copy, a warning naming the copy and the first one, found
    /// by its id in `kept`.
    pub fn check(&mut self, article: &Article, kept: &[Article]) -> Option<Warning> {
        let key = fingerprint(article);
        match self.seen.get(&key) {
            Some(&first) => {
                let first = kept.get(first).map_or_else(
                    || "an earlier article".to_string(),
                    |a| a.origin.to_string(),
                );
                Some(Warning {
                    origin: article.origin.clone(),
                    message: format!("same title and text as {first}; skipped"),
                })
            }
            None => {
                self.seen.insert(key, article.id());
                None
            }
        }
    }
}

/// The hash of an article's title and body that identifies copies.
pub fn fingerprint(article: &Article) -> u64 {
    // DefaultHasher::new() has fixed keys, so the hash is the same every run.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    article.title().hash(&mut hasher);
    article.body().hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::Origin;

    fn article(title: &str, body: &str, path: &str) -> Article {
        let mut article = Article::new(title, body);
        article.origin = Origin::file(path);
        article
    }

    #[test]
    fn second_copy_is_reported() {
        let mut dedup = Dedup::default();
        let mut kept = Vec::new();
        for (title, body, path) in [
            ("T", "B", "a.txt"),
            ("T", "B2", "b.txt"),
            ("T2", "B", "c.txt"),
        ] {
            let mut a = article(title, body, path);
            a.set_id(kept.len());
            assert!(dedup.check(&a, &kept).is_none());
            kept.push(a);
        }
        let warning = dedup
            .check(&article("T", "B", "d.txt"), &kept)
            .expect("a duplicate");
        assert_eq!(
            warning.to_string(),
            "d.txt: same title and text as a.txt; skipped"
        );
    }
}
