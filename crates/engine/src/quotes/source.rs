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
/// How far back a name right after a closing quotation may be: the speaker
/// of "“…,” Leonard E. Burman, director of the … Center and a professor at
/// …, said", whose long apposition keeps him out of the usual reach.
const BEFORE_QUOTED: usize = 40;
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
    pub const HEAD_PRIOR: u8 = 62;
    pub const SUBJECT: u8 = 63;
    pub const SUBJECT_CUE: u8 = 64;
    pub const AFTER_QUOTE: u8 = 65;
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
    // A participle after a comma (", saying", ", adding that") takes the
    // subject of the clause it hangs on, however far back that subject is:
    // "Kremlin spokesman Dmitry Peskov also cast a negative light on the
    // talks, saying …". The sentence's first name or noun before the cue is
    // that subject more often than not.
    let participle = cs > ss && doc.word(cs - 1) == "," && {
        let w = doc.word(cs);
        w.len() > 4 && w.ends_with("ing")
    };
    // The subject as a token range: the first run of names and nouns that
    // speak ("Kremlin spokesman Dmitry Peskov"), looked for only when the
    // sentence starts within the candidates' reach.
    // A participle's subject may stand further back, behind a long clause
    // ("Sen. Mark Kirk, R-Ill., who faces …, rescinded his endorsement of
    // Trump, saying …"): looked for among the sentence's first words.
    let lo = ss.max(cs.saturating_sub(BEFORE));
    let subject = if lo == ss {
        subject_of(doc, lex, ss, cs)
    } else if participle {
        subject_of(doc, lex, ss, cs.min(ss + BEFORE_QUOTED))
    } else {
        None
    };
    let is_subject = |i: usize| subject.is_some_and(|(a, b)| a <= i && i < b);
    // Whether token `i` comes right after a closing quotation mark (and a
    // comma): where the speaker of "“…,” Name said" stands.
    let after_quote = |i: usize| {
        let mut k = i;
        if k > 0 && doc.word(k - 1) == "," {
            k -= 1;
        }
        k > 0
            && doc.is_mark(k - 1)
            && !doc.in_quote(i)
            && doc
                .quote(k - 1)
                .is_some_and(|q| q.end as usize == k && q.q.closed)
    };
    // Running counts between candidate and cue, computed outwards from the cue.
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
        let lower = doc.word(i);
        let last = doc.mention_of[i] != super::doc::NONE
            && doc.mention_of.get(i + 1) != Some(&doc.mention_of[i]);
        let subj = is_subject(i) as u64;
        feats.extend_from_slice(&[
            feat2(t::DIST, s | db, 0),
            feat2(t::WORD, s, w),
            feat2(t::PRON, s | pron, db),
            feat2(t::KIND, s | kind, db),
            feat2(t::NEXT, s, next),
            feat2(t::PREV, s, prev),
            feat2(t::PREV2, s, key(i.checked_sub(2))),
            feat2(t::CUE, s | db.min(3), cue_key),
            feat2(t::CUE_DIST, s | db, cue_key),
            feat2(t::CUE_NEXT, s | kind, cue_next),
            feat2(t::COMMAS, s | commas.min(3) as u64, db.min(4)),
            feat2(t::MARKS, s | marks.min(2) as u64, kind),
            feat2(
                t::IN_QUOTE,
                s | (doc.quote_of[i] == cue_quote) as u64,
                doc.in_quote(i) as u64,
            ),
            feat2(t::TITLE, s, (doc.is_cap(i) && is_title(gaz, lower)) as u64),
            feat2(
                t::NOUN,
                s | lex.noun(w).map_or(0, |k| 1 + k as u64),
                db.min(4),
            ),
            feat2(t::NAMES_BETWEEN, s | names.min(3) as u64, kind),
            feat2(t::CAP, s | doc.is_cap(i) as u64, kind),
            feat2(t::SENT_START, s | (i == ss) as u64, pron),
            feat2(t::LAST_OF_MENTION, s | last as u64, kind),
            feat2(t::HEAD_PRIOR, s | lex.head(w) as u64, db.min(4)),
            feat2(t::AFTER_QUOTE, s | after_quote(i) as u64, kind),
            feat2(t::SUBJECT, s | subj, participle as u64),
            feat2(t::SUBJECT_CUE, s | subj << 1 | participle as u64, cue_key),
        ]);
        out.push(Cand {
            tok: i,
            a,
            b: feats.len(),
        });
    };
    let (mut commas, mut marks, mut names) = (0, 0, 0);
    let mut last_ent = super::doc::NONE;
    // Beyond the usual reach, only a name right after a closing quotation.
    let far = ss.max(cs.saturating_sub(BEFORE_QUOTED));
    for i in (far..cs).rev() {
        if doc.is_punct(i) {
            match doc.word(i) {
                "," => commas += 1,
                w if w.chars().all(super::marks::is_mark) => marks += 1,
                _ => {}
            }
            continue;
        }
        if (i >= lo || is_subject(i) || (doc.ent_of[i] != super::doc::NONE && after_quote(i)))
            && may_head(doc, lex, i)
        {
            add(i, commas, marks, names, feats);
        }
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
        if may_head(doc, lex, i) {
            add(i, commas, marks, names, feats);
        }
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

/// Whether token `i` is a name or a noun that speaks, outside quotes.
fn noun_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> bool {
    !doc.is_punct(i)
        && !doc.in_quote(i)
        && (doc.ent_of[i] != super::doc::NONE || lex.speaker_noun(doc.keys[i]))
}

/// The subject of a sentence starting at `ss` whose cue starts at `cs`, as a
/// token range: the first run of names and nouns that speak ("Kremlin
/// spokesman Dmitry Peskov"), or its first pronoun.
fn subject_of(doc: &Doc<'_>, lex: &Lexicon, ss: usize, cs: usize) -> Option<(usize, usize)> {
    (ss..cs)
        .find(|&i| noun_at(doc, lex, i) || doc.pronoun(lex, i).is_some())
        .map(|a| {
            let mut b = a + 1;
            while b < cs
                && noun_at(doc, lex, a)
                && (noun_at(doc, lex, b) || (doc.is_cap(b) && !doc.in_quote(b)))
            {
                b += 1;
            }
            (a, b)
        })
}

/// The head the grammar gives a cue when the ranker chose nobody: the
/// subject of its clause when nothing but auxiliaries, adverbs and a
/// qualifying phrase stand between them ("Scott's family has called on",
/// "Johnnie Wilson, of Springfield, Va., said", "The city of Phoenix is
/// demanding"); or, after a quotation or a comma, the person the cue
/// introduces ("…," said 9/11 widow Terry Strada). `None` when neither
/// construction is there.
pub fn fallback(doc: &Doc<'_>, lex: &Lexicon, cue: (usize, usize)) -> Option<usize> {
    let (cs, ce) = cue;
    if doc.in_quote(cs) {
        return None;
    }
    let (ss, se) = doc.sentence(cs);
    if cs > ss
        && cs - ss <= BEFORE
        && let Some((a, mut b)) = subject_of(doc, lex, ss, cs)
    {
        // On over a possessive to the noun it determines: "Scott's family".
        while b + 1 < cs
            && matches!(doc.word(b), "'s" | "’s" | "'" | "’")
            && noun_at(doc, lex, b + 1)
        {
            b += 2;
            while b < cs && noun_at(doc, lex, b) {
                b += 1;
            }
        }
        // After "of", "in" or a comma, a name, a date or an age qualifies
        // the subject ("of Springfield, Va.,", "in 2008", ", 59,"); any
        // other word but an auxiliary or an adverb is a verb or a noun of
        // another clause.
        let mut qualified = false;
        let gap = (b..cs).all(|i| {
            let w = doc.word(i);
            if doc.in_quote(i) {
                return false;
            }
            if w == ","
                || super::attribute::ends_chunk(w)
                    && !matches!(w, "who" | "whom" | "whose" | "which" | "that")
            {
                qualified = true;
                return true;
            }
            if qualified
                && (doc.is_cap(i)
                    || doc.ent_of[i] != super::doc::NONE
                    || w.chars().all(|c| c.is_ascii_digit() || c == '.'))
            {
                return true;
            }
            !doc.is_punct(i) && (lex.non_head(doc.keys[i]) || ly_adverb(doc, lex, i))
        });
        if gap && a < b && cs - b <= 8 {
            return Some(b - 1);
        }
    }
    // A participle clause takes the subject of the clause it hangs on: the
    // sentence's subject for one after a comma ("Rubio fired back: '…,'
    // referencing …"), the subject after the clause for one that opens the
    // sentence ("Noting that …, Schlafly wrote", "Since announcing …, Mr.
    // Biden has").
    let w = doc.word(cs);
    let ing = ce == cs + 1 && w.len() > 4 && w.to_ascii_lowercase().ends_with("ing");
    if ing
        && cs > ss
        && doc.word(cs - 1) == ","
        && let Some((a, b)) = subject_of(doc, lex, ss, cs - 1)
        && a < b
    {
        return Some(b - 1);
    }
    let opens = cs == ss || (cs == ss + 1 && lex.non_head(doc.keys[ss]));
    if ing && opens {
        for k in ce..se {
            if doc.word(k) != "," || doc.in_quote(k) {
                continue;
            }
            let f = if k + 2 < se && is_determiner(doc.word(k + 1)) {
                k + 2
            } else {
                k + 1
            };
            if f < se && (noun_at(doc, lex, f) || doc.pronoun(lex, f).is_some()) {
                let mut b = f + 1;
                while b < se && noun_at(doc, lex, f) && noun_at(doc, lex, b) {
                    b += 1;
                }
                return Some(b - 1);
            }
        }
    }
    let after_mark = cs > ss && {
        let w = doc.word(cs - 1);
        w == "," || w.chars().all(super::marks::is_mark)
    };
    if after_mark {
        let mut j = ce;
        while j < se.min(ce + 5)
            && doc.kind(j) != Some(crate::Kind::Person)
            && !matches!(doc.word(j), "," | ";" | ":" | "(")
            && !doc.in_quote(j)
            && !lex.non_head(doc.keys[j])
            && doc.cue(lex, j) == 0
        {
            j += 1;
        }
        if j < se && doc.kind(j) == Some(crate::Kind::Person) {
            return Some(j);
        }
    }
    None
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
    // Lower-cased on the stack for short ASCII words (this runs for every
    // capitalised candidate source).
    crate::gazetteer::with_lower(w, |lower| {
        gaz.is_title(lower) || gaz.is_title(lower.trim_end_matches('.'))
    })
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
        // A name that qualifies the noun after it: "an anonymous U.S.
        // official", "the Trump campaign", "Kremlin spokesman" are
        // descriptions headed by that noun.
        let mut end = h + 1;
        while end < limit.1 && doc.mention_of[end] == m {
            end += 1;
        }
        let e = plain_run(doc, lex, end, (end + 3).min(limit.1));
        if let Some(n) = (end..e).rev().find(|&j| lex.speaker_noun(doc.keys[j])) {
            return description(doc, lex, n, limit);
        }
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
    description(doc, lex, h, limit)
}

/// A description around its head noun `h`: "the Russian foreign ministry",
/// "a senior U.S. official", "Scott's family".
fn description(doc: &Doc<'_>, lex: &Lexicon, h: usize, limit: (usize, usize)) -> (usize, usize) {
    let mut a = h;
    let mut k = 0;
    while a > limit.0 && k < 4 {
        let p = a - 1;
        if is_determiner(doc.word(p)) {
            a = p;
            break;
        }
        // A possessive is a determiner too: "Scott's family", "the
        // ministry's spokeswoman"; the name or noun before it comes along.
        if doc.toks[p].has(crate::token::flag::POSS) && p > limit.0 {
            a = p - 1;
            let m = doc.mention_of[a];
            while m != super::doc::NONE && a > limit.0 && doc.mention_of[a - 1] == m {
                a -= 1;
            }
            if a > limit.0 && is_determiner(doc.word(a - 1)) {
                a -= 1;
            }
            break;
        }
        if doc.is_punct(p) || doc.cue(lex, p) > 0 || doc.pronoun(lex, p).is_some() {
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
            && doc.cue(lex, b) == 0
            && doc.pronoun(lex, b).is_none()
        {
            b += 1;
            k += 1;
        }
    }
    (a, b)
}

/// Whether token `i` may stand between a role and the name it introduces:
/// a title or role ("nominee", "Sen."), a noun that speaks, a capitalised
/// qualifier ("Democratic", "Kremlin").
fn role_word(doc: &Doc<'_>, lex: &Lexicon, gaz: &Gazetteer, i: usize) -> bool {
    !doc.is_punct(i)
        && doc.pronoun(lex, i).is_none()
        && doc.cue(lex, i) == 0
        && (doc.is_cap(i)
            || is_title(gaz, doc.word(i))
            || lex.noun(doc.keys[i]) == Some(crate::Kind::Person)
            || lex.head(doc.keys[i]) > 0)
}

/// The end of a bracketed aside that opens at token `i` ("(R-Fla.)", "(D)"):
/// a few tokens, no cue word in it.
fn aside_end(doc: &Doc<'_>, lex: &Lexicon, i: usize, limit: usize) -> Option<usize> {
    if i >= limit || doc.word(i) != "(" {
        return None;
    }
    (i + 1..limit.min(i + 7))
        .take_while(|&j| doc.cue(lex, j) == 0)
        .find(|&j| doc.word(j) == ")")
        .map(|j| j + 1)
}

/// Grows a source phrase to the whole of who it is: the person a role
/// introduces ("Democratic nominee Hillary Clinton", "spokesman John
/// Kirby"), the party and state after a name ("Rep. John Mica (R-Fla.)",
/// "Paul Ryan, R-Wis."), and, for a description or an aside in apposition
/// to a person just before it, that person ("Michael Mulgrew, president of
/// the teachers' union", "Claire McCaskill (D-Mo.)"). Within `limit`.
pub fn grow(
    doc: &Doc<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    src: (usize, usize),
    limit: (usize, usize),
) -> (usize, usize) {
    let (mut a, mut b) = src;
    let person_at = |i: usize| doc.kind(i) == Some(crate::Kind::Person);
    let mention_start = |i: usize| {
        let m = doc.mention_of[i];
        let mut s = i;
        while s > limit.0 && doc.mention_of[s - 1] == m {
            s -= 1;
        }
        while s > limit.0 && doc.is_cap(s - 1) && is_title(gaz, doc.word(s - 1)) {
            s -= 1;
        }
        s
    };
    // Back to the person this phrase stands in apposition to, when it names
    // nobody itself ("Michael Mulgrew, president of the union"), or whose
    // bracketed aside it is ("Claire McCaskill (D-Mo.)").
    let head = super::attribute::head_of(doc, src);
    let before_person = a > limit.0 + 1 && person_at(a - 2);
    let aside = before_person
        .then(|| aside_end(doc, lex, a - 1, limit.1))
        .flatten();
    let appositive = before_person
        && doc.word(a - 1) == ","
        && super::attribute::named(doc, head).is_none()
        && doc.pronoun(lex, head).is_none();
    if aside.is_some() || appositive {
        a = mention_start(a - 2);
        b = b.max(aside.unwrap_or(b));
    }
    // On to the name a role introduces.
    if !person_at(b.saturating_sub(1)) {
        let mut j = b;
        while j < limit.1 && j < b + 3 && !person_at(j) && role_word(doc, lex, gaz, j) {
            j += 1;
        }
        if j < limit.1 && person_at(j) {
            let m = doc.mention_of[j];
            while j < limit.1 && doc.mention_of[j] == m {
                j += 1;
            }
            b = j;
        }
    }
    // On to the person a description stands in apposition to, after a
    // comma: "his Russian counterpart, Sergey Lavrov, did agree" — the name
    // closed by a comma or the limit, so that "the ministry, Lavrov said"
    // stays apart.
    // The description's own noun may come first ("his Russian counterpart"
    // when the ranker settled on "Russian").
    let k = plain_run(doc, lex, b, (b + 2).min(limit.1));
    if !person_at(b.saturating_sub(1))
        && k + 1 < limit.1
        && doc.word(k) == ","
        && person_at(k + 1)
        && doc.pronoun(lex, head).is_none()
        && super::attribute::named(doc, head).is_none()
    {
        let m = doc.mention_of[k + 1];
        let mut j = k + 1;
        while j < limit.1 && doc.mention_of[j] == m {
            j += 1;
        }
        if j == limit.1 || doc.word(j) == "," {
            b = j;
        }
    }
    if person_at(b.saturating_sub(1)) {
        if let Some(e) = aside_end(doc, lex, b, limit.1) {
            b = e;
        } else if b + 2 < limit.1
            && doc.word(b) == ","
            && doc.toks[b + 1].has(crate::token::flag::HYPHEN)
            && doc.word(b + 1).as_bytes().get(1) == Some(&b'-')
        {
            // ", R-Wis.,": the party and state, AP style.
            b += 2;
            while b < limit.1 && doc.is_punct(b) && doc.word(b) != "," {
                b += 1;
            }
        }
    }
    (a.min(src.0), b.max(src.1))
}

/// The end of the run of plain words from `from` (before `until`): lower
/// case, no punctuation, pronoun or cue word — the words a description adds
/// to its noun ("counterpart", "spokesman for").
fn plain_run(doc: &Doc<'_>, lex: &Lexicon, from: usize, until: usize) -> usize {
    (from..until)
        .find(|&i| {
            doc.is_punct(i)
                || doc.is_cap(i)
                || doc.pronoun(lex, i).is_some()
                || doc.cue(lex, i) != 0
        })
        .unwrap_or(until.max(from))
}

/// Whether a word ending in "-ly" is an adverb ("angrily", "universally"):
/// lower case, longer than four letters, and no noun that speaks ("family",
/// "assembly").
fn ly_adverb(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> bool {
    let w = doc.word(i);
    w.len() > 4
        && !doc.is_cap(i)
        && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ly")
        && !lex.speaker_noun(doc.keys[i])
}

/// Whether token `i` may head a source: not a word of the closed classes
/// that never head a noun phrase ("and", "despite", "would", "perhaps"),
/// unless it is part of a name ("Theresa May"); not an "-ly" adverb, nor a
/// number ("said 9/11 widow Terry Strada": the source is no "9"). The
/// ranker would otherwise settle on such a word next to the cue now and
/// then, and the source would be that word alone.
pub fn may_head(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> bool {
    doc.mention_of[i] != super::doc::NONE
        || !(lex.non_head(doc.keys[i])
            || ly_adverb(doc, lex, i)
            || !doc.word(i).chars().any(char::is_alphabetic))
}

/// Whether the head word `h` of a source reads as a noun, so that the
/// source's own words may name the speaker: not a number, an adverb ("-ly"),
/// a determiner, a preposition or a word of attribution.
pub fn nounlike(doc: &Doc<'_>, lex: &Lexicon, h: usize) -> bool {
    let w = doc.word(h);
    if doc.is_punct(h) || doc.pronoun(lex, h).is_some() || !w.chars().any(char::is_alphabetic) {
        return false;
    }
    !ly_adverb(doc, lex, h)
        && !is_determiner(w)
        && !super::attribute::ends_chunk(w)
        && doc.cue(lex, h) < 3
}
