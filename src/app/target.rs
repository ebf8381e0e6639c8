//! The current target: the active actor or the active search — one at a time —
//! and every place in the corpus it occurs, in list order, so that `n` / `N` are a
//! binary search rather than a scan.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::cast::{ActorId, Cast};
use crate::corpus::Corpus;

/// What the reader is following.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    Actor(ActorId),
    Search(String),
}

/// One occurrence of the target: bytes of an article's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    pub range: Range<usize>,
}

/// The target and its hits, sorted by (list position of the article, start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub kind: TargetKind,
    pub hits: Vec<Hit>,
    /// The hit the reader is on, if it has jumped to one.
    pub current: Option<usize>,
    /// Hits per article id.
    pub per_article: HashMap<usize, usize>,
    /// For each hit, the rank (1-based) of its article among the articles with
    /// hits, in list order: "article 2 of 5" without a scan per frame.
    article_rank: Vec<usize>,
}

/// A place in list order: (list position of the article, byte in its body).
pub type Place = (usize, usize);

impl Target {
    /// Every mention of `actor`; `position[article]` is the article's place in the list.
    pub fn actor(cast: &Cast, actor: ActorId, position: &[usize]) -> Target {
        let hits = cast
            .mentions_of(actor)
            .map(|(article, m)| Hit {
                article,
                range: m.range(),
            })
            .collect();
        Target::new(TargetKind::Actor(actor), hits, position)
    }

    /// Every match of `query` in the corpus bodies: case-insensitive unless the
    /// query holds a capital letter (vim's smartcase).
    pub fn search(corpus: &Corpus, query: &str, position: &[usize]) -> Target {
        let mut hits = Vec::new();
        if let Some(matcher) = matcher(query) {
            for article in &corpus.articles {
                for m in matcher.find_iter(&article.body) {
                    hits.push(Hit {
                        article: article.id,
                        range: m.start()..m.end(),
                    });
                }
            }
        }
        Target::new(TargetKind::Search(query.to_string()), hits, position)
    }

    fn new(kind: TargetKind, mut hits: Vec<Hit>, position: &[usize]) -> Target {
        let mut target = Target {
            kind,
            hits: Vec::new(),
            current: None,
            per_article: HashMap::new(),
            article_rank: Vec::new(),
        };
        // Articles missing from `position` (filtered out) sort last and are skipped
        // by navigation.
        hits.retain(|h| position.get(h.article).is_some());
        for hit in &hits {
            *target.per_article.entry(hit.article).or_default() += 1;
        }
        target.hits = hits;
        target.reorder(position);
        target
    }

    /// Re-sorts the hits after the article order changed, keeping the current hit.
    pub fn reorder(&mut self, position: &[usize]) {
        let current = self.current.and_then(|i| self.hits.get(i).cloned());
        self.hits.sort_by_key(|h| key(h, position));
        self.current = current.and_then(|c| self.hits.iter().position(|h| *h == c));
        let mut rank = 0;
        self.article_rank = (0..self.hits.len())
            .map(|i| {
                if i == 0 || self.hits[i - 1].article != self.hits[i].article {
                    rank += 1;
                }
                rank
            })
            .collect();
    }

    /// The rank of hit `i`'s article among the articles with hits (1-based).
    pub fn article_rank(&self, i: usize) -> usize {
        self.article_rank.get(i).copied().unwrap_or(0)
    }

    #[cfg(test)]
    fn place(&self, i: usize, position: &[usize]) -> Place {
        key(&self.hits[i], position)
    }

    /// The first hit at or after `from`, wrapping around to the first hit.
    pub fn first_from(&self, from: Place, position: &[usize]) -> Option<usize> {
        if self.hits.is_empty() {
            return None;
        }
        let i = self.partition(position, |p| p < from);
        Some(if i < self.hits.len() { i } else { 0 })
    }

    /// The first hit strictly after `from`, wrapping around.
    pub fn next_after(&self, from: Place, position: &[usize]) -> Option<usize> {
        if self.hits.is_empty() {
            return None;
        }
        let i = self.partition(position, |p| p <= from);
        Some(if i < self.hits.len() { i } else { 0 })
    }

    /// The last hit strictly before `from`, wrapping around to the last hit.
    pub fn prev_before(&self, from: Place, position: &[usize]) -> Option<usize> {
        if self.hits.is_empty() {
            return None;
        }
        let i = self.partition(position, |p| p < from);
        Some(if i > 0 { i - 1 } else { self.hits.len() - 1 })
    }

    fn partition(&self, position: &[usize], below: impl Fn(Place) -> bool) -> usize {
        self.hits.partition_point(|h| below(key(h, position)))
    }

    /// How many distinct articles hold a hit.
    pub fn article_count(&self) -> usize {
        self.per_article.len()
    }

    /// Hits within one article, in body order.
    pub fn in_article(&self, article: usize) -> impl Iterator<Item = (usize, &Hit)> {
        self.hits
            .iter()
            .enumerate()
            .filter(move |(_, h)| h.article == article)
    }
}

fn key(hit: &Hit, position: &[usize]) -> Place {
    (
        position.get(hit.article).copied().unwrap_or(usize::MAX),
        hit.range.start,
    )
}

fn matcher(query: &str) -> Option<AhoCorasick> {
    if query.is_empty() {
        return None;
    }
    let smart_case = !query.chars().any(char::is_uppercase);
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(smart_case)
        .match_kind(MatchKind::LeftmostFirst)
        .build([query])
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Corpus};

    fn corpus(bodies: &[&str]) -> Corpus {
        let articles = bodies
            .iter()
            .enumerate()
            .map(|(id, b)| Article {
                id,
                body: b.to_string(),
                ..Article::default()
            })
            .collect();
        Corpus {
            articles,
            warnings: vec![],
        }
    }

    #[test]
    fn search_is_smart_case() {
        let c = corpus(&["Truce and truce and TRUCE"]);
        let pos = [0];
        assert_eq!(Target::search(&c, "truce", &pos).hits.len(), 3);
        assert_eq!(Target::search(&c, "Truce", &pos).hits.len(), 1);
        assert_eq!(Target::search(&c, "", &pos).hits.len(), 0);
    }

    #[test]
    fn navigation_follows_list_order_and_wraps() {
        let c = corpus(&["x a", "a a", "none", "a"]);
        // List order: article 3 first, then 0, 1, 2.
        let pos = [1, 2, 3, 0];
        let t = Target::search(&c, "a", &pos);
        let order: Vec<usize> = t.hits.iter().map(|h| h.article).collect();
        assert_eq!(order, [3, 0, 1, 1]);
        assert_eq!(t.per_article[&1], 2);
        assert_eq!(t.article_count(), 3);
        // From the last hit, next wraps to the first; before the first, prev wraps to the last.
        let last = t.place(3, &pos);
        assert_eq!(t.next_after(last, &pos), Some(0));
        assert_eq!(t.prev_before((0, 0), &pos), Some(3));
        // From the start of article 2 (position 3, no hits) the next is the wrap.
        assert_eq!(t.first_from((3, 0), &pos), Some(0));
        assert_eq!(t.first_from((2, 0), &pos), Some(2));
    }

    #[test]
    fn reorder_keeps_the_current_hit() {
        let c = corpus(&["a", "a"]);
        let mut t = Target::search(&c, "a", &[0, 1]);
        t.current = Some(1);
        assert_eq!(t.hits[1].article, 1);
        t.reorder(&[1, 0]);
        assert_eq!(t.hits[0].article, 1);
        assert_eq!(t.current, Some(0));
    }
}
