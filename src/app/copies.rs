//! Identical copies among arriving articles (same title and text: the same
//! story saved twice, or a file reached through two paths): which kept
//! article an arriving one copies.
//!
//! Articles are known by their content key (`memory::content_key`), which
//! the app keeps for every article anyway (`Remembering`): the table holds
//! only ids, hashed and compared through those keys. One slot costs 5 bytes
//! (a `u32` and a control byte) where a map from key to id would cost 25, and
//! there is one per article for the whole run.

use hashbrown::HashTable;

use super::memory::ContentKey;

#[derive(Debug, Default)]
pub(super) struct Copies {
    /// Article ids, hashed by their keys.
    table: HashTable<u32>,
}

/// The table's hash of a key: its low bits (XXH3 is well mixed throughout).
fn hash(key: ContentKey) -> u64 {
    key as u64
}

/// The key of article `id` (ids in the table always have one).
fn key_of(keys: &[ContentKey], id: u32) -> ContentKey {
    keys.get(id as usize).copied().unwrap_or_default()
}

impl Copies {
    /// The id of the kept article with `key`, if there is one; `keys` are
    /// the kept articles' keys, by id.
    pub(super) fn find(&self, key: ContentKey, keys: &[ContentKey]) -> Option<usize> {
        self.table
            .find(hash(key), |&id| key_of(keys, id) == key)
            .map(|&id| id as usize)
    }

    /// Takes in kept article `id`, whose key is `keys[id]`. An id past
    /// `u32::MAX` (4 billion articles, a terabyte of memory at the least) is
    /// not taken in: its copies would be kept as articles of their own.
    pub(super) fn insert(&mut self, id: usize, keys: &[ContentKey]) {
        let Ok(id) = u32::try_from(id) else {
            return;
        };
        let key = key_of(keys, id);
        self.table
            .insert_unique(hash(key), id, |&other| hash(key_of(keys, other)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_articles_are_found_by_key_and_only_by_key() {
        let mut copies = Copies::default();
        // Keys that share their low bits (the hash) still differ.
        let keys: Vec<ContentKey> = (0..1000u128).map(|i| (i << 64) | (i % 7)).collect();
        for id in 0..keys.len() {
            assert_eq!(copies.find(keys[id], &keys), None);
            copies.insert(id, &keys);
        }
        for (id, &key) in keys.iter().enumerate() {
            assert_eq!(copies.find(key, &keys), Some(id));
        }
        assert_eq!(copies.find(5 << 64, &keys), None);
    }
}
