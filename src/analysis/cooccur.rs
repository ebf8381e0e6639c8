//! Who appears with whom: the actors that share sentences with an actor,
//! ranked by Dunning's log-likelihood ratio (G²) rather than by the count
//! alone — a frequent actor ("United States") shares sentences with
//! everyone, and G² asks how much more often than chance it does so.
//!
//! For actor A and a co-actor B, from A's sentences: `k`, the sentences
//! holding both; `a`, A's sentences; `b`, B's mentions (standing for its
//! sentences: an actor is seldom named twice in one); `n`, the corpus's
//! sentences, estimated as its bytes over the mean length of A's sentences.
//! Only co-actors met more often than chance, in at least [`FLOOR`]
//! sentences (one, for an actor of few sentences), are listed.
//!
//! The work is A's mentions only: each one's sentence is found by looking
//! outwards from it ([`super::sentences`]), and the mentions inside it by a
//! binary search of its article's sorted mentions.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::sentences;
use crate::cast::{ActorId, Cast, Mention};
use crate::corpus::Corpus;

/// A co-actor must share at least this many sentences to be listed.
pub const FLOOR: usize = 2;

/// A co-actor of an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct CoActor {
    pub actor: ActorId,
    /// Sentences that hold both.
    pub shared: usize,
    /// Dunning's G²: how far from chance the sharing is.
    pub score: f64,
}

/// The actors that share sentences with `actor`, most associated first.
/// Articles are read on every core: each counts its own sentences, and the
/// counts are added up.
pub fn co_actors(corpus: &Corpus, cast: &Cast, actor: ActorId) -> Vec<CoActor> {
    let mut articles: Vec<usize> = cast.mentions_of(actor).map(|(a, _)| a).collect();
    articles.dedup();
    let (sentences_of_a, bytes_of_a, shared) = articles
        .par_iter()
        .fold(
            || (0usize, 0usize, FxHashMap::<ActorId, usize>::default()),
            |(mut sentences, mut bytes, mut shared), &article| {
                let Some(art) = corpus.articles.get(article) else {
                    return (sentences, bytes, shared);
                };
                let mentions = cast.mentions_in(article);
                let mut last: Option<Range<usize>> = None;
                let mut seen: Vec<ActorId> = Vec::new();
                for m in mentions.iter().filter(|m| m.actor == actor) {
                    if last
                        .as_ref()
                        .is_some_and(|r| r.contains(&(m.start as usize)))
                    {
                        continue;
                    }
                    let range = sentences::in_article(art, m.start as usize);
                    sentences += 1;
                    bytes += range.len();
                    seen.clear();
                    for x in within(mentions, &range) {
                        if x.actor != actor && !seen.contains(&x.actor) {
                            seen.push(x.actor);
                        }
                    }
                    for &b in &seen {
                        *shared.entry(b).or_default() += 1;
                    }
                    last = Some(range);
                }
                (sentences, bytes, shared)
            },
        )
        .reduce(
            || (0, 0, FxHashMap::default()),
            |(s1, b1, mut m1), (s2, b2, m2)| {
                for (k, v) in m2 {
                    *m1.entry(k).or_default() += v;
                }
                (s1 + s2, b1 + b2, m1)
            },
        );
    if sentences_of_a == 0 {
        return Vec::new();
    }
    let total_bytes: usize = corpus
        .articles
        .iter()
        .map(|a| a.title().len() + 1 + a.body_len())
        .sum();
    let mean = (bytes_of_a as f64 / sentences_of_a as f64).max(20.0);
    let n = (total_bytes as f64 / mean).max(sentences_of_a as f64 + 1.0);
    let floor = if sentences_of_a < 10 { 1 } else { FLOOR };
    let mut found: Vec<CoActor> = shared
        .into_iter()
        .filter(|&(b, k)| {
            k >= floor
                && cast
                    .actor(b)
                    .is_some_and(|x| x.mentions > 0 && !cast.is_dismissed(b))
        })
        .filter_map(|(b, k)| {
            let mentions = cast.actor(b).map_or(0, |x| x.mentions);
            let score = g2(k, sentences_of_a, mentions.max(k), n)?;
            Some(CoActor {
                actor: b,
                shared: k,
                score,
            })
        })
        .collect();
    found.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(y.shared.cmp(&x.shared))
            // Then by name and key, not by id: ids differ between a fresh
            // cast and a saved one.
            .then_with(|| {
                let name = |a| cast.actor(a).map(|x| (x.name.as_str(), x.key.as_str()));
                name(x.actor).cmp(&name(y.actor))
            })
            .then(x.actor.cmp(&y.actor))
    });
    found
}

/// Dunning's G² for `k` sentences shared of `a` and `b` among `n`; `None`
/// when the two meet no more often than chance would have them.
pub fn g2(k: usize, a: usize, b: usize, n: f64) -> Option<f64> {
    let (k, a, b) = (k as f64, a as f64, b as f64);
    if k * n <= a * b {
        return None;
    }
    let cells = [
        (k, a, b),
        ((a - k).max(0.0), a, n - b),
        ((b - k).max(0.0), n - a, b),
        ((n - a - b + k).max(0.0), n - a, n - b),
    ];
    let mut sum = 0.0;
    for (observed, row, col) in cells {
        if observed > 0.0 && row > 0.0 && col > 0.0 {
            sum += observed * (observed * n / (row * col)).ln();
        }
    }
    Some(2.0 * sum)
}

/// Every sentence (article, document bytes) that names `actor`, once each,
/// in article order.
pub fn sentences_of<'a>(
    corpus: &'a Corpus,
    cast: &'a Cast,
    actor: ActorId,
) -> impl Iterator<Item = (usize, Range<usize>)> + 'a {
    let mut last: Option<(usize, Range<usize>)> = None;
    cast.mentions_of(actor).filter_map(move |(article, m)| {
        if let Some((a, r)) = &last
            && *a == article
            && r.contains(&(m.start as usize))
        {
            return None;
        }
        let range = sentences::in_article(corpus.articles.get(article)?, m.start as usize);
        last = Some((article, range.clone()));
        Some((article, range))
    })
}

/// The mentions of a sorted list that start inside `range`.
pub fn within<'m>(mentions: &'m [Mention], range: &Range<usize>) -> &'m [Mention] {
    let first = mentions.partition_point(|m| (m.start as usize) < range.start);
    let last = mentions.partition_point(|m| (m.start as usize) < range.end);
    &mentions[first..last.max(first)]
}

/// The sentences of `article` that name both `a` and `b`, in order.
pub fn shared_in(
    corpus: &Corpus,
    cast: &Cast,
    article: usize,
    a: ActorId,
    b: ActorId,
) -> Vec<Range<usize>> {
    let Some(art) = corpus.articles.get(article) else {
        return Vec::new();
    };
    let mentions = cast.mentions_in(article);
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in mentions.iter().filter(|m| m.actor == a) {
        if out.last().is_some_and(|r| r.contains(&(m.start as usize))) {
            continue;
        }
        let range = sentences::in_article(art, m.start as usize);
        if within(mentions, &range).iter().any(|x| x.actor == b) {
            out.push(range);
        }
    }
    out
}

/// For every article, how many of its sentences name both `a` and `b`.
pub fn shared_counts(
    corpus: &Corpus,
    cast: &Cast,
    a: ActorId,
    b: ActorId,
) -> FxHashMap<usize, usize> {
    let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
    for (article, range) in sentences_of(corpus, cast, a) {
        if within(cast.mentions_in(article), &range)
            .iter()
            .any(|m| m.actor == b)
        {
            *counts.entry(article).or_default() += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::Engine;

    #[test]
    fn g2_prefers_a_rare_partner_to_a_frequent_one_met_as_often() {
        // Met in 10 of A's 100 sentences: a partner named 12 times in all is
        // far more A's than one named 5,000 times.
        let rare = g2(10, 100, 12, 100_000.0).unwrap();
        let common = g2(10, 100, 5_000, 100_000.0).unwrap();
        assert!(rare > common, "{rare} {common}");
        assert_eq!(g2(1, 100, 5_000, 100_000.0), None, "less than chance");
    }

    #[test]
    fn co_actors_share_sentences() {
        let corpus = crate::corpus::bundled();
        let cast = Cast::build(&Engine::builtin(), &corpus.articles);
        let kerry = cast.find("John Kerry").unwrap();
        let with = co_actors(&corpus, &cast, kerry);
        assert!(!with.is_empty());
        let names: Vec<&str> = with
            .iter()
            .map(|c| cast.actor(c.actor).unwrap().name.as_str())
            .collect();
        let lavrov = cast.find("Lavrov").unwrap();
        assert!(with.iter().any(|c| c.actor == lavrov), "{names:?}");
        assert!(with.windows(2).all(|w| w[0].score >= w[1].score));
        // Every count is a sentence that holds both.
        let shared = with.iter().find(|c| c.actor == lavrov).unwrap().shared;
        let counted: usize = shared_counts(&corpus, &cast, kerry, lavrov).values().sum();
        assert_eq!(shared, counted);
        let listed: usize = (0..corpus.articles.len())
            .map(|a| shared_in(&corpus, &cast, a, kerry, lavrov).len())
            .sum();
        assert_eq!(listed, counted);
    }
}
