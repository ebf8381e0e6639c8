//! The team sense of place names in sports reports: "Australia beat Sri Lanka"
//! names the Australian cricket team, "Boris Becker of Germany" and "in
//! Melbourne" name places. One string names different entities in different
//! articles, and only the context tells which.
//!
//! Two learned parts, both trained on CoNLL-2003 train by
//! `examples/train_sport.rs` and kept as data in `assets/sport/`:
//!
//! 1. [`SportModel::document_sport`]: which sport a document reports on, if any.
//!    A news-wire headline naming the sport ("CRICKET - ...", the names in
//!    `sports.tsv`) decides; otherwise the document's words do
//!    (`sport/document.rs`: a vote of strongly sport- or news-specific words,
//!    then naive Bayes over word presence).
//! 2. [`team_senses`]: in a document about a team sport, whether each place-name
//!    candidate names a team. A logistic model over its context
//!    (`sport/context.rs`: neighbouring words, the shape of its line, the sport)
//!    — never the name itself, so that what it learnt from clubs named after
//!    their town (ORG in CoNLL) carries over to national teams (LOC there even
//!    when they are teams). A mention's score is read together with the mean
//!    score of its name in the document (a report mostly uses a name in one
//!    sense); a place name the tagger called an organisation is a team; a
//!    dateline never is.
//!
//! A document that is not about a team sport costs one hash look-up for each
//! of its first [`MAX_WORDS`] words.

use rustc_hash::FxHashMap;

use super::Form;
use super::Kind;
use super::candidates::{Candidate, phrase};
use super::features::{DocCtx, hash_bytes, title_case};
use super::gazetteer::{Entry, Gazetteer};
use super::token::Token;

mod context;
mod document;
pub mod nicknames;
#[cfg(test)]
mod tests;
#[cfg(any(test, feature = "eval"))]
pub mod train;

pub use context::{Line, context_features, is_dateline, line_of};
use document::DocModel;
pub use document::doc_words;

const SPORTS: &str = include_str!("../../../assets/sport/sports.tsv");
const DOC: &str = include_str!("../../../assets/sport/doc.tsv");
const TEAM: &str = include_str!("../../../assets/sport/team.tsv");

/// Smoothing of the sport-or-not word vote's document frequencies.
pub const VOTE_ALPHA: f64 = 0.5;
/// A word votes when it is this many times (log) likelier in one side's documents.
pub const VOTE_CUT: f64 = 2.0;
/// Smoothing of the per-sport naive Bayes.
pub const BAYES_ALPHA: f64 = 0.1;
/// A mention's team score counts at most this much, for itself and towards
/// the other mentions of its name in the document.
const CLAMP: f32 = 3.0;
/// The classifier reads at most this many words of a document: the sport is
/// clear from the start, and a long document costs no more than a short one.
pub const MAX_WORDS: usize = 200;
/// The class of documents about no sport, and of sports with too few
/// training documents to be told apart, in `doc.tsv`.
pub const NONE: &str = "none";
pub const OTHER: &str = "other";

/// A sport: an index into [`SportModel::sports`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sport(pub u8);

/// A sport of `sports.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SportInfo {
    pub name: String,
    /// Its sides are named after places.
    pub team: bool,
    /// Headline names, upper case ("RUGBY UNION").
    pub headlines: Vec<String>,
}

/// Everything [`team_senses`] needs, loaded once (held by the engine).
#[derive(Debug, Clone, Default)]
pub struct SportModel {
    pub sports: Vec<SportInfo>,
    doc: DocModel,
    /// Context feature hash → weight of "names a team".
    team: FxHashMap<u64, f32>,
}

/// Data lines: not empty, not a `#` comment.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        // After trim_end a line is blank only if empty.
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Parses `sports.tsv`.
pub fn parse_sports(text: &str) -> Vec<SportInfo> {
    lines(text)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?.trim().to_string();
            let team = cols.next()?.trim() == "team";
            let headlines = cols
                .next()
                .unwrap_or("")
                .split('|')
                .map(|h| h.trim().to_uppercase())
                .filter(|h| !h.is_empty())
                .collect();
            Some(SportInfo {
                name,
                team,
                headlines,
            })
        })
        .take(usize::from(u8::MAX))
        .collect()
}

/// The hash a team-model feature string is keyed by.
pub fn feature_key(f: &str) -> u64 {
    hash_bytes(0x5eed_5b0f_7a11_c0de, f.as_bytes(), false)
}

impl SportModel {
    /// The model built into the binary.
    pub fn builtin() -> SportModel {
        SportModel::from_data(SPORTS, DOC, TEAM)
    }

    /// A model from the texts of `sports.tsv`, `doc.tsv` and `team.tsv`. Lines
    /// that do not parse are skipped (the files are ours, written by the trainer).
    pub fn from_data(sports: &str, doc: &str, team: &str) -> SportModel {
        let sports = parse_sports(sports);
        let doc = DocModel::parse(doc, &sports);
        let team = lines(team)
            .filter_map(|l| {
                let (f, w) = l.rsplit_once('\t')?;
                Some((feature_key(f), w.trim().parse::<f32>().ok()?))
            })
            .collect();
        SportModel { sports, doc, team }
    }

    /// The sport of a name in `sports.tsv`.
    pub fn sport(&self, name: &str) -> Option<Sport> {
        self.sports
            .iter()
            .position(|s| s.name == name)
            .map(|i| Sport(i as u8))
    }

    pub fn info(&self, s: Sport) -> Option<&SportInfo> {
        self.sports.get(s.0 as usize)
    }

    /// The sport's name ("" for an index out of range).
    pub fn name(&self, s: Sport) -> &str {
        self.info(s).map_or("", |i| i.name.as_str())
    }

    /// The sport a news-wire headline names before " - " on the first line.
    pub fn headline_sport(&self, text: &str) -> Option<Sport> {
        let first = text.trim_start().lines().next()?;
        let (prefix, _) = first.split_once(" - ")?;
        let prefix = prefix.trim();
        if prefix.len() > 30 {
            return None;
        }
        self.sports
            .iter()
            .position(|s| s.headlines.iter().any(|h| h.eq_ignore_ascii_case(prefix)))
            .map(|i| Sport(i as u8))
    }

    /// Which sport the document reports on, if any; `None` also for a sport the
    /// classifier cannot tell ("other").
    pub fn document_sport(&self, text: &str, toks: &[Token]) -> Option<Sport> {
        self.headline_sport(text)
            .or_else(|| self.doc.classify(text, toks, 0).flatten())
    }

    /// The classifier's answer on the document's words alone, without the
    /// headline rule: `None` no sport, `Some(None)` a sport it cannot tell
    /// ("other"), `Some(Some(s))` sport `s`. Tokens before byte `skip_before` are
    /// not read (for measuring it on headline-labelled data).
    pub fn classify_words(
        &self,
        text: &str,
        toks: &[Token],
        skip_before: usize,
    ) -> Option<Option<Sport>> {
        self.doc.classify(text, toks, skip_before)
    }

    /// Whether the model has learnt anything (an empty one marks no teams).
    pub fn is_empty(&self) -> bool {
        self.doc.is_empty() || self.team.is_empty()
    }

    /// The context features of a name with their weights (for explaining a
    /// decision; [`Self::team_score`] is their sum).
    pub fn explain(
        &self,
        text: &str,
        toks: &[Token],
        first: usize,
        last: usize,
        sport: &str,
    ) -> Vec<(String, f32)> {
        let mut out = Vec::new();
        let line = line_of(toks, first, last);
        context_features(text, toks, first, last, sport, line, &mut |f| {
            let w = self.team.get(&feature_key(f)).copied().unwrap_or(0.0);
            out.push((f.to_string(), w));
        });
        out
    }

    /// Score of "names a team" for the candidate on tokens `first..=last`.
    pub fn team_score(
        &self,
        text: &str,
        toks: &[Token],
        first: usize,
        last: usize,
        sport: &str,
    ) -> f32 {
        self.score_in_line(text, toks, first, last, sport, line_of(toks, first, last))
    }

    /// [`Self::team_score`] with the candidate's line given.
    fn score_in_line(
        &self,
        text: &str,
        toks: &[Token],
        first: usize,
        last: usize,
        sport: &str,
        line: Line,
    ) -> f32 {
        let mut score = 0.0;
        context_features(text, toks, first, last, sport, line, &mut |f| {
            score += self.team.get(&feature_key(f)).copied().unwrap_or(0.0);
        });
        score
    }
}

/// Whether a candidate is a place name: the tagger's place, or a gazetteer
/// country, city or region whatever the tagger called it (not a demonym).
pub fn is_place_name(ctx: &DocCtx<'_>, c: &Candidate) -> bool {
    if c.form != Form::Name {
        return false;
    }
    if c.kind == Kind::Place {
        return true;
    }
    if let Some(id) = c.known {
        return ctx.gaz.actors.get(id as usize).map(|a| a.kind) == Some(Kind::Place);
    }
    if c.kind == Kind::Person {
        return false;
    }
    place_entry(ctx.gaz, &phrase(ctx, c.first, c.last))
}

fn place_entry(gaz: &Gazetteer, (p, l): &(String, String)) -> bool {
    let entry = gaz.lookup(p, l).or_else(|| gaz.lookup(&title_case(l), l));
    match entry {
        Some(Entry::Place) => true,
        Some(Entry::Actor(id)) => gaz.actors.get(id as usize).map(|a| a.kind) == Some(Kind::Place),
        _ => false,
    }
}

/// For each candidate (same order as `cands`), the sport in which it names a
/// team, if it does: only place names in a document about a team sport, never
/// a dateline.
pub fn team_senses(
    ctx: &DocCtx<'_>,
    cands: &[Candidate],
    model: &SportModel,
) -> Vec<Option<Sport>> {
    let sport = model.document_sport(ctx.text, ctx.toks);
    team_senses_in(ctx, cands, model, sport)
}

/// [`team_senses`] for a document whose sport the caller has decided
/// (`model.document_sport`), so that it is decided once.
pub fn team_senses_in(
    ctx: &DocCtx<'_>,
    cands: &[Candidate],
    model: &SportModel,
    sport: Option<Sport>,
) -> Vec<Option<Sport>> {
    let mut out = vec![None; cands.len()];
    if cands.is_empty() || model.is_empty() {
        return out;
    }
    let Some(sport) = sport else {
        return out;
    };
    let Some(info) = model.info(sport).filter(|i| i.team) else {
        return out;
    };
    // Scores of the place names, and their sum per name: one report mostly
    // uses a name in one sense, so a mention's context is read together with
    // the other mentions of the same name.
    let mut scored: Vec<(usize, u64, f32)> = Vec::new();
    // Candidates come in text order: one line's shape serves all its names.
    let mut line: Option<Line> = None;
    for (i, c) in cands.iter().enumerate() {
        if c.last >= ctx.toks.len()
            || !is_place_name(ctx, c)
            || is_dateline(ctx.text, ctx.toks, c.first, c.last)
        {
            continue;
        }
        // The tagger, trained on the same labels, already calls some clubs
        // named after their town organisations ("CHICAGO" in a results table).
        let score = if c.kind == Kind::Organization {
            f32::INFINITY
        } else {
            let l = match line {
                Some(l) if (l.start..=l.end).contains(&c.first) && c.last <= l.end => l,
                _ => line_of(ctx.toks, c.first, c.last),
            };
            line = Some(l);
            model.score_in_line(ctx.text, ctx.toks, c.first, c.last, &info.name, l)
        };
        let name = ctx.text.get(c.start..c.end).unwrap_or("");
        scored.push((i, hash_bytes(0, name.as_bytes(), true), score));
    }
    let mut sums: FxHashMap<u64, (f32, usize)> = FxHashMap::default();
    for (_, name, score) in &scored {
        let e = sums.entry(*name).or_default();
        e.0 += score.clamp(-CLAMP, CLAMP);
        e.1 += 1;
    }
    for (i, name, score) in &scored {
        let (sum, n) = sums.get(name).copied().unwrap_or((0.0, 1));
        if score.clamp(-CLAMP, CLAMP) + sum / n as f32 > 0.0 {
            out[*i] = Some(sport);
        }
    }
    out
}
