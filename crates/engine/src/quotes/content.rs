//! Content: what a cue's attribution says. A few candidate spans are built by
//! rule from the sentence, the quoted spans and the source — the rest of the
//! sentence after the cue (and after a source that follows it), the sentence
//! before the cue (back to the opening mark of a quote that began sentences
//! earlier), the two quotes around a cue that splits one ("“A,” he said, “B.”"),
//! the next sentence or paragraph after a cue that ends its own ("He said:") —
//! and a learned ranker picks one.

use crate::hash::feat2;

use super::boundary;
use super::doc::{Doc, NONE};
use super::lexicon::Lexicon;
use super::model::Scorer;

mod t {
    pub const TYPE: u8 = 70;
    pub const CUE: u8 = 71;
    pub const LEN: u8 = 72;
    pub const MARKS: u8 = 73;
    pub const SOURCE: u8 = 74;
    pub const AFTER: u8 = 75;
    pub const BEFORE: u8 = 76;
    pub const POS: u8 = 77;
    pub const IN_QUOTE: u8 = 78;
    pub const CUE_SOURCE: u8 = 79;
    pub const AFTER2: u8 = 80;
    pub const CUE_LAST: u8 = 81;
    pub const RIGHT_LEN: u8 = 82;
    pub const SHAPE: u8 = 83;
    pub const RIGHT_START: u8 = 84;
    pub const GAP: u8 = 85;
    pub const JOIN: u8 = 86;
    pub const FIRST: u8 = 87;
    pub const LAST: u8 = 88;
}

/// Which rule made a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Right = 1,
    Left = 2,
    Split = 3,
    Next = 4,
    LeftQuote = 5,
    SplitNext = 6,
    RightQuote = 7,
    RightNext = 8,
    /// No content: the cue is no attribution's ("the ad targets …", "what
    /// the group calls …" read as a cue by the tagger). Ranked like the
    /// others, so that the content's own look can overrule the tagger.
    Null = 9,
}

/// A candidate content: up to two token ranges, features at `feats[a..b]`.
#[derive(Debug, Clone, Copy)]
pub struct Cand {
    pub ty: Type,
    pub parts: [(usize, usize); 2],
    pub a: usize,
    pub b: usize,
}

impl Cand {
    pub fn ranges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.parts.iter().copied().filter(|&(a, b)| b > a)
    }
}

fn len_bucket(n: usize) -> u64 {
    match n {
        0 => 0,
        1..=2 => 1,
        3..=5 => 2,
        6..=10 => 3,
        11..=20 => 4,
        21..=40 => 5,
        _ => 6,
    }
}

fn is_terminal(w: &str) -> bool {
    matches!(w, "." | "!" | "?" | "…")
}

/// Trims punctuation that does not belong to content from both ends of
/// `a..b`: commas, colons, dashes, a final full stop outside quotes.
fn trim(doc: &Doc<'_>, mut a: usize, mut b: usize) -> (usize, usize) {
    // At most a few steps each way: a sentence of a million commas must not
    // be walked once per cue in it.
    let (a0, b0) = (a, b);
    while a < b
        && a < a0 + 8
        && doc.is_punct(a)
        && matches!(doc.word(a), "," | ":" | ";" | "—" | "–" | "-")
    {
        a += 1;
    }
    while b > a
        && b + 8 > b0
        && doc.is_punct(b - 1)
        && matches!(doc.word(b - 1), "," | ":" | ";" | "—" | "–" | "-" | "(")
    {
        b -= 1;
    }
    if b > a && doc.is_punct(b - 1) && is_terminal(doc.word(b - 1)) && !doc.in_quote(b - 1) {
        b -= 1;
    }
    (a, b)
}

/// The quoted span that token `i` opens (it is the span's first token), if any.
fn opens_quote(doc: &Doc<'_>, i: usize) -> Option<(usize, usize)> {
    let q = doc.quote(i)?;
    (q.first as usize == i).then_some((q.first as usize, q.end as usize))
}

/// The quoted span that token `i` closes (its last token), if any.
fn closes_quote(doc: &Doc<'_>, i: usize) -> Option<(usize, usize)> {
    let q = doc.quote(i)?;
    (q.end as usize == i + 1 && q.q.closed).then_some((q.first as usize, q.end as usize))
}

/// The right side of cue `cue` with source `src`, as a token range: after the
/// cue (and after a source right behind it) to the sentence's end, or the end
/// of a quotation that opens there; trimmed of punctuation. Content after the
/// cue ends somewhere in it ([`super::boundary`]).
pub fn right_span(
    doc: &Doc<'_>,
    cue: (usize, usize),
    src: Option<(usize, usize)>,
) -> (usize, usize) {
    let (cs, ce) = cue;
    let (_, se) = doc.sentence(cs);
    let mut ra = ce;
    if let Some((a, b)) = src
        && a >= ce
        && a - ce <= 2
        && (ce..a).all(|i| doc.is_punct(i) || !doc.in_quote(i))
    {
        ra = b;
    }
    let mut rb = se.max(ra);
    // Stay inside the cue's own quote when the cue is quoted ("I think X,” he said).
    if doc.quote_of[cs] != NONE
        && let Some(q) = doc.quote(cs)
    {
        rb = rb.min(q.end as usize);
    }
    let (ra, mut rb2) = trim(doc, ra, rb);
    if ra < rb2
        && let Some((_, qe)) = opens_quote(doc, ra)
    {
        // A quote that opens here runs on as long as it runs.
        rb2 = rb2.max(qe);
    }
    (ra, rb2)
}

/// The candidates of cue `cue` with source `src` (token ranges), features in
/// `feats`; `stop` makes the boundary decisions of the right side.
#[allow(clippy::too_many_arguments)]
pub fn candidates(
    doc: &Doc<'_>,
    lex: &Lexicon,
    cue: (usize, usize),
    src: Option<(usize, usize)>,
    stop: &mut dyn FnMut(&[u32], usize) -> bool,
    feats: &mut Vec<u32>,
    out: &mut Vec<Cand>,
) {
    feats.clear();
    out.clear();
    let (cs, ce) = cue;
    let (ss, _) = doc.sentence(cs);
    let cue_in_quote = doc.quote_of[cs];
    // Where the source sits: none, just before the cue, just after it, elsewhere.
    let src_pos = match src {
        None => 0u64,
        Some((_, b)) if b <= cs && (b..cs).all(|i| doc.is_punct(i)) || b == cs => 1,
        Some((a, _)) if a >= ce && (ce..a).all(|i| doc.is_punct(i)) => 2,
        Some((a, _)) if a < cs => 3,
        Some(_) => 4,
    };
    let full = right_span(doc, cue, src);
    let right = if full.1 > full.0 + 1 {
        trim(
            doc,
            full.0,
            boundary::end(doc, lex, cue, full.0, full.1, stop),
        )
    } else {
        full
    };
    let se = doc.sentence(cs).1;

    // The left side: from the sentence start (or the opening mark of a quote
    // ending here) to the cue, or to the source right before it.
    let mut lb = cs;
    if let Some((a, b)) = src
        && b <= cs
        && (b..cs).all(|i| doc.is_punct(i))
    {
        lb = a;
    }
    let mut la = ss;
    if cue_in_quote != NONE
        && let Some(q) = doc.quote(cs)
    {
        la = la.max(q.first as usize);
    }
    let (la0, lb0) = trim(doc, la, lb);
    let mut left = (la0, lb0);
    // The quote that closes last before the cue (or before its source), a few
    // words back at most, in the same paragraph: "“A,” he said", "“A?” she
    // said" (a sentence of its own), "“A,” Obama's former campaign strategist
    // said". It may have opened sentences earlier.
    let mut left_quote = None;
    let mut gap = 0usize;
    let para = doc.para_of[cs];
    // Behind a source that an aside keeps from the cue, the quote is looked
    // for before the source: "“A,” Scott Pruitt, the attorney general of
    // Oklahoma, one of the states suing, said."
    let mut scan = lb;
    if let Some((a, _)) = src
        && a >= ss
        && a < lb
        && !(a..cs).any(|i| doc.is_mark(i))
    {
        scan = a;
    }
    let mut i = scan;
    while i > 0 && i + 12 > scan && doc.para_of[i - 1] == para {
        i -= 1;
        if doc.is_mark(i)
            && let Some((qa, qe)) = closes_quote(doc, i)
        {
            left_quote = Some((qa, qe));
            break;
        }
        if doc.in_quote(i) || (doc.is_punct(i) && is_terminal(doc.word(i))) {
            break;
        }
        gap += usize::from(!doc.is_punct(i));
    }
    if let Some((qa, _)) = left_quote
        && gap == 0
        && lb0 > la0
    {
        left.0 = left.0.min(qa);
    }
    // The quote after the cue's sentence, in the same paragraph: "“A,” he
    // said. “B.”" is one attribution in two parts.
    let next_quote = doc
        .sents
        .get(doc.sent_of[cs] as usize + 1)
        .map(|&(na, _)| na as usize)
        .filter(|&na| doc.para_of.get(na) == doc.para_of.get(cs))
        .and_then(|na| opens_quote(doc, na));
    // What the surroundings look like: a quote ends before the cue, one opens
    // right after it, one opens the next sentence, one opens later after it.
    let colon_quote = doc
        .first_quote_in(full.0 + 1, full.1.min(full.0 + 8))
        .is_some_and(|(q, _)| q > 0 && matches!(doc.word(q - 1), ":" | ","));
    let shape = u64::from(left_quote.is_some())
        | (u64::from(full.1 > full.0 && opens_quote(doc, full.0).is_some()) << 1)
        | (u64::from(next_quote.is_some()) << 2)
        | (u64::from(doc.quoted(full.0, full.1) > 0) << 3)
        | (u64::from(colon_quote) << 4);
    // How the words after the cue begin: a comma and a participle ("said,
    // using an acronym") is the cue's circumstance, not what was said.
    let right_start = {
        let comma = doc.word(ce) == ",";
        let w = doc.word(full.0);
        let ing = w.len() > 4 && w.ends_with("ing");
        comma as u64 | (ing as u64) << 1 | (doc.is_mark(full.0) as u64) << 2
    };
    let mut push = |ty: Type, parts: [(usize, usize); 2], feats: &mut Vec<u32>| {
        let len: usize = parts.iter().map(|&(a, b)| b.saturating_sub(a)).sum();
        if len == 0 && ty != Type::Null {
            return;
        }
        let first = parts[0].0;
        let last = parts
            .iter()
            .rev()
            .find(|p| p.1 > p.0)
            .map_or(first, |p| p.1 - 1);
        let ty_c = ty as u64;
        let a = feats.len();
        let key = |j: Option<usize>| j.and_then(|j| doc.keys.get(j).copied()).unwrap_or(1);
        let starts = (len > 0 && doc.is_mark(first)) as u64;
        let ends = (len > 0
            && (doc.is_mark(last) || (last > 0 && doc.is_mark(last - 1) && doc.is_punct(last))))
            as u64;
        let pos = if cs == ss {
            0
        } else if ce >= se || (ce..se).all(|i| doc.is_punct(i)) {
            2
        } else {
            1
        };
        feats.push(feat2(t::TYPE, ty_c, 0));
        feats.push(feat2(t::CUE, ty_c, doc.keys[cs]));
        feats.push(feat2(t::CUE_LAST, ty_c, doc.keys[ce - 1]));
        feats.push(feat2(t::LEN, ty_c, len_bucket(len)));
        feats.push(feat2(t::MARKS, ty_c, starts | ends << 1));
        feats.push(feat2(t::SOURCE, ty_c, src_pos));
        feats.push(feat2(t::CUE_SOURCE, ty_c | src_pos << 8, doc.keys[cs]));
        feats.push(feat2(t::AFTER, ty_c, key(Some(ce))));
        feats.push(feat2(t::AFTER2, ty_c, key(Some(ce + 1))));
        feats.push(feat2(t::BEFORE, ty_c, key(cs.checked_sub(1))));
        feats.push(feat2(t::POS, ty_c, pos));
        feats.push(feat2(t::IN_QUOTE, ty_c, (cue_in_quote != NONE) as u64));
        feats.push(feat2(
            t::RIGHT_LEN,
            ty_c,
            len_bucket(right.1.saturating_sub(right.0)),
        ));
        feats.push(feat2(t::SHAPE, ty_c, shape));
        feats.push(feat2(t::RIGHT_START, ty_c | shape << 8, right_start));
        feats.push(feat2(t::GAP, ty_c | shape << 8, gap.min(5) as u64));
        // The words it starts and ends with ("that …", "… on Tuesday").
        if len > 0 {
            feats.push(feat2(t::FIRST, ty_c, key(Some(first))));
            feats.push(feat2(t::LAST, ty_c, key(Some(last))));
        }
        if parts[1].1 > parts[1].0 {
            feats.push(feat2(t::JOIN, ty_c, join(doc, parts[0], parts[1])));
        }
        out.push(Cand {
            ty,
            parts,
            a,
            b: feats.len(),
        });
    };
    push(Type::Right, [right, (0, 0)], feats);
    // The quote that opens after an addressee or a time: "told reporters:
    // “…”", "said on Tuesday, “…”".
    if let Some(rq) = doc.first_quote_in(full.0 + 1, full.1.min(full.0 + 8)) {
        push(
            Type::RightQuote,
            [(rq.0, rq.1.min(full.1.max(rq.1))), (0, 0)],
            feats,
        );
    }
    push(Type::Left, [left, (0, 0)], feats);
    if let Some(lq) = left_quote {
        if lq != left {
            push(Type::LeftQuote, [lq, (0, 0)], feats);
        }
        // The first quote opening after the cue in its sentence ("“A,” Schiff
        // told reporters on Wednesday, “but B.”").
        if let Some(rq) = doc.first_quote_in(full.0, full.1) {
            push(Type::Split, [lq, rq], feats);
        }
    }
    if let (Some(lq), Some(nq)) = (left_quote, next_quote)
        && doc.quoted(full.0, full.1) == 0
    {
        push(Type::SplitNext, [lq, nq], feats);
    }
    // Reported speech that a quotation opening the next sentence goes on
    // with: "He promised that he stays in the race. “Let me be clear: …”".
    if let Some(nq) = next_quote
        && right.1 > right.0
        && right.1 + 2 >= full.1
        && doc.quoted(full.0, full.1) == 0
    {
        push(Type::RightNext, [right, nq], feats);
    }
    push(Type::Null, [(0, 0), (0, 0)], feats);
    if full.1 <= full.0 {
        // Nothing after the cue in its sentence: the next sentence (or the
        // quote it opens) — "He said:" ¶ "“…”".
        if let Some(&(na, nb)) = doc.sents.get(doc.sent_of[cs] as usize + 1) {
            let (na, nb) = (na as usize, nb as usize);
            let mut nb2 = nb;
            if let Some((_, qe)) = opens_quote(doc, na) {
                nb2 = nb2.max(qe);
            }
            let (a, b) = trim(doc, na, nb2);
            push(Type::Next, [(a, b), (0, 0)], feats);
        }
    }
}

/// How the two parts of a joined candidate meet (a feature code): the
/// punctuation that ends the first ("," for a sentence the cue interrupts,
/// a full stop for one that ends), and whether the second opens on a
/// lower-case word (the interrupted sentence going on: “…,” she said, “and
/// …”) or on a capital (a new sentence, perhaps another speaker's).
fn join(doc: &Doc<'_>, first: (usize, usize), second: (usize, usize)) -> u64 {
    let mut k = first.1 - 1;
    if doc.is_mark(k) && k > first.0 {
        k -= 1;
    }
    let end = match doc.word(k) {
        "," => 1,
        "." => 2,
        "!" | "?" => 3,
        _ if doc.is_punct(k) => 4,
        _ => 0,
    };
    let mut j = second.0;
    if doc.is_mark(j) && j + 1 < second.1 {
        j += 1;
    }
    let lower = doc.word(j).starts_with(|c: char| c.is_lowercase()) as u64;
    end | lower << 3
}

/// The index in `cands` of the best candidate, if there is any.
pub fn choose(m: &dyn Scorer, feats: &[u32], cands: &[Cand]) -> Option<usize> {
    let mut best: Option<(f32, usize)> = None;
    for (k, c) in cands.iter().enumerate() {
        let s = m.rank(&feats[c.a..c.b]);
        if best.is_none_or(|b| s > b.0) {
            best = Some((s, k));
        }
    }
    best.map(|b| b.1)
}
