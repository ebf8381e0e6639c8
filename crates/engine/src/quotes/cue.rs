//! Cues: the words that introduce an attribution ("said", "told reporters",
//! "according to", "has argued"). A greedy left-to-right B/I/O tagger over the
//! tokens that can start a cue — words of the cue lexicon, and words that often
//! lead a longer cue when a cue word follows — and the few tokens after a
//! started cue. Every other token is O without a decision, which keeps the
//! tagger fast: about one token in five is scored.

use crate::hash::{feat, feat2};

use super::doc::Doc;
use super::lexicon::Lexicon;
use super::model::{Scorer, best};

pub const O: u8 = 0;
pub const B: u8 = 1;
pub const I: u8 = 2;
/// The longest cue, in tokens.
pub const MAX_LEN: usize = 8;

/// Feature templates (the first argument of the hashes; 1..=39 are the cue's).
mod t {
    pub const BIAS: u8 = 1;
    pub const WORD: u8 = 2;
    pub const PREV: u8 = 3;
    pub const NEXT: u8 = 4;
    pub const PREV2: u8 = 5;
    pub const NEXT2: u8 = 6;
    pub const PREV_WORD: u8 = 7;
    pub const WORD_NEXT: u8 = 8;
    pub const PRIOR: u8 = 9;
    pub const QUOTE_PRIOR: u8 = 10;
    pub const LABEL: u8 = 11;
    pub const LABEL_WORD: u8 = 12;
    pub const SENT_POS: u8 = 13;
    pub const MARKS: u8 = 14;
    pub const KIND_PREV: u8 = 15;
    pub const KIND_NEXT: u8 = 16;
    pub const CAP: u8 = 17;
    pub const SUFFIX: u8 = 18;
    pub const HEAD_WORD: u8 = 19;
    pub const DIST: u8 = 20;
    pub const NEXT_PRIOR: u8 = 21;
    pub const LABEL_NEXT: u8 = 22;
    pub const PRON_PREV: u8 = 23;
    pub const PREV3: u8 = 24;
    pub const NEXT3: u8 = 25;
    pub const QUOTE_SIDE: u8 = 26;
    pub const TO_END: u8 = 27;
    pub const CUES_BEFORE: u8 = 28;
    pub const PREV_PRIOR: u8 = 29;
    pub const THAT_AHEAD: u8 = 30;
    pub const QUOTE_NEAR: u8 = 31;
    pub const SUBJECT: u8 = 32;
    pub const SUFFIX2: u8 = 33;
    pub const WORD_NEXT_SHAPE: u8 = 34;
    pub const HEADLINE: u8 = 35;
    pub const SUBJECT_WORD: u8 = 36;
    pub const SIGNATURE: u8 = 37;
    pub const LINE_NAME: u8 = 38;
    pub const PARTICIPLE: u8 = 39;
    // 40..=106 are the source's, the content's and the boundary's.
    pub const QUOTE_WORD: u8 = 110;
    pub const THAT_WORD: u8 = 111;
}

/// A coarse class of token `j`: what kind of word follows or precedes a cue.
fn shape(doc: &Doc<'_>, lex: &Lexicon, j: usize) -> u64 {
    if j >= doc.len() {
        return 0;
    }
    if doc.is_mark(j) {
        return 1;
    }
    if doc.is_punct(j) {
        return match doc.word(j) {
            "," => 2,
            ":" => 3,
            "." | "!" | "?" => 4,
            _ => 5,
        };
    }
    if let Some(p) = doc.pronoun(lex, j) {
        return 6 + p as u64;
    }
    if let Some(k) = doc.kind(j) {
        return 16 + k as u64;
    }
    if let Some(k) = lex.noun(doc.keys[j]) {
        return 24 + k as u64;
    }
    if doc.is_cap(j) {
        return 30;
    }
    31
}

fn kind_code(doc: &Doc<'_>, i: Option<usize>) -> u64 {
    match i.and_then(|i| doc.kind(i)) {
        None => 0,
        Some(k) => 1 + k as u64,
    }
}

/// The features of token `i`, given the previous label and, inside a cue, the
/// cue's first token. Worked out for about a token in five, so each reads
/// the document's per-token vectors directly and is hashed into one array
/// that is copied once.
pub fn features(
    doc: &Doc<'_>,
    lex: &Lexicon,
    i: usize,
    prev: u8,
    head: Option<usize>,
    cues_before: usize,
    out: &mut Vec<u32>,
) {
    out.clear();
    let n = doc.len();
    let keys = &doc.keys;
    let w = keys[i];
    let p1 = if i > 0 { keys[i - 1] } else { 1 };
    let p2 = if i > 1 { keys[i - 2] } else { 1 };
    let n1 = if i + 1 < n { keys[i + 1] } else { 2 };
    let n2 = if i + 2 < n { keys[i + 2] } else { 2 };
    let p3 = if i > 2 { keys[i - 3] } else { 1 };
    let n3 = if i + 3 < n { keys[i + 3] } else { 2 };
    let prior = doc.cue(lex, i) as u64;
    let c1 = if i + 1 < n {
        doc.cue(lex, i + 1)
    } else {
        lex.cue(2)
    };
    let c0 = if i > 0 {
        doc.cue(lex, i - 1)
    } else {
        lex.cue(1)
    };
    let prev_l = prev as u64;
    let (s0, s1) = doc.sentence(i);
    let in_quote = doc.in_quote(i);
    let mark_m1 = i > 0 && doc.is_mark(i - 1);
    let mark_m2 = i > 1 && doc.is_mark(i - 2);
    let mark_p1 = doc.is_mark(i + 1);
    let marks = mark_m1 as u64 | (mark_m2 as u64) << 1 | ((i + 1 < n && mark_p1) as u64) << 2;
    let pron = |j: Option<usize>| {
        j.and_then(|j| doc.pronoun(lex, j))
            .map_or(0, |p| 1 + p as u64)
    };
    // Where the sentence's quotes are: before the word, after it, around it.
    let side = (doc.quoted(s0, i) > 0) as u64
        | ((doc.quoted(i + 1, s1) > 0) as u64) << 1
        | (in_quote as u64) << 2;
    // A participle clause after a comma (", saying …", ", adding that …")
    // reports its own speech, whether or not the clause before held a cue:
    // the cues before it in the sentence are not counted against it.
    let word = doc.word(i);
    let participle = i > 0 && doc.is_comma(i - 1) && word_ing(word);
    let cues_before = if participle { 0 } else { cues_before };
    // What the cue's arguments look like: "that" a few words on ("told
    // reporters that"), a quotation right before or after, a subject before.
    let that = (i + 1..(i + 6).min(s1))
        .take_while(|&j| !doc.is_punct(j) || doc.is_comma(j))
        .position(|j| doc.word(j).eq_ignore_ascii_case("that"))
        .map_or(0, |p| 1 + p.min(3) as u64);
    let near = (mark_m1 || (mark_m2 && doc.is_punct(i - 1))) as u64
        | ((mark_p1 || (doc.is_punct(i + 1) && doc.is_mark(i + 2))) as u64) << 1;
    let mut subj = i;
    while subj > s0 && subj + 4 > i && (subj == i || doc.is_punct(subj)) {
        subj -= 1;
    }
    let subj_shape = if subj < i { shape(doc, lex, subj) } else { 0 };
    // A speaker's name opening its line: "WALLACE: …", "Sen. Jones: …".
    let para = doc.para_of[i];
    let mut a = i;
    while a > 0
        && a + 5 > i
        && doc.para_of[a - 1] == para
        && (doc.is_cap(a - 1) || doc.is_mark(a - 1))
    {
        a -= 1;
    }
    let line_name = a < i && (a == 0 || doc.para_of[a - 1] != para);
    out.extend_from_slice(&[
        feat2(t::BIAS, 0, 0),
        feat2(t::WORD, w, 0),
        feat2(t::PREV, p1, 0),
        feat2(t::NEXT, n1, 0),
        feat2(t::PREV2, p2, 0),
        feat2(t::NEXT2, n2, 0),
        feat2(t::PREV_WORD, p1, w),
        feat2(t::WORD_NEXT, w, n1),
        feat2(t::PRIOR, prior, prev_l),
        feat2(t::QUOTE_PRIOR, prior, in_quote as u64),
        feat2(t::LABEL, prev_l, 0),
        feat2(t::LABEL_WORD, prev_l, w),
        feat2(t::LABEL_NEXT, prev_l, n1),
        feat2(t::SENT_POS, (i - s0).min(4) as u64, prior),
        feat2(t::MARKS, marks, prior),
        feat2(t::KIND_PREV, kind_code(doc, i.checked_sub(1)), prior),
        feat2(t::KIND_NEXT, kind_code(doc, Some(i + 1)), prior),
        feat2(t::CAP, doc.is_cap(i) as u64, prior),
    ]);
    let tail = word.len().saturating_sub(3);
    if word.is_char_boundary(tail) {
        out.push(feat(t::SUFFIX, &word.as_bytes()[tail..], true));
    }
    out.extend_from_slice(&[
        feat2(t::NEXT_PRIOR, c1 as u64, prior),
        feat2(t::PREV_PRIOR, c0 as u64, prior),
        feat2(
            t::PRON_PREV,
            pron(i.checked_sub(1)) | pron(i.checked_sub(2)) << 4,
            prior,
        ),
        feat2(t::PREV3, p3, 0),
        feat2(t::NEXT3, n3, 0),
        feat2(t::QUOTE_SIDE, side, prior),
        feat2(t::TO_END, (s1 - i).min(6) as u64, prior),
        feat2(t::CUES_BEFORE, cues_before.min(2) as u64, prior),
        feat2(t::PARTICIPLE, participle as u64, w),
        feat2(t::THAT_AHEAD, that, prior),
        feat2(t::QUOTE_NEAR, near, prior),
        // The same by word: a verb of manner ("groused", "warns") is a cue
        // when a quotation or a "that" clause follows it, seldom otherwise.
        feat2(t::QUOTE_WORD, near | side << 2, w),
        feat2(t::THAT_WORD, that, w),
        feat2(t::SUBJECT, subj_shape, prior),
        feat2(t::SUBJECT_WORD, subj_shape, w),
    ]);
    let tail2 = word.len().saturating_sub(2);
    if word.len() > 3 && word.is_char_boundary(tail2) {
        out.push(feat(t::SUFFIX2, &word.as_bytes()[tail2..], true));
    }
    out.extend_from_slice(&[
        feat2(t::WORD_NEXT_SHAPE, w, shape(doc, lex, i + 1)),
        feat2(
            t::HEADLINE,
            doc.toks[i].has(crate::token::flag::HEADLINE) as u64,
            prior,
        ),
        feat2(t::SIGNATURE, signature(doc, i) as u64, 0),
        feat2(t::LINE_NAME, line_name as u64, w),
    ]);
    if let Some(h) = head {
        out.push(feat2(t::HEAD_WORD, keys[h], w));
        out.push(feat2(t::DIST, (i - h).min(MAX_LEN) as u64, prev_l));
    }
}

/// Whether a word reads as an "-ing" form ("saying", "adding").
pub fn word_ing(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ing")
}

/// Whether token `i` is the dash of a quotation's signature: “…” ― Name, at
/// the end of its line (a style of quoted reactions and letters).
#[inline]
pub fn signature(doc: &Doc<'_>, i: usize) -> bool {
    if i == 0 || !doc.is_punct(i) {
        return false;
    }
    signature_dash(doc, i)
}

/// [`signature`] for punctuation token `i > 0`.
fn signature_dash(doc: &Doc<'_>, i: usize) -> bool {
    if !matches!(doc.word(i), "―" | "—" | "–" | "-" | "--") {
        return false;
    }
    // A closing mark just before (after a full stop, or not).
    let mut k = i - 1;
    if doc.is_punct(k) && !doc.is_mark(k) && k > 0 {
        k -= 1;
    }
    let closes = doc.is_mark(k)
        && doc
            .quote(k)
            .is_some_and(|q| q.end as usize == k + 1 && q.q.closed);
    if !closes || !doc.is_cap(i + 1) {
        return false;
    }
    // Then a name to the end of the line, a few words at most.
    let para = doc.para_of[i];
    let mut j = i + 1;
    while j < doc.len() && doc.para_of[j] == para {
        if j > i + 7 || !(doc.is_cap(j) || doc.is_punct(j)) {
            return false;
        }
        j += 1;
    }
    true
}

/// Whether token `i` may start a cue.
pub fn can_start(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> bool {
    if doc.cue(lex, i) > 0 || (doc.is_punct(i) && signature(doc, i)) {
        return true;
    }
    if !doc.lead(lex, i) {
        return false;
    }
    let (_, end) = doc.sentence(i);
    (i + 1..(i + 4).min(end)).any(|j| doc.cue(lex, j) > 0)
}

/// Labels the document's tokens. `decide(features, allowed, token)` gives one
/// decision (training passes its own, to learn from it).
pub fn decode(
    doc: &Doc<'_>,
    lex: &Lexicon,
    decide: &mut dyn FnMut(&[u32], u8, usize) -> u8,
) -> Vec<u8> {
    let n = doc.len();
    let mut labels = vec![O; n];
    let mut feats = Vec::with_capacity(32);
    let mut prev = O;
    let mut head: Option<usize> = None;
    // Cues started so far in the current sentence.
    let mut sent = u32::MAX;
    let mut cues_before = 0;
    #[allow(clippy::needless_range_loop)] // `i` indexes several per-token vectors.
    for i in 0..n {
        if doc.sent_of[i] != sent {
            sent = doc.sent_of[i];
            cues_before = 0;
        }
        let in_cue =
            prev != O && head.is_some_and(|h| i - h < MAX_LEN && doc.sent_of[h] == doc.sent_of[i]);
        let start = can_start(doc, lex, i);
        if !in_cue && !start {
            prev = O;
            head = None;
            continue;
        }
        let mut allowed = 1u8;
        if start {
            allowed |= 1 << B;
        }
        if in_cue {
            allowed |= 1 << I;
        }
        features(
            doc,
            lex,
            i,
            prev,
            if in_cue { head } else { None },
            cues_before,
            &mut feats,
        );
        let label = decide(&feats, allowed, i);
        labels[i] = label;
        match label {
            B => {
                head = Some(i);
                cues_before += 1;
            }
            I => {}
            _ => head = None,
        }
        prev = label;
    }
    labels
}

/// The cues of a labelled document as token ranges `start..end`.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        if labels[i] != B {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < labels.len() && labels[j] == I {
            j += 1;
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Whether token `i` starts a cue without a decision: the dash of a
/// signature (too rare in the training data for the tagger to learn, and
/// never anything else), and a word that after a comma was a cue nearly
/// always in the training data (", saying", ", adding"): such a participle
/// clause reports speech whatever the clause before it holds.
pub fn forced(doc: &Doc<'_>, lex: &Lexicon, i: usize, allowed: u8) -> bool {
    allowed & (1 << B) != 0
        && (signature(doc, i)
            || (allowed & (1 << I) == 0
                && i > 0
                && doc.word(i - 1) == ","
                && lex.sure_after_comma(doc.keys[i])))
}

/// The label of one decision, as (the column that won, the label): where a
/// cue may start but none is open, a token the model sees inside a cue
/// starts one (the usual repair of an I after O), so that a cue word the
/// model knows from longer cues ("was saying", "has also said") is not lost
/// when it stands alone.
pub fn choose(scores: &[f32; super::model::NC], allowed: u8) -> (u8, u8) {
    let open = allowed & (1 << I) != 0;
    let wide = if allowed & (1 << B) != 0 {
        allowed | 1 << I
    } else {
        allowed
    };
    let raw = best(scores, wide);
    (raw, if raw == I && !open { B } else { raw })
}

/// How much the decoder favours starting a cue over the perceptron's own
/// balance (in weight units ×256): the tagger learns to be cautious, and a
/// missed cue loses a whole attribution while a false one costs less (tuned
/// on the training data's own held-out part, see `examples/train_quotes.rs`).
pub const START_BIAS: f32 = 1000.0;

/// The cues of a document, by the model, with `bias` added to the score of B.
pub fn find(doc: &Doc<'_>, lex: &Lexicon, m: &dyn Scorer, bias: f32) -> Vec<(usize, usize)> {
    let labels = decode(doc, lex, &mut |f, allowed, i| {
        if forced(doc, lex, i, allowed) {
            return B;
        }
        let mut s = m.scores(f);
        s[B as usize] += bias;
        choose(&s, allowed).1
    });
    spans(&labels)
}
