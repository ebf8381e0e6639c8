//! Greedy left-to-right labelling of one document with the perceptron, deciding
//! only the tokens that can be part of a name (capitalised words and the particles
//! between them); every other token is O without being scored.
//!
//! Lines whose capitals carry a signal are decoded first and ALL-CAPS / Title Case
//! lines last, so a headline word is judged by what the same word was called in the
//! running text below it (the "history" feature). The same decoder drives training,
//! so that training and use see the same features.

use rustc_hash::FxHashMap;

use super::features::{self, DocCtx, NL, O};
use super::perceptron::Model;
use super::token::flag;

/// A labelled span: tokens `first..=last` of type `ty` (1 PER, 2 ORG, 3 LOC, 4 MISC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: usize,
    pub last: usize,
    pub ty: u8,
}

/// Labels every token of the document. `decide(features, allowed, token)` returns
/// the label of one eligible token; `allowed` is a bit mask over labels.
pub fn decode(ctx: &mut DocCtx<'_>, decide: &mut dyn FnMut(&[u32], u16, usize) -> u8) -> Vec<u8> {
    let mut feats = Vec::with_capacity(40);
    decode_by(ctx, &mut |ctx, i, (prev, prev2, hist), allowed| {
        ctx.features(i, prev, prev2, hist, &mut feats);
        decide(&feats, allowed, i)
    })
}

/// What a token's label is decided after, besides the token: the labels of
/// the two tokens before it and the label last given to the same word in
/// the document (0 for none, else the label + 1).
pub type Prior = (u8, u8, u8);

/// [`decode`] for a caller that makes the features itself:
/// `decide(ctx, token, (prev, prev2, hist), allowed)` returns the label of
/// one eligible token, given what [`DocCtx::features`] takes besides it.
pub fn decode_by(
    ctx: &DocCtx<'_>,
    decide: &mut dyn FnMut(&DocCtx<'_>, usize, Prior, u16) -> u8,
) -> Vec<u8> {
    let n = ctx.toks.len();
    let mut labels = vec![O; n];
    let decided = ctx.decided();
    // Room up front for the distinct words of a usual article (a few
    // hundred), not for every decided token of a long one.
    let mut history: FxHashMap<u64, u8> =
        FxHashMap::with_capacity_and_hasher(decided.len().min(256), Default::default());
    // Line ranges, then body lines before headline lines.
    let mut lines: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = 0;
    for i in 1..=n {
        if i == n || ctx.toks[i].has(flag::LINE_START) {
            lines.push((start, i, ctx.toks[start].has(flag::HEADLINE)));
            start = i;
        }
    }
    lines.sort_by_key(|l| l.2);
    for (start, end, _) in lines {
        // The decided tokens of the line; the others are O, and so are the
        // labels before the line's start.
        let first = decided.partition_point(|&i| (i as usize) < start);
        for &i in &decided[first..] {
            let i = i as usize;
            if i >= end {
                break;
            }
            let prev = if i > start { labels[i - 1] } else { O };
            let prev2 = if i > start + 1 { labels[i - 2] } else { O };
            let key = ctx.key(i);
            let hist = history.get(&key).copied().unwrap_or(0);
            let allowed = allowed_labels(ctx, i, prev);
            let label = decide(ctx, i, (prev, prev2, hist), allowed);
            labels[i] = label;
            history.insert(key, label + 1);
        }
    }
    labels
}

/// What the tagger makes of words it met before, kept from one document to
/// the next: news repeats its names, and every article its "Mr" and "The".
/// Per word type (the word's text and its [`DocCtx::type_bits`]), its shape
/// and the summed weights of its type features ([`DocCtx::type_features`]):
/// a dozen hashes and weight look-ups in the model otherwise, most of them
/// missing the processor's cache (the model is over a megabyte). The sums
/// are exact, so labels are the same whether they come from here or not.
///
/// A small cache of recent types, not a map of all: it should mostly stay
/// in the processor's second-level cache. Measured with callgrind and a
/// simulated 512 KiB second level on BBC: 2048 sets (256 KiB) cut both the
/// instructions and the second-level misses; caches of the neighbours'
/// facts or of the word lists' answers as well cut instructions further
/// but missed the second level more than they saved.
#[derive(Default)]
pub struct TaggerCache {
    /// Which model and word lists the entries were made with ([`Self::serve`]).
    owner: Option<u64>,
    types: WordCache<(u64, [i32; NL])>,
}

impl TaggerCache {
    /// Readies the cache for the engine whose model and word lists `owner`
    /// names: entries made for another are forgotten.
    pub fn serve(&mut self, owner: u64) {
        if self.owner != Some(owner) {
            self.owner = Some(owner);
            self.types.reset(SETS);
        }
    }

    /// The shape hash of eligible token `i` and its type features' summed
    /// weights in `model` (`feats` is scratch).
    pub fn type_scores(
        &mut self,
        ctx: &DocCtx<'_>,
        i: usize,
        model: &Model,
        feats: &mut Vec<u32>,
    ) -> (u64, [i32; NL]) {
        let w = ctx.toks[i].text(ctx.text);
        let compute = |feats: &mut Vec<u32>| {
            let shape = features::shape_hash(w);
            feats.clear();
            ctx.type_features(i, shape, feats);
            (shape, model.scores(feats))
        };
        match word_cache_key(w.as_bytes(), ctx.type_bits(i)) {
            Some(key) => self.types.get_or(key, || compute(feats)),
            None => compute(feats),
        }
    }
}

/// A word of up to [`MAX_CACHED`] bytes as a cache key: its bytes, then its
/// length and `extra`, little-endian. Never 0 (no word is empty).
fn word_cache_key(w: &[u8], extra: u8) -> Option<u128> {
    (!w.is_empty() && w.len() <= MAX_CACHED)
        .then(|| super::hash::load16(w) | (w.len() as u128) << 112 | (extra as u128) << 120)
}

/// Longer words are not cached (few are capitalised or frequent).
const MAX_CACHED: usize = 14;

/// Sets of a [`TaggerCache`]: 2048 sets of two 64-byte slots, 256 KiB.
const SETS: usize = 2048;

/// A two-way set-associative cache from word keys ([`word_cache_key`]) to
/// what was made of the word; a set's last used way first.
struct WordCache<V> {
    /// Sets of two (key, value); key 0 is a free slot.
    slots: Vec<(u128, V)>,
    /// Sets − 1 (a power of two).
    mask: usize,
}

impl<V> Default for WordCache<V> {
    fn default() -> Self {
        WordCache {
            slots: Vec::new(),
            mask: 0,
        }
    }
}

impl<V: Copy + Default> WordCache<V> {
    fn reset(&mut self, sets: usize) {
        self.slots.clear();
        self.slots.resize(2 * sets, (0, V::default()));
        self.mask = sets.max(1) - 1;
    }

    /// The value kept for `key`, or `make()` kept for it.
    #[inline]
    fn get_or(&mut self, key: u128, make: impl FnOnce() -> V) -> V {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let set = (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & self.mask;
        let Some(ways) = self.slots.get_mut(2 * set..2 * set + 2) else {
            return make();
        };
        if ways[0].0 == key {
            return ways[0].1;
        }
        if ways[1].0 == key {
            // Met again: it stays longest.
            ways.swap(0, 1);
            return ways[0].1;
        }
        let value = make();
        ways[1] = ways[0];
        ways[0] = (key, value);
        value
    }
}

/// Which tokens must be part of a name: a capitalised word mid-sentence in
/// running text that the dictionary has both as an English word and as a
/// proper noun ("trump" and "Trump"), that the document never writes in
/// lower case, and that no list calls a title, a head word, a never-word or
/// a known thing ("Internet", "GMT"), standing alone (no capitalised word
/// after it, no "the" before it). The lexicon alone would make "Trump" a
/// common word wherever the full name is not given. Empty when none is.
pub fn names_never_lower(ctx: &DocCtx<'_>) -> Vec<bool> {
    use super::gazetteer::word;
    let mut out = Vec::new();
    let skip = word::NEVER
        | word::TITLE_PART
        | word::ORG_HEAD
        | word::PLACE_HEAD
        | word::FUNCTION
        | word::PARTICLE;
    for &i in ctx.decided() {
        let i = i as usize;
        let t = &ctx.toks[i];
        let info = ctx.info[i];
        if !ctx.eligible[i]
            || info & (word::LEXICON | word::PROPER) != word::LEXICON | word::PROPER
            || info & skip != 0
            || !t.has(flag::CAP)
            || t.has(flag::UPPER)
            || t.has(flag::SENT_START)
            || t.has(flag::HEADLINE)
            || ctx.gaz_tags[i] != features::gaz_tag::NONE
        {
            continue;
        }
        // Only a lone word, as a bare surname stands: not one of a run of
        // capitalised words ("Chancellor of the Exchequer Nigel Lawson"),
        // nor after "the" (an institution: "the Exchequer").
        let next_cap = ctx.toks.get(i + 1).is_some_and(|n| n.has(flag::CAP));
        let after_the = i > 0 && ctx.toks[i - 1].text(ctx.text).eq_ignore_ascii_case("the");
        if next_cap || after_the {
            continue;
        }
        let lower = ctx.seen.get(&ctx.key(i));
        if lower.is_some_and(|s| s.0 > 0) {
            continue;
        }
        let w = t.text(ctx.text);
        if info & word::KIND_START != 0 && ctx.gaz.kind_of_name(w).is_some() {
            continue;
        }
        if out.is_empty() {
            out = vec![false; ctx.toks.len()];
        }
        out[i] = true;
    }
    out
}

/// Which labels token `i` may take after a token labelled `prev`.
fn allowed_labels(ctx: &DocCtx<'_>, i: usize, prev: u8) -> u16 {
    let ty = features::label_type(prev);
    let cont = if ty > 0 {
        1u16 << features::inside(ty)
    } else {
        0
    };
    let w = ctx.toks[i];
    let capital = w.has(flag::CAP) || w.has(flag::UPPER);
    if !capital {
        // A particle only continues a name.
        return 1 | cont;
    }
    // O and every B-, plus I- of the type in progress.
    let mut mask = 1u16;
    for k in (1..NL).step_by(2) {
        mask |= 1 << k;
    }
    mask | cont
}

/// The spans of a labelled document, with trailing particles trimmed
/// ("Bank of" is not a name).
pub fn spans(ctx: &DocCtx<'_>, labels: &[u8]) -> Vec<Span> {
    // About one name in sixteen tokens of news: sized once, not grown.
    let mut out = Vec::with_capacity(labels.len() / 16 + 4);
    let mut i = 0;
    while i < labels.len() {
        let l = labels[i];
        if l == O {
            i += 1;
            continue;
        }
        let ty = features::label_type(l);
        let mut last = i;
        while last + 1 < labels.len() && labels[last + 1] == features::inside(ty) {
            last += 1;
        }
        let next = last + 1;
        let mut end = last;
        while end > i && !(ctx.toks[end].has(flag::CAP) || ctx.toks[end].has(flag::UPPER)) {
            end -= 1;
        }
        if ctx.toks[i].has(flag::CAP) || ctx.toks[i].has(flag::UPPER) || end > i {
            out.push(Span {
                first: i,
                last: end,
                ty,
            });
        }
        i = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::token::tokenize;

    #[test]
    fn spans_follow_bio_and_trim_particles() {
        let gaz = Gazetteer::builtin();
        let text = "the Bank of Tokyo said Bank of";
        let toks = tokenize(text, &gaz);
        let ctx = DocCtx::new(text, &toks, &gaz);
        // the Bank of Tokyo said Bank of
        let labels = [0, 3, 4, 4, 0, 3, 4];
        let s = spans(&ctx, &labels);
        assert_eq!(
            s,
            [
                Span {
                    first: 1,
                    last: 3,
                    ty: 2
                },
                Span {
                    first: 5,
                    last: 5,
                    ty: 2
                }
            ]
        );
    }

    #[test]
    fn cached_type_scores_and_context_features_add_up_to_all_features() {
        let gaz = Gazetteer::builtin();
        let model = Model::from_bytes(include_bytes!("../../../assets/cast/model.bin"))
            .expect("the bundled model reads");
        assert!(!model.is_empty());
        let mut cache = TaggerCache::default();
        cache.serve(0);
        let text = "Tony Blair met Gordon Brown in London.\nBLAIR AND BROWN AGREE\n\
                    Blair said the BBC and Mr Brown agreed; Blair left London for Zürich.";
        let toks = tokenize(text, &gaz);
        let ctx = DocCtx::new(text, &toks, &gaz);
        assert!(ctx.decided().len() > 10);
        let (mut all, mut part) = (Vec::new(), Vec::new());
        // Cold, then from the cache.
        for _ in 0..2 {
            for &i in ctx.decided() {
                let i = i as usize;
                for (prev, prev2, hist) in [(0, 0, 0), (1, 0, 2), (3, 4, 5)] {
                    ctx.features(i, prev, prev2, hist, &mut all);
                    let (shape, mut scores) = cache.type_scores(&ctx, i, &model, &mut part);
                    part.clear();
                    ctx.context_features(i, shape, (prev, prev2, hist), &mut part);
                    model.add_scores(&mut scores, &part);
                    assert_eq!(scores, model.scores(&all), "token {i}");
                }
            }
        }
    }

    #[test]
    fn particles_may_only_continue() {
        let gaz = Gazetteer::builtin();
        let text = "Osama bin Laden";
        let toks = tokenize(text, &gaz);
        let mut ctx = DocCtx::new(text, &toks, &gaz);
        assert!(ctx.eligible.iter().all(|&e| e));
        let mut masks = Vec::new();
        decode(&mut ctx, &mut |_, allowed, _| {
            masks.push(allowed);
            if allowed & 2 != 0 { 1 } else { 2 }
        });
        // "bin" after B-PER may be O or I-PER only.
        assert_eq!(masks[1], 1 | (1 << 2));
    }
}
