//! What they said: attributions — direct quotes, reported speech and the mixed
//! kind — with their cue ("said", "according to"), source ("Kerry", "he", "the
//! ministry") and content spans, each attributed to an entity of the document
//! where the text allows.
//!
//! Pipeline per document, after the actor engine ([`Engine::analyze`]):
//! tokens, sentences and quoted spans ([`doc`], [`marks`]) → cues, by a greedy
//! perceptron tagger over the words of a cue lexicon ([`cue`]) → for each cue
//! its source head, ranked among the words near it ([`source`]) → its content,
//! ranked among a few spans built by rule ([`content`]) → the source's entity:
//! the name in it, or a pronoun or description resolved to the nearest
//! compatible actor ([`attribute`]). The three decisions share one small
//! averaged perceptron ([`model`]) trained on PolNeAR (`examples/train_quotes.rs`).
//!
//! Offsets are byte offsets into the analysed text, on char boundaries; any
//! text is accepted, and the work is linear in its length.

pub mod attribute;
pub mod boundary;
pub mod content;
pub mod cue;
pub mod doc;
pub mod lexicon;
pub mod marks;
pub mod model;
#[cfg(any(test, feature = "eval"))]
pub mod polnear;
pub mod source;
#[cfg(any(test, feature = "eval"))]
pub mod train;

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::OnceLock;

use serde::Serialize;

use crate::gazetteer::Gazetteer;
use crate::{DocActors, Engine};

use attribute::{Prior, Resolver};
use doc::Doc;
use lexicon::Lexicon;
use model::{Scorer, Weights};

/// The trained weights (rebuilt by `examples/train_quotes.rs`).
const MODEL: &[u8] = include_bytes!("../../../../assets/quotes/model.bin");

/// Direct ("“…,” he said"), indirect ("he said that …") or mixed (reported
/// speech with a quoted phrase in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

impl QuoteKind {
    pub fn label(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }

    /// The kind of an attribution whose content reads `s`.
    pub fn of(s: &str) -> QuoteKind {
        if marks::fully_quoted(s) {
            QuoteKind::Direct
        } else if marks::has_quote(s) {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        }
    }
}

/// One attribution in one document. Byte ranges into the document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub cue: Option<Range<usize>>,
    pub source: Option<Range<usize>>,
    /// What was said: one range, or several for a quote split around its cue.
    pub content: Vec<Range<usize>>,
    /// The entity (index into the document's [`DocActors`]) the source names.
    pub entity: Option<usize>,
    /// The source is a name or description that is no entity of the document
    /// ("Civil rights activists", "a senior official"): the source's own words
    /// are the best name of the speaker. False for pronouns.
    pub described: bool,
    pub kind: QuoteKind,
}

impl Quote {
    /// Who said it: the entity's name, or, for a source that names no entity,
    /// the source's words without a leading article; `None` for an unresolved
    /// pronoun or no source.
    pub fn actor<'a>(&self, text: &'a str, actors: &'a DocActors) -> Option<&'a str> {
        if let Some(e) = self.entity.and_then(|e| actors.entity(e)) {
            return Some(e.name);
        }
        if !self.described {
            return None;
        }
        let s = text.get(self.source.clone()?)?.trim();
        let s = match s.split_once(' ') {
            Some((first, rest))
                if matches!(first.to_ascii_lowercase().as_str(), "the" | "a" | "an") =>
            {
                rest
            }
            _ => s,
        };
        Some(s.trim_end_matches([',', ' ']))
    }

    /// From the first content byte to the last.
    pub fn extent(&self) -> Range<usize> {
        let start = self.content.first().map_or(0, |r| r.start);
        let end = self.content.last().map_or(start, |r| r.end);
        start..end.max(start)
    }
}

/// The quote finder: its word lists and weights.
#[derive(Debug, Clone)]
pub struct Quoter {
    pub lex: Lexicon,
    pub weights: Weights,
}

impl Quoter {
    /// The finder with the lists and weights built into the binary, decoded once.
    pub fn builtin() -> &'static Quoter {
        static BUILTIN: OnceLock<Quoter> = OnceLock::new();
        BUILTIN.get_or_init(|| Quoter {
            lex: Lexicon::builtin(),
            // Written by our own trainer; a corrupt file (only possible in a
            // broken build) leaves the finder without weights: it then finds
            // nothing rather than failing.
            weights: Weights::from_bytes(MODEL).unwrap_or_default(),
        })
    }

    /// The attributions of `text`, whose actors are `actors` (from
    /// [`Engine::analyze`] with the gazetteer `gaz`).
    pub fn extract(&self, text: &str, gaz: &Gazetteer, actors: &DocActors) -> Vec<Quote> {
        let mut doc = Doc::new(text, gaz, actors);
        doc.prime(&self.lex);
        run(&doc, &self.lex, gaz, &self.weights)
    }

    /// [`Quoter::extract`] with another cue bias (see [`cue::START_BIAS`]).
    pub fn extract_with_bias(
        &self,
        text: &str,
        gaz: &Gazetteer,
        actors: &DocActors,
        bias: f32,
    ) -> Vec<Quote> {
        let mut doc = Doc::new(text, gaz, actors);
        doc.prime(&self.lex);
        run_with(&doc, &self.lex, gaz, &self.weights, bias)
    }
}

impl Engine {
    /// The attributions of `text`, given its actors from [`Engine::analyze`].
    pub fn quotes(&self, text: &str, actors: &DocActors) -> Vec<Quote> {
        Quoter::builtin().extract(text, self.gazetteer(), actors)
    }

    /// [`Engine::analyze`] and [`Engine::quotes`] in one, over one
    /// tokenisation of the text.
    pub fn analyze_with_quotes(&self, text: &str) -> (DocActors, Vec<Quote>) {
        let toks = crate::token::tokenize(text, self.gazetteer());
        let actors = self.analyze_tokens(text, &toks);
        let q = Quoter::builtin();
        let quotes = {
            let mut doc = Doc::with_tokens(text, toks, &actors);
            doc.prime(&q.lex);
            run(&doc, &q.lex, self.gazetteer(), &q.weights)
        };
        (actors, quotes)
    }
}

/// Direct when the content starts and ends with a quotation mark (before a
/// final comma or stop), mixed when a mark is inside, else indirect — decided
/// on tokens, so in constant time whatever the content's length.
fn kind_of(doc: &Doc<'_>, c: &content::Cand) -> QuoteKind {
    let parts: Vec<(usize, usize)> = c.ranges().collect();
    let (Some(&(a, _)), Some(&(_, b))) = (parts.first(), parts.last()) else {
        return QuoteKind::Indirect;
    };
    let mut last = b - 1;
    while last > a && last + 3 > b && doc.is_punct(last) && !doc.is_mark(last) {
        last -= 1;
    }
    if doc.is_mark(a) && doc.is_mark(last) && parts.iter().all(|&(x, y)| doc.quoted(x, y) == y - x)
    {
        QuoteKind::Direct
    } else if parts.iter().any(|&(x, y)| doc.quoted(x, y) > 0) || doc.is_mark(a) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Runs the finder over one document with any scorer (the trained weights, or
/// the model being trained).
pub(crate) fn run(doc: &Doc<'_>, lex: &Lexicon, gaz: &Gazetteer, m: &dyn Scorer) -> Vec<Quote> {
    run_with(doc, lex, gaz, m, cue::START_BIAS)
}

/// [`run`] with another cue bias (for tuning).
pub fn run_with(
    doc: &Doc<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    m: &dyn Scorer,
    bias: f32,
) -> Vec<Quote> {
    let cues = cue::find(doc, lex, m, bias);
    run_cues(doc, lex, gaz, m, cues)
}

/// The attributions of the given cues (token ranges, sorted).
pub fn run_cues(
    doc: &Doc<'_>,
    lex: &Lexicon,
    gaz: &Gazetteer,
    m: &dyn Scorer,
    cues: Vec<(usize, usize)>,
) -> Vec<Quote> {
    let resolver = Resolver::new(doc, lex);
    let mut out = Vec::with_capacity(cues.len());
    let mut prior: Vec<Prior> = Vec::with_capacity(cues.len());
    let (mut sf, mut sc) = (Vec::new(), Vec::new());
    let (mut cf, mut cc) = (Vec::new(), Vec::new());
    for c in cues {
        source::candidates(doc, lex, gaz, c, &mut sf, &mut sc);
        let mut head = sc[source::choose(m, &sf, &sc)].tok;
        if head == source::NULL {
            head = source::fallback(doc, lex, c).unwrap_or(source::NULL);
        }
        let (ss, se) = doc.sentence(c.0);
        let src = (head != source::NULL).then(|| {
            let limit = if head < c.0 { (ss, c.0) } else { (c.1, se) };
            let s = source::phrase(doc, lex, gaz, head, limit);
            source::grow(doc, lex, gaz, s, limit)
        });
        let mut stop = |f: &[u32], _| {
            let s = m.scores(f);
            s[boundary::STOP as usize] > s[boundary::GO as usize]
        };
        content::candidates(doc, lex, c, src, &mut stop, &mut cf, &mut cc);
        // A signature's content is the quotation it signs.
        let signed = cue::signature(doc, c.0)
            .then(|| {
                let left = |ty| cc.iter().position(|x: &content::Cand| x.ty == ty);
                left(content::Type::LeftQuote).or_else(|| left(content::Type::Left))
            })
            .flatten();
        let Some(k) = signed.or_else(|| content::choose(m, &cf, &cc)) else {
            continue;
        };
        if cc[k].ty == content::Type::Null {
            continue;
        }
        let content: Vec<Range<usize>> = cc[k]
            .ranges()
            .map(|(a, b)| {
                let (x, y) = doc.bytes(a, b);
                x..y
            })
            .filter(|r| !r.is_empty())
            .collect();
        if content.is_empty() {
            continue;
        }
        let entity = src.and_then(|s| resolver.resolve(doc, lex, s, c.0, &prior));
        // A source that is nobody of the cast is described by its own words
        // when it reads as a noun phrase ("an anonymous U.S. official",
        // "Civil rights activists"); never a pronoun, nor a stray adverb or
        // number the source ranker settled on.
        let described = entity.is_none()
            && src.is_some_and(|s| source::nounlike(doc, lex, attribute::head_of(doc, s)));
        let kind = kind_of(doc, &cc[k]);
        let extent = (content[0].start, content[content.len() - 1].end);
        prior.push(Prior {
            cue: c.0,
            entity,
            content: extent,
        });
        let (ca, cb) = doc.bytes(c.0, c.1);
        out.push(Quote {
            cue: Some(ca..cb),
            source: src.map(|(a, b)| {
                let (x, y) = doc.bytes(a, b);
                x..y
            }),
            content,
            entity,
            described,
            kind,
        });
    }
    out
}
