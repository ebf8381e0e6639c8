//! Where reported speech after its cue ends. "Trump attacked law enforcement
//! officers nationwide and blamed police shootings on …": what Trump attacked
//! stops before "and blamed"; "she acknowledged funding was a reason, Ham also
//! noted …" stops before the next attribution; "he said X, saying …", "X,
//! which …", "X -- meddling the congressman said …" likewise. A greedy
//! stop/go decision at each token after the content's start, learnt from
//! PolNeAR (the content's last token is the truth), never inside a quotation.

use crate::hash::feat2;

use super::doc::{Doc, NONE};
use super::lexicon::Lexicon;

/// Feature templates (90..=109 are the boundary's).
mod t {
    pub const BIAS: u8 = 90;
    pub const WORD: u8 = 91;
    pub const NEXT: u8 = 92;
    pub const PAIR: u8 = 93;
    pub const PREV: u8 = 94;
    pub const NEXT_CUE: u8 = 95;
    pub const NEXT_SUFFIX: u8 = 96;
    pub const NEXT_SHAPE: u8 = 97;
    pub const LEN: u8 = 98;
    pub const REST: u8 = 99;
    pub const COMMAS: u8 = 100;
    pub const OPENING: u8 = 101;
    pub const CUE_AHEAD: u8 = 102;
    pub const CUE_WORD: u8 = 103;
    pub const WORD_CUE: u8 = 104;
    pub const AFTER_QUOTE: u8 = 105;
    pub const NEXT2: u8 = 106;
}

/// Labels of the decision (columns of the shared model).
pub const GO: u8 = 0;
pub const STOP: u8 = 1;

fn bucket(n: usize) -> u64 {
    match n {
        0..=2 => n as u64,
        3..=4 => 3,
        5..=7 => 4,
        8..=12 => 5,
        13..=20 => 6,
        21..=35 => 7,
        _ => 8,
    }
}

/// The last two bytes of a word, lower-cased (a cheap stand-in for its part
/// of speech: "-ed", "-ng", "-ly", "-es").
fn suffix(w: &str) -> u64 {
    let b = w.as_bytes();
    if b.len() < 4 {
        return 0;
    }
    (b[b.len() - 2].to_ascii_lowercase() as u64) << 8 | b[b.len() - 1].to_ascii_lowercase() as u64
}

/// Whether token `j` is a place where the content may stop (before `j`): not
/// inside the quotation that `j - 1` is in.
pub fn can_stop(doc: &Doc<'_>, j: usize) -> bool {
    let q = doc.quote_of[j];
    q == NONE || q != doc.quote_of[j - 1]
}

/// The features of stopping before token `j`, for a content that starts at
/// `start` after the cue `cue` and may run to `limit`; `commas` seen so far.
#[allow(clippy::too_many_arguments)]
pub fn features(
    doc: &Doc<'_>,
    lex: &Lexicon,
    cue: (usize, usize),
    start: usize,
    limit: usize,
    j: usize,
    commas: usize,
    out: &mut Vec<u32>,
) {
    out.clear();
    let key = |i: usize| {
        if i < limit {
            doc.keys.get(i).copied().unwrap_or(2)
        } else {
            2
        }
    };
    let (w, n1, n2, p1) = (key(j), key(j + 1), key(j + 2), key(j - 1));
    let punct = doc.is_punct(j) as u64;
    // The word after the boundary (or the boundary word itself) as a cue or a
    // verb: "and warned", ", saying", "and has".
    let next_word = if punct == 1 { j + 1 } else { j };
    let nw = if next_word < limit {
        doc.word(next_word)
    } else {
        ""
    };
    let nk = key(next_word);
    let shape = if next_word >= limit {
        0
    } else if doc.pronoun(lex, next_word).is_some() {
        1
    } else if doc.ent_of[next_word] != NONE {
        2
    } else if doc.is_cap(next_word) {
        3
    } else if doc.is_punct(next_word) {
        4
    } else {
        5
    };
    // How the content opens: "that", a quotation mark, anything else.
    let first = doc.word(start);
    let opening = if doc.is_mark(start) {
        1
    } else if first.eq_ignore_ascii_case("that") {
        2
    } else {
        0
    };
    // Another cue close ahead: ", Trump said", "and Democrats accused".
    let ahead = (j..(j + 4).min(limit))
        .map(|i| doc.cue(lex, i))
        .max()
        .unwrap_or(0);
    let ck = doc.keys[cue.1 - 1];
    let after_quote = doc.is_mark(j - 1) && doc.quote_of[j - 1] != doc.quote_of[j];
    out.extend_from_slice(&[
        feat2(t::BIAS, 0, 0),
        feat2(t::WORD, w, 0),
        feat2(t::NEXT, n1, punct),
        feat2(t::PAIR, w, n1),
        feat2(t::PREV, p1, punct),
        feat2(t::NEXT2, n2, punct),
        feat2(t::NEXT_CUE, lex.cue(nk) as u64, punct),
        feat2(t::NEXT_SUFFIX, suffix(nw), punct),
        feat2(t::NEXT_SHAPE, shape, w),
        feat2(t::LEN, bucket(j - start), punct),
        feat2(t::REST, bucket(limit - j), punct),
        feat2(t::COMMAS, commas.min(4) as u64, w),
        feat2(t::OPENING, opening, punct),
        feat2(t::CUE_AHEAD, ahead as u64, w),
        feat2(t::CUE_WORD, ck, punct),
        feat2(t::WORD_CUE, ck, w),
        feat2(t::AFTER_QUOTE, after_quote as u64, w),
    ]);
}

/// The end (exclusive token) of a content `start..limit` after cue `cue`:
/// the first place where `decide(features, j)` says stop, else `limit`.
pub fn end(
    doc: &Doc<'_>,
    lex: &Lexicon,
    cue: (usize, usize),
    start: usize,
    limit: usize,
    decide: &mut dyn FnMut(&[u32], usize) -> bool,
) -> usize {
    let mut feats = Vec::with_capacity(24);
    let mut commas = 0;
    // Never before the content's second token, nor far into a long sentence:
    // the look is bounded so a sentence of a million words costs as much per
    // cue as one of a hundred.
    let stop_at = limit.min(start + 200);
    for j in start + 1..stop_at {
        if doc.word(j) == "," {
            commas += 1;
        }
        if !can_stop(doc, j) {
            continue;
        }
        features(doc, lex, cue, start, limit, j, commas, &mut feats);
        if decide(&feats, j) {
            return j;
        }
    }
    limit
}
