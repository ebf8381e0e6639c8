//! Scoring the engine against human-annotated data: entity-level exact-match
//! precision, recall and F1 (CoNLL-2003), and pairwise merge precision, recall and
//! F1 over mentions of one document (AIDA CoNLL-YAGO). Pure counting, so the
//! evaluation command (`examples/eval.rs`) stays a thin shell over it.

use std::collections::HashSet;

use super::conll::Entity;

/// True positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Exact-match counts per type (index 0..4 = PER, ORG, LOC, MISC) for one document.
pub fn score_entities(gold: &[Entity], predicted: &[Entity]) -> [Counts; 4] {
    let mut out = [Counts::default(); 4];
    let gold_set: HashSet<&Entity> = gold.iter().collect();
    let pred_set: HashSet<&Entity> = predicted.iter().collect();
    for p in &pred_set {
        let Some(c) = out.get_mut(p.ty as usize - 1) else {
            continue;
        };
        if gold_set.contains(*p) {
            c.tp += 1;
        } else {
            c.fp += 1;
        }
    }
    for g in &gold_set {
        if let Some(c) = out.get_mut(g.ty as usize - 1)
            && !pred_set.contains(*g)
        {
            c.fn_ += 1;
        }
    }
    out
}

/// The PER+ORG+LOC total of per-type counts.
pub fn core(counts: &[Counts; 4]) -> Counts {
    let mut c = Counts::default();
    for x in &counts[..3] {
        c.add(*x);
    }
    c
}

/// Pairwise merge counts for one document, plus alias-pair figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairCounts {
    pub pairs: Counts,
    /// Pairs of one gold entity whose surface texts differ ("Kerry" / "John Kerry").
    pub alias_pairs: usize,
    /// Of those, how many castlist put in one actor.
    pub alias_merged: usize,
}

impl PairCounts {
    pub fn add(&mut self, o: PairCounts) {
        self.pairs.add(o.pairs);
        self.alias_pairs += o.alias_pairs;
        self.alias_merged += o.alias_merged;
    }

    pub fn alias_share(&self) -> f64 {
        ratio(self.alias_merged, self.alias_pairs)
    }
}

/// One mention to score: its text, its gold entity and castlist's actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked<'a> {
    pub text: &'a str,
    pub gold: &'a str,
    pub actor: usize,
}

/// Pairwise counts over the mentions of one document: a pair is gold-positive
/// when both name one entity, predicted-positive when castlist gave both one actor.
pub fn score_pairs(mentions: &[Linked<'_>]) -> PairCounts {
    let mut out = PairCounts::default();
    for (i, a) in mentions.iter().enumerate() {
        for b in &mentions[i + 1..] {
            let gold = a.gold == b.gold;
            let pred = a.actor == b.actor;
            match (gold, pred) {
                (true, true) => out.pairs.tp += 1,
                (false, true) => out.pairs.fp += 1,
                (true, false) => out.pairs.fn_ += 1,
                (false, false) => {}
            }
            if gold && a.text != b.text {
                out.alias_pairs += 1;
                out.alias_merged += pred as usize;
            }
        }
    }
    out
}

/// Scores of a clustering of mentions against gold entities (see
/// [`score_clusters`]). Percentages.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ClusterScores {
    /// Mentions scored.
    pub mentions: usize,
    /// Pairwise: a pair is gold-positive when both mentions name one entity,
    /// predicted-positive when both are in one cluster.
    pub pairs: Counts,
    pub bcubed_p: f64,
    pub bcubed_r: f64,
    /// Pairs of one entity with different texts, and how many are merged.
    pub alias_pairs: usize,
    pub alias_merged: usize,
    /// Pairs with the same text naming different entities, and how many are
    /// (wrongly) merged.
    pub homonym_pairs: usize,
    pub homonym_merged: usize,
}

impl ClusterScores {
    pub fn bcubed_f1(&self) -> f64 {
        let (p, r) = (self.bcubed_p, self.bcubed_r);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pairs(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

/// One pooled mention: its text, its gold entity and its predicted cluster.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pooled<'a> {
    pub text: &'a str,
    pub gold: &'a str,
    pub cluster: u64,
}

/// Pairwise and B-cubed scores of predicted clusters against gold entities
/// over mentions pooled from any number of documents. Counts pairs through
/// cell sizes (a mention pool of a whole split has millions of pairs).
pub fn score_clusters(items: &[Pooled<'_>]) -> ClusterScores {
    use std::collections::HashMap;
    fn count<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> HashMap<K, usize> {
        let mut m = HashMap::new();
        for k in keys {
            *m.entry(k).or_insert(0) += 1;
        }
        m
    }
    fn sum<K>(m: &HashMap<K, usize>) -> usize {
        m.values().map(|&n| pairs(n)).sum()
    }
    let gold = count(items.iter().map(|i| i.gold));
    let pred = count(items.iter().map(|i| i.cluster));
    let both = count(items.iter().map(|i| (i.gold, i.cluster)));
    let gold_text = count(items.iter().map(|i| (i.gold, i.text)));
    let both_text = count(items.iter().map(|i| (i.gold, i.cluster, i.text)));
    let text = count(items.iter().map(|i| i.text));
    let text_pred = count(items.iter().map(|i| (i.text, i.cluster)));
    let (g, p, b) = (sum(&gold), sum(&pred), sum(&both));
    let mut out = ClusterScores {
        mentions: items.len(),
        pairs: Counts {
            tp: b,
            fp: p - b,
            fn_: g - b,
        },
        alias_pairs: g - sum(&gold_text),
        alias_merged: b - sum(&both_text),
        homonym_pairs: sum(&text) - sum(&gold_text),
        homonym_merged: sum(&text_pred) - sum(&both_text),
        ..ClusterScores::default()
    };
    if !items.is_empty() {
        let (mut bp, mut br) = (0.0, 0.0);
        for i in items {
            let overlap = both[&(i.gold, i.cluster)] as f64;
            bp += overlap / pred[&i.cluster] as f64;
            br += overlap / gold[&i.gold] as f64;
        }
        out.bcubed_p = 100.0 * bp / items.len() as f64;
        out.bcubed_r = 100.0 * br / items.len() as f64;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(start: usize, end: usize, ty: u8) -> Entity {
        Entity { start, end, ty }
    }

    #[test]
    fn exact_match_needs_span_and_type() {
        let gold = [e(0, 5, 1), e(10, 15, 3), e(20, 25, 4)];
        let pred = [e(0, 5, 1), e(10, 15, 2), e(30, 31, 3)];
        let c = score_entities(&gold, &pred);
        assert_eq!(
            c[0],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            c[1],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            c[2],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            c[3],
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        let all = core(&c);
        assert_eq!(
            all,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        assert!((all.precision() - 100.0 / 3.0).abs() < 1e-9);
        assert!((all.recall() - 50.0).abs() < 1e-9);
        assert!((all.f1() - 40.0).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn pairs_and_alias_pairs() {
        let m = |text, gold, actor| Linked { text, gold, actor };
        // John Kerry, Kerry, Kerry (one entity); Lavrov (another) merged wrongly with Kerry.
        let ms = [
            m("John Kerry", "Q1", 0),
            m("Kerry", "Q1", 0),
            m("Kerry", "Q1", 1),
            m("Lavrov", "Q2", 1),
        ];
        let c = score_pairs(&ms);
        assert_eq!(
            c.pairs,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 2
            }
        );
        assert_eq!((c.alias_pairs, c.alias_merged), (2, 1));
        assert!((c.alias_share() - 50.0).abs() < 1e-9);
    }

    #[test]
    fn cluster_scores_count_pairs_through_cells() {
        let m = |text, gold, cluster| Pooled {
            text,
            gold,
            cluster,
        };
        // Gold: {a1 a2 a3} {b1}; predicted {a1 a2} {a3 b1}; texts: a3 and b1
        // are both "X" (a homonym pair, merged), a1/a3 differ (alias pairs).
        let items = [
            m("A", "a", 1),
            m("A", "a", 1),
            m("X", "a", 2),
            m("X", "b", 2),
        ];
        let s = score_clusters(&items);
        assert_eq!((s.pairs.tp, s.pairs.fp, s.pairs.fn_), (1, 1, 2));
        assert_eq!((s.alias_pairs, s.alias_merged), (2, 0));
        assert_eq!((s.homonym_pairs, s.homonym_merged), (1, 1));
        // B-cubed precision: a1, a2: 2/2; a3: 1/2; b1: 1/2 → 3/4.
        assert!((s.bcubed_p - 75.0).abs() < 1e-9);
        // Recall: a1, a2: 2/3; a3: 1/3; b1: 1/1 → (2/3+2/3+1/3+1)/4 = 2/3.
        assert!((s.bcubed_r - 200.0 / 3.0).abs() < 1e-9);
    }
}
