//! Identical articles (same title and body) are kept once: the same story saved
//! twice, or a file reached through two paths. This is loading at once's
//! finder ([`super::load_paths`]); the reader finds copies by the content keys
//! it keeps anyway (`app::copies`), and `castlist actors` by fingerprint as
//! it streams (`commands::gather`).

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::Xxh3;

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

/// An article's identity across launches: XXH3-128 of its title and text.
/// A stable, specified hash (std's `DefaultHasher` may change between Rust
/// releases, which would forget everything); 128 bits, so that no two of a
/// lifetime's articles share one. The reader's memory keys articles by it
/// (`app::memory`).
pub type ContentKey = u128;

/// The key of `article`.
pub fn content_key(article: &Article) -> ContentKey {
    // A body kept on disk was hashed while it was at hand.
    if let Some(stored) = article.stored() {
        return stored.key;
    }
    let mut hasher = Xxh3::new();
    hasher.update(article.title().as_bytes());
    // A byte no UTF-8 text holds: "ab" + "c" and "a" + "bc" differ.
    hasher.update(&[0xff]);
    hasher.update(article.body().as_bytes());
    hasher.digest128()
}

/// The hash of an article's title and body that identifies copies: the low
/// 64 bits of its content key. Saved in the index cache, so it must not
/// change between builds (std's SipHash-based `DefaultHasher`, used before,
/// promises no such thing) — and XXH3 reads a body several times faster.
pub fn fingerprint(article: &Article) -> u64 {
    // Truncation is the point: 64 bits are enough to find copies (above).
    content_key(article) as u64
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
    fn the_fingerprint_is_the_content_keys_low_half_and_fixed() {
        let a = article("Kerry meets Lavrov", "They met in Geneva.", "a.txt");
        let key = content_key(&a);
        assert_eq!(fingerprint(&a), key as u64);
        // The title and body with a byte between them no UTF-8 text holds.
        let bytes = b"Kerry meets Lavrov\xffThey met in Geneva.";
        assert_eq!(key, xxhash_rust::xxh3::xxh3_128(bytes));
        // Saved in the index cache: a change here must bump its FORMAT.
        assert_eq!(fingerprint(&a), PINNED, "{:#018x}", fingerprint(&a));
        let moved = article("Kerry meets Lavrov", "They met in Geneva.", "b/c.txt");
        assert_eq!(
            fingerprint(&moved),
            fingerprint(&a),
            "the path is not hashed"
        );
        // The same bytes run together, cut at another place.
        let split = article("Kerry meets LavrovThey", " met in Geneva.", "a.txt");
        assert_ne!(fingerprint(&split), fingerprint(&a));
    }

    const PINNED: u64 = 0x7056_6c6b_00a8_528f;

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
