//! Which sport a document reports on, from its words: a vote of the words that
//! are strongly sport- or news-specific decides whether it is sport at all,
//! naive Bayes over word presence which sport. The data are per-word document
//! frequencies (`assets/sport/doc.tsv`); the weights are computed on loading.

use super::{BAYES_ALPHA, MAX_WORDS, NONE, Sport, SportInfo, VOTE_ALPHA, VOTE_CUT, lines};
use crate::gazetteer::key_of;
use crate::token::{Token, flag};

/// The per-document classifier, from `doc.tsv`.
#[derive(Debug, Clone, Default)]
pub(super) struct DocModel {
    /// Word key → row and vote.
    rows: RowTable,
    /// How many rows there are (each row's vote, +1 a sports word, -1 a
    /// word of other news, 0 neither, is kept in its slot of `rows`).
    row_count: u32,
    /// Per row, per sport class: log P(word | class); row-major.
    logp: Vec<f32>,
    prior: Vec<f32>,
    /// The sport of each class (`None`: "other").
    class_sport: Vec<Option<Sport>>,
}

/// A slot of [`RowTable`]: a word's key, its row and its vote, so that a
/// look-up reads one cache line (a map of key → row read a line of control
/// bytes, a line of entries, and the votes' line: every word of every
/// document reaches here, and the table is evicted by the tagger's weights
/// between documents).
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    /// [`EMPTY`] for a free slot.
    row: u32,
    vote: i8,
}

/// [`Slot::row`] of a free slot.
const EMPTY: u32 = u32::MAX;

/// Word key → (row, vote): open addressing with linear probing over a
/// power-of-two number of slots, at most three quarters of them used (four
/// slots a cache line: a probe seldom leaves its line).
#[derive(Debug, Clone, Default)]
struct RowTable {
    slots: Vec<Slot>,
    /// log2 of the number of slots.
    bits: u32,
    len: usize,
}

impl RowTable {
    fn with_capacity(n: usize) -> RowTable {
        let bits = (n + n / 3 + 1).max(16).next_power_of_two().trailing_zeros();
        let empty = Slot {
            key: 0,
            row: EMPTY,
            vote: 0,
        };
        RowTable {
            slots: vec![empty; 1 << bits],
            bits,
            len: 0,
        }
    }

    /// The first slot to probe for `key`: its top bits after a multiply
    /// (the keys' low bits come out of a multiply themselves, and are weak).
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits)) as usize
    }

    /// Sets `key`'s row and vote (a later word with the same key wins, as
    /// it did in a map). The table must have room ([`Self::with_capacity`]).
    fn insert(&mut self, key: u64, row: u32, vote: i8) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = &mut self.slots[i];
            if s.row == EMPTY {
                self.len += 1;
                *s = Slot { key, row, vote };
                return;
            }
            if s.key == key {
                s.row = row;
                s.vote = vote;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, key: u64) -> Option<(u32, i8)> {
        if self.len == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = self.slots.get(i)?;
            if s.row == EMPTY {
                return None;
            }
            if s.key == key {
                return Some((s.row, s.vote));
            }
            i = (i + 1) & mask;
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reads the first slot of each key, without a branch on what it holds,
    /// so that the reads go out together (the caller keeps the result from
    /// being optimised away with `black_box`); returns a mix of them.
    fn touch(&self, keys: &[u64]) -> u64 {
        let mut acc = 0;
        if self.len == 0 {
            return acc;
        }
        for &k in keys {
            acc ^= self.slots.get(self.home(k)).map_or(0, |s| s.key);
        }
        acc
    }
}

/// A document's words as the classifier sees them: tokens of three bytes or
/// more with letters and no digits (the shortest words are function words,
/// a third of the look-ups and no evidence). `skip_before` drops the tokens that start before that byte (a
/// headline's sport name, when training).
pub fn doc_words<'t>(
    text: &'t str,
    toks: &'t [Token],
    skip_before: usize,
) -> impl Iterator<Item = &'t str> + 't {
    toks.iter()
        .filter(move |t| {
            t.start as usize >= skip_before
                && t.end - t.start >= 3
                && t.has(flag::ALPHA)
                && !t.has(flag::DIGIT)
                && !t.has(flag::PUNCT)
        })
        .map(move |t| t.text(text))
}

/// A document count of `doc.tsv` (0 for one that does not parse). Counts
/// are whole numbers, read as such (exactly, and much faster than a float);
/// anything else is read as a float.
fn count(c: &str) -> f64 {
    // Up to nine digits: the number itself, as `parse::<u32>` reads it (and
    // without its general checks: 55,000 of these are read at start-up).
    let b = c.as_bytes();
    if !b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit) {
        return f64::from(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')));
    }
    match c.parse::<u32>() {
        Ok(n) => f64::from(n),
        Err(_) => c.parse().unwrap_or(0.0),
    }
}

/// The tab-separated fields of a line (as `split('\t')`, by bytes: a tab is
/// never part of a longer UTF-8 character).
fn fields(l: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(l);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

impl DocModel {
    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub(super) fn parse(text: &str, sports: &[SportInfo]) -> DocModel {
        let mut classes: Vec<&str> = Vec::new();
        let mut docs: Vec<f64> = Vec::new();
        // Each word with where its counts are in `counts` (one table, not a
        // vector a word: this runs at every start).
        let mut words: Vec<(&str, usize, usize)> = Vec::new();
        let mut counts: Vec<f64> = Vec::new();
        for l in lines(text) {
            let mut cols = fields(l);
            let Some(head) = cols.next() else { continue };
            match head {
                "classes" if classes.is_empty() => classes = cols.collect(),
                "docs" if docs.is_empty() => docs = cols.map(count).collect(),
                w => {
                    let at = counts.len();
                    counts.extend(cols.map(count));
                    words.push((w, at, counts.len()));
                }
            }
        }
        let words: Vec<(&str, &[f64])> = words
            .iter()
            .map(|&(w, from, to)| (w, &counts[from..to]))
            .collect();
        let Some(none) = classes.iter().position(|c| *c == NONE) else {
            return DocModel::default();
        };
        if docs.len() != classes.len() {
            return DocModel::default();
        }
        // The sport classes, in file order.
        let sport_classes: Vec<usize> = (0..classes.len()).filter(|&c| c != none).collect();
        let class_sport = sport_classes
            .iter()
            .map(|&c| {
                sports
                    .iter()
                    .position(|s| s.name == classes[c])
                    .map(|i| Sport(i as u8))
            })
            .collect();
        let n_none = docs[none];
        let n_sport: f64 = sport_classes.iter().map(|&c| docs[c]).sum();
        let n_docs: f64 = n_sport.max(1.0);
        let prior = sport_classes
            .iter()
            .map(|&c| (docs[c].max(0.5) / n_docs).ln() as f32)
            .collect();
        // Naive Bayes over word presence: a word's count in a class is the number
        // of its documents that have it.
        let vocab = words
            .iter()
            .filter(|(_, n)| {
                sport_classes
                    .iter()
                    .any(|&c| n.get(c).copied().unwrap_or(0.0) > 0.0)
            })
            .count() as f64;
        let totals: Vec<f64> = sport_classes
            .iter()
            .map(|&c| {
                words
                    .iter()
                    .map(|(_, n)| n.get(c).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect();
        let mut m = DocModel {
            prior,
            class_sport,
            ..DocModel::default()
        };
        m.rows = RowTable::with_capacity(words.len());
        m.logp.reserve(words.len() * sport_classes.len());
        let logp = |k: usize, n: f64| {
            let p = (n + BAYES_ALPHA) / (totals[k] + BAYES_ALPHA * vocab);
            p.ln() as f32
        };
        // Nearly all counts are small whole numbers (most are 0): their
        // log-probabilities are worked out once a class, not once a word.
        const SMALL: usize = 16;
        let small: Vec<[f32; SMALL]> = (0..sport_classes.len())
            .map(|k| std::array::from_fn(|n| logp(k, n as f64)))
            .collect();
        for (w, n) in &words {
            if n.len() != classes.len() {
                continue;
            }
            let in_sport: f64 = sport_classes.iter().map(|&c| n[c]).sum();
            let llr = ((in_sport + VOTE_ALPHA) / (n_sport + 2.0 * VOTE_ALPHA)).ln()
                - ((n[none] + VOTE_ALPHA) / (n_none + 2.0 * VOTE_ALPHA)).ln();
            let vote = if llr > VOTE_CUT {
                1
            } else if llr < -VOTE_CUT {
                -1
            } else {
                0
            };
            let row = m.row_count;
            m.rows.insert(key_of(w), row, vote);
            m.row_count += 1;
            for (k, &c) in sport_classes.iter().enumerate() {
                let n = n[c];
                let whole = n as usize;
                m.logp.push(if whole < SMALL && whole as f64 == n {
                    small[k][whole]
                } else {
                    logp(k, n)
                });
            }
        }
        m
    }

    pub(super) fn classify(
        &self,
        text: &str,
        toks: &[Token],
        skip_before: usize,
    ) -> Option<Option<Sport>> {
        if self.rows.is_empty() {
            return None;
        }
        // Each word counts once: a bit per row.
        let mut seen = vec![0u64; (self.row_count as usize).div_ceil(64)];
        let mut present = Vec::with_capacity(MAX_WORDS);
        // The words' keys a batch at a time, then their slots read all at
        // once: the table is seldom in cache when a document comes (the
        // tagger's weights have been through it since), and loads issued
        // together wait for memory together, where a look-up a word, each
        // followed by branches on what it found, waited for each in turn (a
        // third of the time here went to that wait). Batches, not all the
        // words: most documents stop early, and their last words' keys
        // would be made for nothing.
        const BATCH: usize = 32;
        let mut words = doc_words(text, toks, skip_before).take(MAX_WORDS);
        let mut keys = [0u64; BATCH];
        let (mut sport, mut news) = (0usize, 0usize);
        let mut read = 0;
        loop {
            let mut n = 0;
            for (k, w) in keys.iter_mut().zip(&mut words) {
                *k = key_of(w);
                n += 1;
            }
            if n == 0 {
                break;
            }
            std::hint::black_box(self.rows.touch(&keys[..n]));
            for &key in &keys[..n] {
                // The words still to read cannot bring the sports words past
                // the others any more: the answer is no sport whatever they
                // are (most documents are not sports reports; this stops
                // reading them early).
                if sport + (MAX_WORDS - read) <= news {
                    return None;
                }
                read += 1;
                let Some((row, vote)) = self.rows.get(key) else {
                    continue;
                };
                let (i, bit) = (row as usize / 64, 1u64 << (row % 64));
                if seen[i] & bit != 0 {
                    continue;
                }
                seen[i] |= bit;
                present.push(row as usize);
                match vote {
                    1 => sport += 1,
                    -1 => news += 1,
                    _ => {}
                }
            }
        }
        // At least as many sports words as other news words (plus one).
        if 2 * sport < sport + news + 1 {
            return None;
        }
        let k = self.prior.len();
        let mut scores = self.prior.clone();
        for row in present {
            for (s, p) in scores.iter_mut().zip(&self.logp[row * k..row * k + k]) {
                *s += p;
            }
        }
        let best = (0..k).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))?;
        Some(self.class_sport[best])
    }
}
