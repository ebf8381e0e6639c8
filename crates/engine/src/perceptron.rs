//! The averaged perceptron that labels tokens: weights keyed by feature hash, one
//! row of [`NL`] label scores each. Training (with the usual lazy averaging) lives
//! here too, so that `examples/train.rs` and the tests share one implementation.
//!
//! The trained model is data (`assets/cast/model.bin`): a magic line, then records
//! of a little-endian `u32` feature hash and `NL` `i16` weights scaled by 1/256.
//! Features whose weights all round to zero are dropped when saving.

use rustc_hash::FxHashMap;

use super::features::NL;

const MAGIC: &[u8; 8] = b"CLPW1\n\0\0";
/// Saved weights are multiplied by this and rounded to i16.
const SCALE: f32 = 256.0;

/// A trained model, ready to score.
///
/// The weights are looked up some thirty times for every word the tagger
/// decides on, so they are kept in a table made for it rather than a general
/// hash map: open addressing with linear probing over (feature, row) pairs
/// at most half full, the rows apart and dense. The features are hashes
/// already; one multiplication spreads them over the table.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// (feature, index into `rows`); a free slot's index is [`FREE`].
    slots: Vec<(u32, u32)>,
    rows: Vec<Weights>,
    /// `64 - log2(slots.len())`: the shift that takes a slot from the product.
    shift: u32,
}

/// A slot's row when it holds no feature.
const FREE: u32 = u32::MAX;

/// A row of weights as saved: 18 bytes rather than 36 widened, so that the
/// table (20,000 rows) takes half the processor's cache it did; widening
/// them while adding is a vector instruction or two.
type Weights = [i16; NL];

impl Model {
    fn with_capacity(n: usize) -> Model {
        let size = (2 * n).next_power_of_two().max(16);
        Model {
            slots: vec![(0, FREE); size],
            rows: Vec::with_capacity(n),
            shift: 64 - size.trailing_zeros(),
        }
    }

    #[inline]
    fn home(&self, f: u32) -> usize {
        ((u64::from(f)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The row of feature `f`, if the model has one.
    #[inline]
    fn row(&self, f: u32) -> Option<&Weights> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(f);
        loop {
            let (key, row) = *self.slots.get(i)?;
            if row == FREE {
                return None;
            }
            if key == f {
                return self.rows.get(row as usize);
            }
            i = (i + 1) & mask;
        }
    }

    /// Sets feature `f`'s row (a later row for the same feature replaces it).
    fn insert(&mut self, f: u32, weights: [i16; NL]) {
        self.insert_row(f, weights);
    }

    fn insert_row(&mut self, f: u32, weights: Weights) {
        if 2 * (self.rows.len() + 1) > self.slots.len() {
            let old = std::mem::take(self);
            *self = Model::with_capacity(2 * old.rows.len() + 8);
            for &(key, row) in &old.slots {
                if row != FREE {
                    self.insert_row(key, old.rows[row as usize]);
                }
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(f);
        loop {
            let (key, row) = self.slots[i];
            if row == FREE {
                self.slots[i] = (f, self.rows.len() as u32);
                self.rows.push(weights);
                return;
            }
            if key == f {
                self.rows[row as usize] = weights;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Why model bytes could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a castlist model file")]
    BadMagic,
    #[error("model file truncated")]
    Truncated,
}

impl Model {
    /// Reads a model saved by [`Trainer::save`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or(ModelError::BadMagic)?;
        const REC: usize = 4 + 2 * NL;
        if body.len() % REC != 0 {
            return Err(ModelError::Truncated);
        }
        let mut model = Model::with_capacity(body.len() / REC);
        for rec in body.chunks_exact(REC) {
            let hash = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]);
            let mut row = [0i16; NL];
            for (k, w) in row.iter_mut().enumerate() {
                *w = i16::from_le_bytes([rec[4 + 2 * k], rec[5 + 2 * k]]);
            }
            model.insert(hash, row);
        }
        Ok(model)
    }

    /// How many features have weights.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Label scores for a token with these features.
    pub fn scores(&self, feats: &[u32]) -> [i32; NL] {
        let mut s = [0i32; NL];
        self.add_scores(&mut s, feats);
        s
    }

    /// Adds the label scores of these features to `s`. Integer sums, so a
    /// token's scores may be added up in parts, in any order.
    #[inline]
    pub fn add_scores(&self, s: &mut [i32; NL], feats: &[u32]) {
        for &f in feats {
            if let Some(row) = self.row(f) {
                for (acc, &w) in s.iter_mut().zip(row) {
                    *acc += i32::from(w);
                }
            }
        }
    }
}

/// The best label among those `allowed` (a bit mask over labels); label 0 (O) is
/// always allowed.
pub fn best<T: PartialOrd + Copy>(scores: &[T; NL], allowed: u16) -> u8 {
    let mut best = 0usize;
    for k in 1..NL {
        if allowed & (1 << k) != 0 && scores[k] > scores[best] {
            best = k;
        }
    }
    best as u8
}

#[derive(Debug, Clone, Default)]
struct Row {
    w: [f32; NL],
    total: [f32; NL],
    stamp: [u32; NL],
}

/// An averaged perceptron being trained.
#[derive(Debug, Clone, Default)]
pub struct Trainer {
    rows: FxHashMap<u32, Row>,
    /// Number of updates seen (the averaging clock).
    clock: u32,
}

impl Trainer {
    /// Scores with the current (not averaged) weights.
    pub fn scores(&self, feats: &[u32]) -> [f32; NL] {
        let mut s = [0f32; NL];
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for (acc, &w) in s.iter_mut().zip(&row.w) {
                    *acc += w;
                }
            }
        }
        s
    }

    /// Learns from one decision: `guess` was predicted, `truth` was right.
    pub fn update(&mut self, feats: &[u32], guess: u8, truth: u8) {
        self.clock += 1;
        if guess == truth {
            return;
        }
        let clock = self.clock;
        for &f in feats {
            let row = self.rows.entry(f).or_default();
            for (label, delta) in [(truth as usize, 1.0), (guess as usize, -1.0)] {
                row.total[label] += (clock - row.stamp[label]) as f32 * row.w[label];
                row.stamp[label] = clock;
                row.w[label] += delta;
            }
        }
    }

    /// The averaged model, serialised; rows whose largest weight is below
    /// `min_weight` (in perceptron updates) are dropped: rare features that move
    /// little, whose look-ups cost more than they give. Rows are sorted by hash so
    /// the file is reproducible.
    pub fn save(&self, min_weight: f32) -> Vec<u8> {
        let min_q = (min_weight * SCALE).round() as i32;
        let clock = self.clock.max(1) as f32;
        let mut recs: Vec<(u32, [i16; NL])> = Vec::new();
        for (&hash, row) in &self.rows {
            let mut out = [0i16; NL];
            let mut any = false;
            for (k, slot) in out.iter_mut().enumerate() {
                let total = row.total[k] + (self.clock - row.stamp[k]) as f32 * row.w[k];
                let q = (total / clock * SCALE)
                    .round()
                    .clamp(i16::MIN as f32, i16::MAX as f32);
                *slot = q as i16;
                any |= (*slot as i32).abs() >= min_q.max(1);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_finds_what_a_map_holds() {
        let mut map = FxHashMap::default();
        let mut model = Model::default();
        let mut x: u32 = 12345;
        for k in 0..5000i16 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            // Clustered keys too, and the extremes.
            for f in [x, k as u32, u32::MAX - k as u32] {
                let row = [k; NL];
                map.insert(f, row);
                model.insert(f, row);
            }
        }
        assert_eq!(model.len(), map.len());
        for (f, row) in &map {
            assert_eq!(model.row(*f).copied(), Some(*row));
        }
        let mut absent = 0;
        for f in (0..200_000u32).map(|f| f.wrapping_mul(2_654_435_761)) {
            if !map.contains_key(&f) {
                assert_eq!(model.row(f), None);
                absent += 1;
            }
        }
        assert!(absent > 0);
    }

    #[test]
    fn learns_and_round_trips() {
        let mut t = Trainer::default();
        for _ in 0..20 {
            for (feats, truth) in [([1u32, 2], 1u8), ([1, 3], 5)] {
                let guess = best(&t.scores(&feats), u16::MAX);
                t.update(&feats, guess, truth);
            }
        }
        let m = Model::from_bytes(&t.save(0.0)).unwrap();
        assert_eq!(best(&m.scores(&[1, 2]), u16::MAX), 1);
        assert_eq!(best(&m.scores(&[1, 3]), u16::MAX), 5);
        // Masked labels are never chosen.
        assert_eq!(
            best(&m.scores(&[1, 3]), 1 << 1),
            1.min(best(&m.scores(&[1, 3]), 1 << 1))
        );
        assert_eq!(
            Model::from_bytes(b"nope").unwrap_err(),
            ModelError::BadMagic
        );
        let mut bad = MAGIC.to_vec();
        bad.push(1);
        assert_eq!(Model::from_bytes(&bad).unwrap_err(), ModelError::Truncated);
    }
}
