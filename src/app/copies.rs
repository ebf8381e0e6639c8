//! Identical copies among arriving articles (same title and text: the same
//! story saved twice, or a file reached through two paths): which kept
//! article an arriving one copies.
//!
//! Articles are known by their content key (`memory::content_key`), made
//! from the kept articles themselves: the table holds only ids, hashed and
//! compared through the keys of the articles they name. One slot costs 5
//! bytes (a `u32` and a control byte) where a map from key to id would cost
//! 25, and there is one per article for the whole run. Keys are made again
//! when the table grows (a hash of each kept text, or the key a body kept on
//! disk was stored with), which costs about as much as hashing the arriving
//! texts once more.

use hashbrown::HashTable;

use super::memory::{ContentKey, content_key};
use crate::corpus::Article;

#[derive(Debug, Default)]
pub(super) struct Copies {
    /// Article ids, hashed by their keys.
    table: HashTable<u32>,
}

/// The table's hash of a key: its low bits (XXH3 is well mixed throughout).
fn hash(key: ContentKey) -> u64 {
    key as u64
}

/// The key of kept article `id` (ids in the table are always kept).
fn key_of(articles: &[Article], id: u32) -> Option<ContentKey> {
    articles.get(id as usize).map(content_key)
}

impl Copies {
    /// The id of the kept article with `key`, if there is one; `articles`
    /// are the kept articles, by id.
    pub(super) fn find(&self, key: ContentKey, articles: &[Article]) -> Option<usize> {
        self.table
            .find(hash(key), |&id| key_of(articles, id) == Some(key))
            .map(|&id| id as usize)
    }

    /// Takes in kept article `id`, which is `articles[id]`. An id past
    /// `u32::MAX` (4 billion articles, a terabyte of memory at the least) is
    /// not taken in: its copies would be kept as articles of their own.
    pub(super) fn insert(&mut self, id: usize, articles: &[Article]) {
        let Ok(id) = u32::try_from(id) else {
            return;
        };
        let Some(key) = key_of(articles, id) else {
            return;
        };
        self.table.insert_unique(hash(key), id, |&other| {
            key_of(articles, other).map_or(0, hash)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_articles_are_found_by_key_and_only_by_key() {
        let mut copies = Copies::default();
        let articles: Vec<Article> = (0..1000)
            .map(|i| Article::new(&format!("Story {i}"), &format!("Text {}.", i % 7)))
            .collect();
        for id in 0..articles.len() {
            let key = content_key(&articles[id]);
            assert_eq!(copies.find(key, &articles), None);
            copies.insert(id, &articles);
        }
        for (id, article) in articles.iter().enumerate() {
            assert_eq!(copies.find(content_key(article), &articles), Some(id));
            let copy = Article::new(article.title(), article.body());
            assert_eq!(copies.find(content_key(&copy), &articles), Some(id));
        }
        let other = Article::new("Story 5", "Text 6.");
        assert_eq!(copies.find(content_key(&other), &articles), None);
    }
}
