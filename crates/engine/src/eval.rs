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
}
