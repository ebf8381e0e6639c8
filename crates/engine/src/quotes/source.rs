//! Sources: who a cue's attribution is by. Every word near the cue in its
//! sentence is a candidate head, and so is "nobody"; a learned ranker picks one
//! ("Kerry said", "said an anonymous official", "according to the Kremlin",
//! "he told reporters"). Any word of the right phrase will do as the head —
//! training takes the best-scoring word of the gold source as the truth — and
//! the span is then grown to the whole phrase: the name mention, or the
//! description with its determiner ("the Foreign Ministry", "a senior
//! official").

use crate::gazetteer::Gazetteer;
use crate::hash::feat2;

use super::doc::Doc;
use super::lexicon::Lexicon;
use super::model::Scorer;

/// How far from the cue a head may be, in tokens.
const BEFORE: usize = 16;
const AFTER: usize = 10;

mod t {
    pub const DIST: u8 = 40;
    pub const WORD: u8 = 41;
    pub const PRON: u8 = 42;
    pub const KIND: u8 = 43;
    pub const NEXT: u8 = 44;
    pub const PREV: u8 = 45;
    pub const CUE: u8 = 46;
    pub const COMMAS: u8 = 47;
    pub const MARKS: u8 = 48;
    pub const IN_QUOTE: u8 = 49;
    pub const TITLE: u8 = 50;
    pub const NOUN: u8 = 51;
    pub const NAMES_BETWEEN: u8 = 52;
    pub const CUE_DIST: u8 = 53;
    pub const NULL: u8 = 54;
    pub const NULL_CUE: u8 = 55;
    pub const NULL_POS: u8 = 56;
    pub const CAP: u8 = 57;
    pub const SENT_START: u8 = 58;
    pub const CUE_NEXT: u8 = 59;
    pub const LAST_OF_MENTION: u8 = 60;
    pub const PREV2: u8 = 61;
}

/// A candidate head: a token, or none (`tok == usize::MAX`), with its features
/// at `feats[a..b]` of the shared buffer.
#[derive(Debug, Clone, Copy)]
pub struct Cand {
    pub tok: usize,
    pub a: usize,
    pub b: usize,
}

pub const NULL: usize = usize::MAX;

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=1 => d as u64,
        2 => 2,
        3 => 3,
        4..=5 => 4,
        6..=8 => 5,
        9..=12 => 6,
        _ => 7,
    }
}

/// The candidate heads of cue `cue` (token range), their features in `feats`.
pub fn candidates(
    doc: &Doc<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    cue: (usize, usize),
    feats: &mut Vec<u32>,
    out: &mut Vec<Cand>,
) {
    feats.clear();
    out.clear();
    let (cs, ce) = cue;
    let (ss, se) = doc.sentence(cs);
    let cue_key = doc.keys[cs];
    let cue_next = doc.keys.get(ce).copied().unwrap_or(2);
    let cue_quote = doc.quote_of[cs];
    // Running counts between candidate and cue, computed outwards from the cue.
    let lo = ss.max(cs.saturating_sub(BEFORE));
    let hi = se.min(ce + AFTER);
    let mut add = |i: usize, commas: usize, marks: usize, names: usize, feats: &mut Vec<u32>| {
        let a = feats.len();
        let right = i >= ce;
        let side = right as u64;
        let d = if right { i - ce + 1 } else { cs - i };
        let db = dist_bucket(d);
        let w = doc.keys[i];
        let key = |j: Option<usize>| j.and_then(|j| doc.keys.get(j).copied()).unwrap_or(1);
        let prev = key(i.checked_sub(1));
        let next = key(Some(i + 1));
        let pron = doc.pronoun(lex, i).map_or(0, |p| 1 + p as u64);
        let kind = doc.kind(i).map_or(0, |k| 1 + k as u64);
        let s = side << 8;
        feats.push(feat2(t::DIST, s | db, 0));
        feats.push(feat2(t::WORD, s, w));
        feats.push(feat2(t::PRON, s | pron, db));
        feats.push(feat2(t::KIND, s | kind, db));
        feats.push(feat2(t::NEXT, s, next));
        feats.push(feat2(t::PREV, s, prev));
        feats.push(feat2(t::PREV2, s, key(i.checked_sub(2))));
        feats.push(feat2(t::CUE, s | db.min(3), cue_key));
        feats.push(feat2(t::CUE_DIST, s | db, cue_key));
        feats.push(feat2(t::CUE_NEXT, s | kind, cue_next));
        feats.push(feat2(t::COMMAS, s | commas.min(3) as u64, db.min(4)));
        feats.push(feat2(t::MARKS, s | marks.min(2) as u64, kind));
        feats.push(feat2(
            t::IN_QUOTE,
            s | (doc.quote_of[i] == cue_quote) as u64,
            doc.in_quote(i) as u64,
        ));
        let lower = doc.word(i);
        feats.push(feat2(
            t::TITLE,
            s,
            (doc.is_cap(i) && is_title(gaz, lower)) as u64,
        ));
        feats.push(feat2(
            t::NOUN,
            s | lex.noun(w).map_or(0, |k| 1 + k as u64),
            db.min(4),
        ));
        feats.push(feat2(t::NAMES_BETWEEN, s | names.min(3) as u64, kind));
        feats.push(feat2(t::CAP, s | doc.is_cap(i) as u64, kind));
        feats.push(feat2(t::SENT_START, s | (i == ss) as u64, pron));
        let last = doc.mention_of[i] != super::doc::NONE
            && doc.mention_of.get(i + 1) != Some(&doc.mention_of[i]);
        feats.push(feat2(t::LAST_OF_MENTION, s | last as u64, kind));
        out.push(Cand {
            tok: i,
            a,
            b: feats.len(),
        });
    };
    let (mut commas, mut marks, mut names) = (0, 0, 0);
    let mut last_ent = super::doc::NONE;
    for i in (lo..cs).rev() {
        if doc.is_punct(i) {
            match doc.word(i) {
                "," => commas += 1,
                w if w.chars().all(super::marks::is_mark) => marks += 1,
                _ => {}
            }
            continue;
        }
        add(i, commas, marks, names, feats);
        if doc.ent_of[i] != super::doc::NONE && doc.mention_of[i] != last_ent {
            names += 1;
            last_ent = doc.mention_of[i];
        }
    }
    let (mut commas, mut marks, mut names) = (0, 0, 0);
    let mut last_ent = super::doc::NONE;
    for i in ce..hi {
        if doc.is_punct(i) {
            match doc.word(i) {
                "," => commas += 1,
                w if w.chars().all(super::marks::is_mark) => marks += 1,
                _ => {}
            }
            continue;
        }
        add(i, commas, marks, names, feats);
        if doc.ent_of[i] != super::doc::NONE && doc.mention_of[i] != last_ent {
            names += 1;
            last_ent = doc.mention_of[i];
        }
    }
    let a = feats.len();
    let pos = if cs == ss {
        0
    } else if ce >= se {
        2
    } else {
        1
    };
    feats.push(feat2(t::NULL, 0, 0));
    feats.push(feat2(t::NULL_CUE, cue_key, 0));
    feats.push(feat2(t::NULL_POS, pos, doc.in_quote(cs) as u64));
    out.push(Cand {
        tok: NULL,
        a,
        b: feats.len(),
    });
}

/// The index in `cands` of the best candidate.
pub fn choose(m: &dyn Scorer, feats: &[u32], cands: &[Cand]) -> usize {
    let mut best = (f32::MIN, cands.len().saturating_sub(1));
    for (k, c) in cands.iter().enumerate() {
        let s = m.rank(&feats[c.a..c.b]);
        if s > best.0 {
            best = (s, k);
        }
    }
    best.1
}

/// Whether a word is a title ("Mr.", "Sen.", "President").
pub fn is_title(gaz: &Gazetteer, w: &str) -> bool {
    let lower = w.to_lowercase();
    gaz.is_title(&lower) || gaz.is_title(lower.trim_end_matches('.'))
}

/// Words that begin a description and belong to it ("the", "a", "his").
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "one"
            | "some"
            | "several"
            | "many"
            | "two"
            | "three"
            | "another"
    )
}

/// The whole source phrase around head `h` (token range): its name mention, or
/// the words before it back to a determiner (at most four), within `limit`.
pub fn phrase(
    doc: &Doc<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    h: usize,
    limit: (usize, usize),
) -> (usize, usize) {
    let m = doc.mention_of[h];
    if m != super::doc::NONE {
        let mut a = h;
        while a > limit.0 && doc.mention_of[a - 1] == m {
            a -= 1;
        }
        let mut b = h + 1;
        while b < limit.1 && doc.mention_of[b] == m {
            b += 1;
        }
        // Its title: "Mr. Barrett", "Sen. Ted Cruz"; and the role before it:
        // "White House spokesman Josh Earnest".
        while a > limit.0 && doc.is_cap(a - 1) && is_title(gaz, doc.word(a - 1)) {
            a -= 1;
        }
        if a > limit.0 && a + 1 > h && lex.noun(doc.keys[a - 1]) == Some(crate::Kind::Person) {
            a -= 1;
            let mut k = 0;
            while a > limit.0 && k < 4 && doc.is_cap(a - 1) && doc.pronoun(lex, a - 1).is_none() {
                a -= 1;
                k += 1;
            }
        }
        return (a, b);
    }
    if doc.pronoun(lex, h).is_some() {
        return (h, h + 1);
    }
    // A description: "the Russian foreign ministry", "a senior U.S. official".
    let mut a = h;
    let mut k = 0;
    while a > limit.0 && k < 4 {
        let p = a - 1;
        if is_determiner(doc.word(p)) {
            a = p;
            break;
        }
        if doc.is_punct(p) || lex.cue(doc.keys[p]) > 0 || doc.pronoun(lex, p).is_some() {
            break;
        }
        a = p;
        k += 1;
    }
    // Give up on the extension if no determiner or name anchored it.
    if a < h && !is_determiner(doc.word(a)) && !doc.is_cap(a) {
        a = h;
    }
    // A capitalised head runs on to the name it qualifies: "European Council
    // President Donald Tusk", "Del. Stacey Plaskett".
    let mut b = h + 1;
    if doc.is_cap(h) {
        let mut k = 0;
        while b < limit.1 && k < 5 && (doc.is_cap(b) || doc.ent_of[b] != super::doc::NONE) {
            b += 1;
            k += 1;
        }
    } else if is_determiner(doc.word(a)) {
        // A description runs on to its noun: "an anonymous U.S. official",
        // "a spokesman for the ministry" — up to punctuation, a cue word or
        // a relative pronoun, at most five words.
        let mut k = 0;
        while b < limit.1
            && k < 5
            && !doc.is_punct(b)
            && lex.cue(doc.keys[b]) == 0
            && doc.pronoun(lex, b).is_none()
        {
            b += 1;
            k += 1;
        }
    }
    (a, b)
}
