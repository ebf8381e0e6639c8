//! The quote finder's learned weights: one averaged perceptron shared by its
//! three decisions, keyed by 32-bit feature hashes. The cue tagger uses the
//! [`NC`] columns of a row as label scores (O, B, I); the content and source
//! choosers rank candidates by column 0 of features hashed under their own
//! templates, so the tasks never share a row.
//!
//! The model is data (`assets/quotes/model.bin`, rebuilt by `cargo run
//! --release --features castlist-engine/eval --example train_quotes --
//! ../shared/eval/polnear/train`: the mean of a few perceptrons trained on
//! the articles in other orders, see [`Trainer::save_mean`]): a magic
//! line, then records of a little-endian `u32` hash and [`NC`] `i16` weights
//! scaled by 1/256, sorted by hash.

use rustc_hash::FxHashMap;

/// Columns of a row: the cue labels O, B, I.
pub const NC: usize = 3;
const MAGIC: &[u8; 8] = b"CLQW1\n\0\0";
const SCALE: f32 = 256.0;

/// Why model bytes could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a castlist quote model")]
    BadMagic,
    #[error("quote model truncated")]
    Truncated,
}

/// Trained weights, ready to score: an open-addressing table keyed by the
/// feature hash itself (already well mixed), at most half full, key and row
/// side by side — one cache line per lookup, which is most of the finder's
/// time.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    /// `(hash, row)`; hash 0 marks an empty slot (a real hash 0 lives in `zero`).
    slots: Vec<(u32, [i16; NC])>,
    zero: Option<[i16; NC]>,
    len: usize,
    /// 64 minus log2 of the table size: the slot is the top bits of a
    /// multiplicative hash (whatever the low bits of the features look like).
    shift: u32,
    /// One bit per [`FILTER_BITS`] top bits of that hash: set when a row's
    /// hash has them. Most features looked up have no row, and the table is
    /// megabytes, so a lookup is mostly a cache miss; this filter (half a
    /// megabyte) turns away most absent features without touching it.
    filter: Vec<u64>,
}

/// log2 of the number of bits of [`Weights::filter`].
const FILTER_BITS: u32 = 22;

fn filter_bit(hash: u32) -> usize {
    ((hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS)) as usize
}

fn slot_of(hash: u32, shift: u32) -> usize {
    ((hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

impl Weights {
    pub fn from_bytes(bytes: &[u8]) -> Result<Weights, ModelError> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or(ModelError::BadMagic)?;
        const REC: usize = 4 + 2 * NC;
        if body.len() % REC != 0 {
            return Err(ModelError::Truncated);
        }
        let n = body.len() / REC;
        let size = (2 * n).next_power_of_two().max(16);
        let mut w = Weights {
            slots: vec![(0, [0; NC]); size],
            zero: None,
            len: 0,
            shift: 64 - size.trailing_zeros(),
            filter: vec![0; 1 << (FILTER_BITS - 6)],
        };
        for rec in body.chunks_exact(REC) {
            let hash = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]);
            let mut row = [0i16; NC];
            for (k, v) in row.iter_mut().enumerate() {
                *v = i16::from_le_bytes([rec[4 + 2 * k], rec[5 + 2 * k]]);
            }
            w.insert(hash, row);
        }
        Ok(w)
    }

    fn insert(&mut self, hash: u32, row: [i16; NC]) {
        if hash == 0 {
            self.len += usize::from(self.zero.is_none());
            self.zero = Some(row);
            return;
        }
        let bit = filter_bit(hash);
        self.filter[bit >> 6] |= 1 << (bit & 63);
        let mask = self.slots.len() - 1;
        let mut i = slot_of(hash, self.shift) & mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.0 == 0 || slot.0 == hash {
                self.len += usize::from(slot.0 == 0);
                *slot = (hash, row);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, hash: u32) -> Option<&[i16; NC]> {
        if hash == 0 {
            return self.zero.as_ref();
        }
        let bit = filter_bit(hash);
        if self
            .filter
            .get(bit >> 6)
            .is_none_or(|w| w & (1 << (bit & 63)) == 0)
        {
            return None;
        }
        // Empty weights have no slots; otherwise the table is never full,
        // so the probe meets an empty slot.
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = slot_of(hash, self.shift) & mask;
        loop {
            let (k, ref row) = self.slots[i];
            if k == hash {
                return Some(row);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// What the decisions need from a model: label scores and a ranking score.
/// Implemented by the trained [`Weights`] and by the [`Trainer`] in training,
/// so that both run the same decoding code.
pub trait Scorer {
    fn scores(&self, feats: &[u32]) -> [f32; NC];
    fn rank(&self, feats: &[u32]) -> f32 {
        self.scores(feats)[0]
    }
}

impl Scorer for Weights {
    fn scores(&self, feats: &[u32]) -> [f32; NC] {
        let mut s = [0i32; NC];
        for f in feats {
            if let Some(row) = self.get(*f) {
                for (acc, &w) in s.iter_mut().zip(row) {
                    *acc += w as i32;
                }
            }
        }
        s.map(|v| v as f32)
    }
}

#[derive(Debug, Clone, Default)]
struct Row {
    w: [f32; NC],
    total: [f32; NC],
    stamp: [u32; NC],
}

/// An averaged perceptron being trained (lazy averaging).
#[derive(Debug, Clone, Default)]
pub struct Trainer {
    rows: FxHashMap<u32, Row>,
    clock: u32,
}

impl Scorer for Trainer {
    fn scores(&self, feats: &[u32]) -> [f32; NC] {
        let mut s = [0f32; NC];
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for (acc, &w) in s.iter_mut().zip(&row.w) {
                    *acc += w;
                }
            }
        }
        s
    }
}

impl Trainer {
    fn add(&mut self, feats: &[u32], col: usize, delta: f32) {
        let clock = self.clock;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            row.total[col] += (clock - row.stamp[col]) as f32 * row.w[col];
            row.stamp[col] = clock;
            row.w[col] += delta;
        }
    }

    /// One labelling decision: `guess` was predicted, `truth` was right.
    pub fn update_label(&mut self, feats: &[u32], guess: u8, truth: u8) {
        self.clock += 1;
        if guess != truth {
            self.add(feats, truth as usize, 1.0);
            self.add(feats, guess as usize, -1.0);
        }
    }

    /// One ranking decision: the candidate with `pred` features was chosen, the
    /// one with `gold` features was right.
    pub fn update_rank(&mut self, gold: &[u32], pred: &[u32], same: bool) {
        self.clock += 1;
        if !same {
            self.add(gold, 0, 1.0);
            self.add(pred, 0, -1.0);
        }
    }

    /// The averaged weights, serialised; rows whose weights all round below
    /// `min_weight` perceptron updates are dropped. Sorted by hash, so the file
    /// is reproducible.
    pub fn save(&self, min_weight: f32) -> Vec<u8> {
        Trainer::save_mean(std::slice::from_ref(self), min_weight)
    }

    /// This trainer's averaged weights of every row.
    fn averaged(&self) -> impl Iterator<Item = (u32, [f32; NC])> + '_ {
        let clock = self.clock.max(1) as f32;
        self.rows.iter().map(move |(&hash, row)| {
            let mut out = [0f32; NC];
            for (k, slot) in out.iter_mut().enumerate() {
                let total = row.total[k] + (self.clock - row.stamp[k]) as f32 * row.w[k];
                *slot = total / clock;
            }
            (hash, out)
        })
    }

    /// The mean of several trainers' averaged weights (the same data in other
    /// orders: steadier than any one of them), serialised as [`Trainer::save`]
    /// does.
    pub fn save_mean(trainers: &[Trainer], min_weight: f32) -> Vec<u8> {
        let min_q = ((min_weight * SCALE).round() as i32).max(1);
        let n = trainers.len().max(1) as f32;
        let mut sum: FxHashMap<u32, [f32; NC]> = FxHashMap::default();
        for t in trainers {
            for (hash, w) in t.averaged() {
                let acc = sum.entry(hash).or_default();
                for (a, v) in acc.iter_mut().zip(w) {
                    *a += v;
                }
            }
        }
        let mut recs: Vec<(u32, [i16; NC])> = Vec::new();
        for (hash, w) in sum {
            let mut out = [0i16; NC];
            let mut any = false;
            for (slot, v) in out.iter_mut().zip(w) {
                let q = (v / n * SCALE)
                    .round()
                    .clamp(i16::MIN as f32, i16::MAX as f32);
                *slot = q as i16;
                any |= (*slot as i32).abs() >= min_q;
            }
            if any {
                recs.push((hash, out));
            }
        }
        recs.sort_unstable_by_key(|r| r.0);
        let mut bytes = MAGIC.to_vec();
        for (hash, row) in recs {
            bytes.extend_from_slice(&hash.to_le_bytes());
            for w in row {
                bytes.extend_from_slice(&w.to_le_bytes());
            }
        }
        bytes
    }
}

/// The best label among those `allowed` (bit mask; label 0 is always allowed).
pub fn best(scores: &[f32; NC], allowed: u8) -> u8 {
    let mut best = 0usize;
    for k in 1..NC {
        if allowed & (1 << k) != 0 && scores[k] > scores[best] {
            best = k;
        }
    }
    best as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_finds_every_row_and_only_those() {
        // Hash 0 (the empty-slot marker) and hashes that share their slot's
        // top bits must all be found; absent ones never.
        let hashes: Vec<u32> = (0..1000u32)
            .map(|k| k.wrapping_mul(0x0101_0101))
            .chain([0, 1, u32::MAX])
            .collect();
        let mut bytes = MAGIC.to_vec();
        for (k, &h) in hashes.iter().enumerate() {
            bytes.extend_from_slice(&h.to_le_bytes());
            for c in 0..NC {
                bytes.extend_from_slice(&((k + c) as i16).to_le_bytes());
            }
        }
        let w = Weights::from_bytes(&bytes).unwrap();
        let distinct: std::collections::HashSet<u32> = hashes.iter().copied().collect();
        assert_eq!(w.len(), distinct.len());
        for &h in &distinct {
            assert!(w.get(h).is_some(), "{h}");
        }
        assert!(w.get(2).is_none());
        assert!(Weights::default().get(7).is_none());
        assert_eq!(Weights::default().scores(&[0, 7]), [0.0; NC]);
    }

    #[test]
    fn the_mean_of_trainers_is_the_mean_of_their_weights() {
        // Two trainers that learnt opposite ranks for [1] and the same for
        // [2]: the mean keeps [2]'s rank and cancels [1]'s, whose row is
        // then dropped as under the pruning weight.
        let mut a = Trainer::default();
        let mut b = Trainer::default();
        a.update_rank(&[1, 2], &[3], false);
        b.update_rank(&[2], &[1, 3], false);
        // A decision that was right: the clock moves on, so that each
        // trainer's averaged weights are half its last ones.
        a.update_rank(&[1], &[1], true);
        b.update_rank(&[1], &[1], true);
        let mean = Weights::from_bytes(&Trainer::save_mean(&[a.clone(), b], 0.25)).unwrap();
        assert_eq!(mean.get(1), None);
        assert_eq!(mean.get(2), Some(&[128, 0, 0]));
        assert_eq!(mean.get(3), Some(&[-128, 0, 0]));
        assert_eq!(mean.len(), 2);
        // One trainer's mean is that trainer.
        assert_eq!(
            Trainer::save_mean(std::slice::from_ref(&a), 0.1),
            a.save(0.1)
        );
    }

    #[test]
    fn learns_labels_and_ranks_and_round_trips() {
        let mut t = Trainer::default();
        for _ in 0..10 {
            for (feats, truth) in [([1u32, 2], 1u8), ([1, 3], 2)] {
                let guess = best(&t.scores(&feats), 0b111);
                t.update_label(&feats, guess, truth);
            }
            let (a, b) = ([10u32], [11u32]);
            let pick_a = t.rank(&a) >= t.rank(&b);
            // b is right.
            t.update_rank(&b, if pick_a { &a } else { &b }, !pick_a);
        }
        let m = Weights::from_bytes(&t.save(0.0)).unwrap();
        assert_eq!(best(&m.scores(&[1, 2]), 0b111), 1);
        assert_eq!(best(&m.scores(&[1, 3]), 0b111), 2);
        // A label outside the mask is never chosen, however it scores.
        assert_ne!(best(&m.scores(&[1, 3]), 0b011), 2);
        assert!(m.rank(&[11]) > m.rank(&[10]));
        assert_eq!(Weights::from_bytes(b"x").unwrap_err(), ModelError::BadMagic);
        let mut bad = MAGIC.to_vec();
        bad.push(0);
        assert_eq!(
            Weights::from_bytes(&bad).unwrap_err(),
            ModelError::Truncated
        );
    }
}
