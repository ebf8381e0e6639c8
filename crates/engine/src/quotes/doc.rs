//! One document as the quote finder sees it: the engine's tokens with
//! lower-cased word keys, sentences, paragraphs, quoted spans per token, and
//! which entity each token names (from [`DocActors`]).
//!
//! Sentences here end at '.', '!', '?' (with any closing marks after them) and
//! at line breaks; quoted spans are found separately ([`super::marks`]) because a
//! quote may hold several sentences or run over paragraphs.

use crate::gazetteer::Gazetteer;
use crate::hash::{SEED, hash_bytes};
use crate::token::{self, Token, flag};

use super::lexicon::Lexicon;
use crate::{DocActors, Kind};

use super::marks::{self, Quoted};

/// Sentinel for "none" in the per-token index vectors.
pub const NONE: u32 = u32::MAX;

pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    /// What each token is, as bits of [`cls`]: read by every feature of every
    /// decision, so worked out once per token rather than from the text.
    cls: Vec<u8>,
    /// Each token's cue prior ([`Lexicon::cue`]) with [`LEAD`] when the word
    /// leads longer cues: filled by [`Doc::prime`] (one lexicon lookup per
    /// token, which the cue tagger makes anyway); empty until then, when the
    /// lexicon is asked at each use.
    cue_of: Vec<u8>,
    /// Lower-cased word key of each token ([`crate::hash::word_key`]).
    pub keys: Vec<u64>,
    /// Sentence index of each token.
    pub sent_of: Vec<u32>,
    /// Token ranges of the sentences (end exclusive).
    pub sents: Vec<(u32, u32)>,
    /// Paragraph (line) index of each token.
    pub para_of: Vec<u32>,
    /// The outermost quoted span each token is inside (marks included), or NONE.
    pub quote_of: Vec<u32>,
    /// Outermost quoted spans with their token ranges.
    pub quotes: Vec<QSpan>,
    /// How many tokens before token `i` are inside quotes (`n + 1` entries), so
    /// that "is any token of this range quoted" is one subtraction.
    quoted_before: Vec<u32>,
    /// The entity a mention covering the token names, or NONE.
    pub ent_of: Vec<u32>,
    /// The mention covering the token (index into `actors.mentions`), or NONE.
    pub mention_of: Vec<u32>,
    pub actors: &'a DocActors,
}

/// Bits of a token's class.
mod cls {
    /// Punctuation or a symbol ([`flag::PUNCT`](crate::token::flag::PUNCT)).
    pub const PUNCT: u8 = 1;
    /// A quotation mark, alone.
    pub const MARK: u8 = 1 << 1;
    /// A word (not punctuation) with a capital first letter.
    pub const CAP: u8 = 1 << 2;
    /// A line break between this token and the one before.
    pub const BREAK: u8 = 1 << 3;
    /// A comma.
    pub const COMMA: u8 = 1 << 4;
}

/// The bit of [`Doc::cue_of`] for a word that leads longer cues.
const LEAD: u8 = 0x80;

/// An outermost quoted span with the tokens it covers (`first..end`).
#[derive(Debug, Clone, Copy)]
pub struct QSpan {
    pub q: Quoted,
    pub first: u32,
    pub end: u32,
}

fn is_terminal(c: &str) -> bool {
    matches!(c, "." | "!" | "?" | "…")
}

fn is_closer(c: &str) -> bool {
    matches!(c, "”" | "\"" | "’" | "'" | ")" | "]" | "»")
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, gaz: &Gazetteer, actors: &'a DocActors) -> Doc<'a> {
        Doc::with_tokens(text, token::tokenize(text, gaz), actors)
    }

    /// The document over tokens already made by [`token::tokenize`] (the
    /// actor engine's own, so that a text is tokenised once).
    pub fn with_tokens(text: &'a str, toks: Vec<Token>, actors: &'a DocActors) -> Doc<'a> {
        let n = toks.len();
        let bytes = text.as_bytes();
        let mut keys = Vec::with_capacity(n);
        let mut cls = Vec::with_capacity(n);
        let mut prev_end = 0usize;
        for t in &toks {
            let (a, b) = (t.start as usize, t.end as usize);
            // Token offsets are char boundaries of `text`, so its bytes are
            // the word's (read without the checks of a `str` slice).
            let w = bytes.get(a..b).unwrap_or_default();
            keys.push(hash_bytes(SEED, w, true));
            let mut c = 0u8;
            if t.has(flag::PUNCT) {
                c |= cls::PUNCT;
                // Every mark is one char of at most three bytes.
                let mut chars = t.text(text).chars();
                if w.len() <= 3
                    && let (Some(x), None) = (chars.next(), chars.next())
                    && marks::is_mark(x)
                {
                    c |= cls::MARK;
                }
            } else if t.has(flag::CAP) {
                c |= cls::CAP;
            }
            if w == b"," {
                c |= cls::COMMA;
            }
            // The gap between two tokens is a space or none as a rule.
            let gap = bytes.get(prev_end..a).unwrap_or_default();
            if keys.len() > 1
                && (gap.len() > 1 || gap.first().is_some_and(|&g| g != b' '))
                && gap.contains(&b'\n')
            {
                c |= cls::BREAK;
            }
            prev_end = b;
            cls.push(c);
        }
        // Sentences and paragraphs.
        let mut sent_of = vec![0u32; n];
        let mut para_of = vec![0u32; n];
        let mut sents = Vec::new();
        let mut start = 0usize;
        let mut para = 0u32;
        let mut i = 0;
        while i < n {
            // A line break between two tokens (the tokenizer's LINE_START also
            // marks the word after a line's opening punctuation).
            if cls[i] & cls::BREAK != 0 {
                if start < i {
                    sents.push((start as u32, i as u32));
                }
                start = i;
                para += 1;
            }
            para_of[i] = para;
            let t = toks[i];
            if cls[i] & cls::PUNCT == 0 || !is_terminal(t.text(text)) {
                i += 1;
                continue;
            }
            // "47.3", "$214.9": a full stop with no space after it ends nothing.
            let glued = text
                .get(t.end as usize..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_alphanumeric);
            if !glued {
                // Closing marks and brackets right after belong to this sentence.
                let mut j = i + 1;
                // A straight mark after a space opens the next sentence instead.
                while j < n
                    && cls[j] & (cls::PUNCT | cls::BREAK) == cls::PUNCT
                    && (is_closer(toks[j].text(text)) || is_terminal(toks[j].text(text)))
                    && (toks[j].start == toks[j - 1].end
                        || !matches!(toks[j].text(text), "\"" | "'"))
                {
                    para_of[j] = para;
                    j += 1;
                }
                // A sentence starts with a capital, a digit or a mark: "Rep.
                // Gwen Moore (D-Wis.) said" goes on after "Wis.)", and never
                // with a comma: "Mitch McConnell, R-Ky., said" goes on after
                // "Ky.".
                let goes_on = j < n
                    && (toks[j].has(flag::PUNCT) && matches!(toks[j].text(text), "," | ";")
                        || !toks[j].has(flag::PUNCT)
                            && !toks[j].has(flag::CAP)
                            && !toks[j].has(flag::DIGIT))
                    && cls[j] & cls::BREAK == 0;
                if goes_on {
                    i = j;
                    continue;
                }
                sents.push((start as u32, j as u32));
                start = j;
                i = j;
                continue;
            }
            i += 1;
        }
        if start < n {
            sents.push((start as u32, n as u32));
        }
        for (k, &(a, b)) in sents.iter().enumerate() {
            for s in &mut sent_of[a as usize..b as usize] {
                *s = k as u32;
            }
        }
        // Outermost quoted spans, mapped to tokens (tokens and spans both sorted).
        let mut quote_of = vec![NONE; n];
        let mut quotes = Vec::new();
        let mut t = 0;
        for q in marks::quoted_spans(text) {
            if q.nested || quotes.last().is_some_and(|p: &QSpan| q.start < p.q.end) {
                continue;
            }
            while t < n && (toks[t].start as usize) < q.start {
                t += 1;
            }
            let first = t;
            let k = quotes.len() as u32;
            while t < n && (toks[t].end as usize) <= q.end {
                quote_of[t] = k;
                t += 1;
            }
            quotes.push(QSpan {
                q,
                first: first as u32,
                end: t as u32,
            });
        }
        let mut quoted_before = Vec::with_capacity(n + 1);
        let mut count = 0u32;
        quoted_before.push(0);
        for &q in &quote_of {
            count += u32::from(q != NONE);
            quoted_before.push(count);
        }
        // Entity mentions, mapped to tokens.
        let mut ent_of = vec![NONE; n];
        let mut mention_of = vec![NONE; n];
        let mut t = 0;
        for (mi, m) in actors.mentions.iter().enumerate() {
            while t < n && (toks[t].end as usize) <= m.start {
                t += 1;
            }
            let mut u = t;
            while u < n && (toks[u].start as usize) < m.end {
                ent_of[u] = m.entity as u32;
                mention_of[u] = mi as u32;
                u += 1;
            }
        }
        Doc {
            text,
            toks,
            cls,
            cue_of: Vec::new(),
            keys,
            sent_of,
            sents,
            para_of,
            quote_of,
            quotes,
            quoted_before,
            ent_of,
            mention_of,
            actors,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// Looks up every token's cue prior once, for [`Doc::cue`].
    pub fn prime(&mut self, lex: &Lexicon) {
        self.cue_of = self
            .keys
            .iter()
            .map(|&k| match lex.cue_and_lead(k) {
                (c, true) => c | LEAD,
                (c, false) => c,
            })
            .collect();
    }

    /// The cue prior of token `i`'s word ([`Lexicon::cue`]).
    #[inline]
    pub fn cue(&self, lex: &Lexicon, i: usize) -> u8 {
        match self.cue_of.get(i) {
            Some(&c) => c & !LEAD,
            None => lex.cue(self.keys.get(i).copied().unwrap_or(0)),
        }
    }

    /// Whether token `i`'s word leads longer cues ([`Lexicon::lead`]).
    #[inline]
    pub fn lead(&self, lex: &Lexicon, i: usize) -> bool {
        match self.cue_of.get(i) {
            Some(&c) => c & LEAD != 0,
            None => lex.lead(self.keys.get(i).copied().unwrap_or(0)),
        }
    }

    #[inline]
    pub fn is_punct(&self, i: usize) -> bool {
        self.cls.get(i).is_some_and(|&c| c & cls::PUNCT != 0)
    }

    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        self.cls.get(i).is_some_and(|&c| c & cls::CAP != 0)
    }

    /// Whether token `i` is a comma.
    #[inline]
    pub fn is_comma(&self, i: usize) -> bool {
        self.cls.get(i).is_some_and(|&c| c & cls::COMMA != 0)
    }

    /// The sentence (token range) of token `i`.
    pub fn sentence(&self, i: usize) -> (usize, usize) {
        let s = self.sent_of.get(i).copied().unwrap_or(0) as usize;
        self.sents
            .get(s)
            .map_or((0, 0), |&(a, b)| (a as usize, b as usize))
    }

    /// The quoted span token `i` is in, if any.
    pub fn quote(&self, i: usize) -> Option<&QSpan> {
        let q = *self.quote_of.get(i)?;
        self.quotes.get(q as usize)
    }

    /// How many of tokens `a..b` are inside quotes.
    pub fn quoted(&self, a: usize, b: usize) -> usize {
        let at = |i: usize| {
            self.quoted_before
                .get(i.min(self.len()))
                .copied()
                .unwrap_or(0)
        };
        at(b).saturating_sub(at(a)) as usize
    }

    /// The first quoted span that opens at or after token `a` and before `b`,
    /// as a token range.
    pub fn first_quote_in(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let k = self.quotes.partition_point(|q| (q.first as usize) < a);
        let q = self.quotes.get(k)?;
        ((q.first as usize) < b && q.end > q.first).then_some((q.first as usize, q.end as usize))
    }

    pub fn in_quote(&self, i: usize) -> bool {
        self.quote_of.get(i).is_some_and(|&q| q != NONE)
    }

    /// The kind of the entity token `i` names, if it is in a mention.
    pub fn kind(&self, i: usize) -> Option<Kind> {
        let e = *self.ent_of.get(i)?;
        if e == NONE {
            return None;
        }
        self.actors.entity(e as usize).map(|e| e.kind)
    }

    /// Byte range of tokens `a..b` (empty at `a`'s start when `b <= a`).
    pub fn bytes(&self, a: usize, b: usize) -> (usize, usize) {
        let start = self
            .toks
            .get(a)
            .map_or(self.text.len(), |t| t.start as usize);
        if b <= a {
            return (start, start);
        }
        let end = self.toks.get(b - 1).map_or(start, |t| t.end as usize);
        (start, end.max(start))
    }

    /// The pronoun token `i` is, if any; "US" and "IT" in capitals are names.
    pub fn pronoun(&self, lex: &super::lexicon::Lexicon, i: usize) -> Option<super::lexicon::Pron> {
        let t = self.toks.get(i)?;
        if t.has(flag::UPPER) {
            return None;
        }
        lex.pronoun(self.keys[i])
    }

    /// Whether token `i` is a quotation mark.
    #[inline]
    pub fn is_mark(&self, i: usize) -> bool {
        self.cls.get(i).is_some_and(|&c| c & cls::MARK != 0)
    }
}
